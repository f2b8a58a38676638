import { DEFAULT_THRESHOLD } from '../../core/match/match.js';
import { ListwatchError } from '../../core/errors.js';
import type { Store, CapabilitySql } from '../../store/store.js';
import { canonicalJson } from '../audit/canonical.js';
import { appendAudit, getAuditEntry, listVersions, type AuditEntry } from '../audit/audit.js';
import { coverageFor } from '../coverage/coverage.js';
import { coverageReaderFor } from '../coverage/http.js';
import type { Coverage } from '../coverage/warnings.js';
import { BatchTally, summaryLists, type BatchOutcome, type BatchSummary } from '../report/batch-summary.js';
import { withCoverage, type CsvAuditContext } from '../screen/batch-audit-columns.js';
import { FINAL_STATES, getJob, readResults, type JobView } from './batch.js';

/**
 * A batch job's audit at finish (issue #11): when a job ends (done, failed or cancelled), one
 * entry `screen.batch.finish` records its row counts by outcome, the digest of its answers, the
 * record revision, each list's version and the coverage for its role. The entry at submission
 * (`screen.batch`) records the upload; this one what came back. Exactly once per job: the entry
 * and its `job_audit` row are written in one transaction under the job row's lock.
 *
 * The digest is of the JSONL results AS DOWNLOADED (`GET /jobs/{id}/results?format=jsonl`,
 * `listwatch batch results ID --output FILE.jsonl`): one record per input row, in input order,
 * the first carrying the job's `coverage` (the one recorded here); `sha256sum` of that file equals
 * the entry's answer digest.
 */
export const JOB_FINISH_ACTION = 'screen.batch.finish';

/** What the finish entry keeps in `details` (beside options, revision, list versions and digest). */
export interface JobFinishDetails {
  via: 'job';
  jobId: string;
  state: string;
  rows: number;
  outcomes: Record<BatchOutcome, number>;
  fileName?: string;
  fileHash?: string;
  fileBytes?: number;
  submittedAt: string;
  startedAt?: string;
  finishedAt?: string;
  coverage: Coverage;
}

/**
 * A job's result lines as the JSONL download has them: every input row once, in input order
 * (`readResults`), the first record with `coverage` added (`withCoverage`).
 */
export async function* jobJsonlLines(sql: CapabilitySql, jobId: string, coverage: Coverage | undefined): AsyncGenerator<string> {
  let first = true;
  for await (const line of readResults(sql, jobId)) {
    yield first ? withCoverage(line, coverage) : line;
    first = false;
  }
}

/** The finish entry of a job, or null when it has none (yet). */
export async function jobAuditEntry(store: Store, jobId: string): Promise<AuditEntry | null> {
  const [row] = await store.sql.query<{ seq: number }>('SELECT seq FROM job_audit WHERE job_id = $1', [jobId]);
  return row ? getAuditEntry(store, Number(row.seq)) : null;
}

/**
 * Audits a finished job once and returns its finish entry (the existing one when it was audited
 * already); null while the job is not finished, or when it is gone. Reads every result once (to
 * count and digest), outside any transaction; the append itself is one short transaction under
 * the job row's lock, so concurrent callers (the worker that finished it, a request that found it
 * unaudited) record one entry between them.
 */
export async function auditJobFinish(store: Store, jobId: string, opts: { maxAgeDays?: number } = {}): Promise<AuditEntry | null> {
  const existing = await jobAuditEntry(store, jobId);
  if (existing) return existing;
  const job = await getJob(store.sql, jobId);
  if (!job || !FINAL_STATES.includes(job.state)) return null;
  const { asOf, role } = job.options;
  const [revision, live, versions] = await Promise.all([
    store.getRevision(),
    coverageFor(store, { asOf, ...(role ? { role } : {}), ...(opts.maxAgeDays !== undefined ? { maxAgeDays: opts.maxAgeDays } : {}) }),
    listVersions(store, asOf),
  ]);
  // As the entry will give it back (canonical JSON: keys sorted), so downloads write the same bytes as were digested.
  const coverage = JSON.parse(canonicalJson(live)) as Coverage;
  const tally = new BatchTally();
  for await (const line of jobJsonlLines(store.sql, jobId, coverage)) tally.add(line);
  const details: JobFinishDetails = {
    via: 'job', jobId, state: job.state, rows: tally.rows, outcomes: tally.outcomes,
    ...(job.fileName ? { fileName: job.fileName } : {}), ...(job.fileSha256 ? { fileHash: `sha256:${job.fileSha256}` } : {}),
    ...(job.fileBytes !== undefined ? { fileBytes: job.fileBytes } : {}),
    submittedAt: job.createdAt, ...(job.startedAt ? { startedAt: job.startedAt } : {}), ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    coverage,
  };
  const seq = await store.sql.transaction(async (tx) => {
    const [locked] = await tx.query('SELECT id FROM jobs WHERE id = $1 FOR UPDATE', [jobId]);
    if (!locked) return null;
    const [had] = await tx.query<{ seq: number }>('SELECT seq FROM job_audit WHERE job_id = $1', [jobId]);
    if (had) return Number(had.seq);
    const entry = await appendAudit(tx, {
      actor: job.createdBy ?? 'system:jobs',
      action: JOB_FINISH_ACTION,
      subject: job.fileName ?? `job ${jobId}`,
      options: { ...job.options },
      revision,
      listVersions: versions,
      answerDigest: tally.digest(),
      details: details as unknown as Record<string, unknown>,
    });
    await tx.query('INSERT INTO job_audit (job_id, seq) VALUES ($1, $2)', [jobId, entry.seq]);
    return entry.seq;
  });
  return seq === null ? null : getAuditEntry(store, seq);
}

const finishDetails = (e: AuditEntry | null): JobFinishDetails | undefined => (e?.details as JobFinishDetails | undefined);

/**
 * The coverage of a job's answers: the one recorded at its finish, else (queued, running) the
 * store's now for the job's date and role.
 */
export async function jobCoverage(store: Store, job: JobView, entry?: AuditEntry | null, maxAgeDays?: number): Promise<Coverage> {
  const recorded = finishDetails(entry === undefined ? await jobAuditEntry(store, job.id) : entry)?.coverage;
  if (recorded) return recorded;
  // Cached per store revision and date: the batch page polls a running job several times a second.
  return coverageReaderFor(store).get(job.options.asOf, job.options.role, maxAgeDays);
}

/** What a job's view gains from its audit: coverage always; outcomes and the finish entry once finished. */
export interface JobAuditView {
  coverage: Coverage;
  outcomes?: Record<BatchOutcome, number>;
  audit?: { seq: number; hash: string; answerDigest?: string };
}

/**
 * The audit side of a job for GET /jobs/{id} and `batch status --json`. A finished job that has
 * no finish entry yet (its worker died between the last write and the audit) is audited now.
 */
export async function jobAuditView(store: Store, job: JobView): Promise<JobAuditView> {
  const entry = FINAL_STATES.includes(job.state) ? await auditJobFinish(store, job.id) : null;
  const d = finishDetails(entry);
  return {
    coverage: await jobCoverage(store, job, entry),
    ...(d ? { outcomes: d.outcomes } : {}),
    ...(entry ? { audit: { seq: entry.seq, hash: entry.hash, ...(entry.answerDigest ? { answerDigest: entry.answerDigest } : {}) } } : {}),
  };
}

/** The context of a job's CSV audit columns: when it began, the revision, its threshold and coverage. */
export async function jobCsvAudit(store: Store, job: JobView): Promise<CsvAuditContext> {
  const entry = await jobAuditEntry(store, job.id);
  return {
    screenedAt: job.startedAt ?? job.createdAt,
    revision: entry?.revision ?? (await store.getRevision()),
    threshold: job.options.threshold ?? DEFAULT_THRESHOLD,
    coverage: await jobCoverage(store, job, entry),
  };
}

/**
 * The summary report of a finished job (audited now if it was not). CONFLICT while it is queued
 * or running: the report is of a batch's answers, which are not all in yet.
 */
export async function jobSummary(store: Store, job: JobView): Promise<BatchSummary> {
  if (!FINAL_STATES.includes(job.state)) throw new ListwatchError('CONFLICT', `job ${job.id} is ${job.state}: its summary report is made when it finishes`, { field: 'id' });
  const entry = await auditJobFinish(store, job.id);
  const d = finishDetails(entry);
  if (!entry || !d) throw new ListwatchError('NOT_FOUND', `job ${job.id} not found`, { field: 'id' });
  return {
    input: job.fileName ?? `job ${job.id}`,
    fileHash: d.fileHash ?? 'unknown (not recorded at upload)',
    ...(job.fileBytes !== undefined ? { fileBytes: job.fileBytes } : {}),
    jobId: job.id,
    state: job.state,
    screenedAt: job.startedAt ?? job.createdAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    actor: entry.actor,
    asOf: job.options.asOf,
    threshold: job.options.threshold ?? DEFAULT_THRESHOLD,
    ...(job.options.role ? { role: job.options.role } : {}),
    revision: entry.revision ?? '',
    rows: d.rows,
    outcomes: d.outcomes,
    lists: await summaryLists(store, d.coverage),
    warnings: d.coverage.warnings.map((w) => w.message),
    answerDigest: entry.answerDigest ?? '',
    digestOf: 'sha256 of the JSONL results as downloaded: GET /jobs/{id}/results?format=jsonl or `listwatch batch results ID --output FILE.jsonl`',
    audit: { seq: entry.seq, hash: entry.hash, action: entry.action },
  };
}
