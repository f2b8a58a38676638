import { randomUUID } from 'node:crypto';
import { ListwatchError } from '../../core/errors.js';
import type { IsoDate } from '../../core/model.js';
import type { CapabilitySql } from '../../store/store.js';
import type { BatchRow } from '../screen/batch-core.js';
import { DEFAULT_BATCH_LIMITS, nameProblem, type BatchLimits } from '../screen/batch-io-limits.js';
import type { Role } from '../types.js';
import type { JobQueue } from './queue.js';

/** The queue of batch chunks, and where a chunk goes once every retry failed. */
export const BATCH_CHUNK = 'batch-chunk';
export const BATCH_CHUNK_DEAD = 'batch-chunk-dead';

/** Rows per chunk (one queued run, one results row). Large enough that queue overhead is small, small enough that a retry is cheap. */
export const DEFAULT_CHUNK_SIZE = 1000;

/** Errors kept on the job row for display (every row error is also in the results). */
const MAX_KEPT_ERRORS = 100;

/**
 * A job's state. The four of the CLI contract keep their meaning: `queued` (no row screened yet),
 * `running`, `done` (every row has its result), `failed` (the job itself could not run: its
 * rows' results stop where it failed). `cancelled` is added: stopped by a user; results so far stay.
 */
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** A finished job never changes state again. */
export const FINAL_STATES: readonly JobState[] = ['done', 'failed', 'cancelled'];

/** Options every row of a batch job is screened with. */
export interface BatchJobOptions {
  asOf: IsoDate;
  threshold?: number;
  limit?: number;
  role?: Role;
  includeInactive?: boolean;
}

/**
 * Per-job limits: the batch reader's (`batch-io-limits.ts`, configurable at the entry points with
 * `LISTWATCH_BATCH_MAX_ROWS`, `LISTWATCH_BATCH_MAX_NAME`). More rows is BAD_FILE naming the line;
 * a name over the length (or with control characters) is an error record for that row, the job goes on.
 * Applied on submit whatever reader produced the rows (the API's and the CLI's).
 */
export type JobLimits = Pick<BatchLimits, 'maxRows' | 'maxNameLength'>;

/** The batch reader's defaults (10 M rows, 1,000-character names). */
export const DEFAULT_JOB_LIMITS: Readonly<JobLimits> = DEFAULT_BATCH_LIMITS;

/** A stored input row: a batch row (with `problem` when it breaks a limit: it is then not screened). */
export type JobRow = BatchRow;

/** What is known about the upload, recorded with the job. */
export interface SubmitInfo {
  fileName?: string;
  /** SHA-256 of the uploaded bytes, hex. */
  fileSha256?: string;
  fileBytes?: number;
  /** Who submitted it (audit actor form: `key:…`, `local:…`). */
  createdBy?: string;
  /** Rows per chunk (default 1,000). */
  chunkSize?: number;
  /** Default DEFAULT_JOB_LIMITS. */
  limits?: JobLimits;
}

/** A job as the CLI, API and UI show it. `done` counts rows with a result; `total` is final once `sealed`. */
export interface JobView {
  id: string;
  kind: string;
  state: JobState;
  done: number;
  total: number;
  /** False while the upload is still being stored (total still growing). */
  sealed: boolean;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  firstResultAt?: string;
  finishedAt?: string;
  createdBy?: string;
  options: BatchJobOptions;
  fileName?: string;
  fileSha256?: string;
  fileBytes?: number;
  chunks: number;
  chunkSize: number;
  /** Rows with at least one hit. */
  withHits: number;
  /** Rows that could not be screened (each has an `error` record in the results). */
  rowErrors: number;
  /** The first row errors, with their line. */
  errors: { line: number; problem: string }[];
  failure?: string;
}

type Row = Record<string, unknown>;

const iso = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

function toView(r: Row): JobView {
  const v: JobView = {
    id: String(r.id), kind: String(r.kind), state: r.state as JobState, done: Number(r.done), total: Number(r.total), sealed: Boolean(r.sealed),
    createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!, options: r.options as BatchJobOptions,
    chunks: Number(r.chunks), chunkSize: Number(r.chunk_size), withHits: Number(r.with_hits), rowErrors: Number(r.row_errors),
    errors: r.errors as JobView['errors'],
  };
  const opt: [keyof JobView, unknown][] = [
    ['startedAt', iso(r.started_at)], ['firstResultAt', iso(r.first_result_at)], ['finishedAt', iso(r.finished_at)],
    ['createdBy', r.created_by], ['fileName', r.file_name], ['fileSha256', r.file_sha256],
    ['fileBytes', r.file_bytes === null || r.file_bytes === undefined ? undefined : Number(r.file_bytes)], ['failure', r.failure],
  ];
  for (const [k, val] of opt) if (val !== null && val !== undefined) (v as unknown as Record<string, unknown>)[k] = val;
  return v;
}

/** One chunk run's data in the queue: the chunk, and optionally a part of it (rows `from` ≤ i < `to` of the chunk). */
export interface ChunkRef {
  jobId: string;
  chunk: number;
  from?: number;
  to?: number;
}

/**
 * Stores a batch job and queues its chunks as the rows arrive: each chunk of rows is written to
 * `job_inputs` and queued at once, so workers start on the first chunk while the rest of a large
 * upload is still being read. When the rows end, the job is sealed with its total. A reader that
 * fails part-way (BAD_FILE at line N) or an input without rows removes the job and everything
 * stored for it, then rethrows: nothing is half-written (chunks already queued find no job and stop).
 */
export async function submitBatch(sql: CapabilitySql, queue: JobQueue, rows: AsyncIterable<BatchRow> | Iterable<BatchRow>, options: BatchJobOptions, info: SubmitInfo = {}): Promise<JobView> {
  const id = randomUUID();
  const chunkSize = info.chunkSize ?? DEFAULT_CHUNK_SIZE;
  await sql.query(
    `INSERT INTO jobs (id, kind, state, created_by, options, file_name, file_sha256, file_bytes, chunk_size)
     VALUES ($1, 'batch-screen', 'queued', $2, $3::jsonb, $4, $5, $6, $7)`,
    [id, info.createdBy ?? null, JSON.stringify(options), info.fileName ?? null, info.fileSha256 ?? null, info.fileBytes ?? null, chunkSize],
  );
  let total = 0;
  let chunk = 0;
  const limits = info.limits ?? DEFAULT_JOB_LIMITS;
  let buf: JobRow[] = [];
  const flush = async (): Promise<void> => {
    if (!buf.length) return;
    const n = buf.length;
    await sql.transaction(async (tx) => {
      await tx.query('INSERT INTO job_inputs (job_id, chunk, first_row, rows, body) VALUES ($1, $2, $3, $4, $5)', [id, chunk, total, n, JSON.stringify(buf)]);
      await tx.query('UPDATE jobs SET total = total + $2, chunks = chunks + 1, updated_at = now() WHERE id = $1', [id, n]);
    });
    const ref: ChunkRef = { jobId: id, chunk };
    await queue.send(BATCH_CHUNK, ref);
    total += n;
    chunk++;
    buf = [];
  };
  try {
    for await (const r of rows) {
      if (total + buf.length >= limits.maxRows) {
        throw new ListwatchError('BAD_FILE', `line ${r.line}: more than ${limits.maxRows} rows (the limit of one job); split the file`, { file: info.fileName ?? 'upload', line: r.line });
      }
      const problem = r.problem ?? nameProblem(r.name, limits);
      buf.push(problem ? { ...r, name: r.name.length > 200 ? `${r.name.slice(0, 200)}…` : r.name, problem } : r);
      if (buf.length >= chunkSize) await flush();
    }
    await flush();
    if (total === 0) throw new ListwatchError('BAD_FILE', 'the file has no rows to screen', { file: info.fileName ?? 'upload' });
  } catch (e) {
    await sql.query('DELETE FROM jobs WHERE id = $1', [id]).catch(() => undefined);
    throw e;
  }
  // Chunks may all have finished already: then the job is done the moment it is sealed.
  const [row] = await sql.query(
    `UPDATE jobs SET sealed = true, updated_at = now(),
       state = CASE WHEN state IN ('queued', 'running') AND done >= total THEN 'done' ELSE state END,
       finished_at = CASE WHEN state IN ('queued', 'running') AND done >= total THEN now() ELSE finished_at END
     WHERE id = $1 RETURNING *`, [id]);
  if (!row) throw new ListwatchError('CONFLICT', `job ${id} was deleted while it was being submitted`);
  if (row.state === 'done') await sql.query('DELETE FROM job_inputs WHERE job_id = $1', [id]);
  return toView(row);
}

/** One job, or null. */
export async function getJob(sql: CapabilitySql, id: string): Promise<JobView | null> {
  const [row] = await sql.query('SELECT * FROM jobs WHERE id = $1', [id]);
  return row ? toView(row) : null;
}

/** One job; NOT_FOUND naming the id when there is none. */
export async function requireJob(sql: CapabilitySql, id: string): Promise<JobView> {
  const job = await getJob(sql, id);
  if (!job) throw new ListwatchError('NOT_FOUND', `job ${id} not found`, { field: 'id' });
  return job;
}

/** The newest jobs first (at most `limit`, default 50), optionally of some states. */
export async function listJobs(sql: CapabilitySql, q: { limit?: number; states?: JobState[] } = {}): Promise<JobView[]> {
  const rows = await sql.query(
    `SELECT * FROM jobs WHERE ($2::jsonb IS NULL OR $2::jsonb ? state) ORDER BY created_at DESC, id LIMIT $1`,
    [q.limit ?? 50, q.states ? JSON.stringify(q.states) : null],
  );
  return rows.map(toView);
}

/** Pages of result ranges read at a time. */
const RESULT_PAGE = 20;

/**
 * A job's result records so far, one JSON line each, in input order (ranges are stored without
 * overlap, so every row appears at most once; exactly once when the job is done). Read a few
 * ranges at a time, so a 10-million-row job never sits in memory whole.
 */
export async function* readResults(sql: CapabilitySql, id: string): AsyncGenerator<string> {
  let after = -1;
  for (;;) {
    const page = await sql.query<{ first_row: number; body: string }>(
      'SELECT first_row, body FROM job_results WHERE job_id = $1 AND first_row > $2 ORDER BY first_row LIMIT $3', [id, after, RESULT_PAGE]);
    for (const p of page) {
      if (p.body) yield* p.body.split('\n');
    }
    const last = page[page.length - 1];
    if (!last || page.length < RESULT_PAGE) return;
    after = Number(last.first_row);
  }
}

/** What one chunk run adds: its records (JSON lines, in input order) and counts. */
export interface ChunkOutcome {
  lines: string[];
  withHits: number;
  errors: { line: number; problem: string }[];
}

/**
 * Writes the results of input rows `firstRow` … `firstRow + lines.length - 1` once: under the
 * job row's lock, nothing is written when the job is finished or gone, or when any of those rows
 * already has a result (the same chunk ran twice: a worker that hung past its time-out and came
 * back, or a retry split into halves). Counts move only with a write, so progress is exact.
 * Returns whether it wrote, and the job's state after.
 */
export async function writeChunkResults(sql: CapabilitySql, jobId: string, firstRow: number, out: ChunkOutcome): Promise<{ written: boolean; state: JobState | null }> {
  const n = out.lines.length;
  return sql.transaction(async (tx) => {
    const [job] = await tx.query<{ state: JobState }>('SELECT state FROM jobs WHERE id = $1 FOR UPDATE', [jobId]);
    if (!job) return { written: false, state: null };
    if (FINAL_STATES.includes(job.state)) return { written: false, state: job.state };
    const overlap = await tx.query('SELECT 1 FROM job_results WHERE job_id = $1 AND first_row < $2 AND first_row + rows > $3 LIMIT 1', [jobId, firstRow + n, firstRow]);
    if (overlap.length) return { written: false, state: job.state };
    await tx.query('INSERT INTO job_results (job_id, first_row, rows, body) VALUES ($1, $2, $3, $4)', [jobId, firstRow, n, out.lines.join('\n')]);
    const [after] = await tx.query<{ state: JobState }>(
      `UPDATE jobs SET done = done + $2, with_hits = with_hits + $3, row_errors = row_errors + $4,
         errors = CASE WHEN jsonb_array_length(errors) < ${MAX_KEPT_ERRORS} THEN errors || $5::jsonb ELSE errors END,
         started_at = coalesce(started_at, now()), first_result_at = coalesce(first_result_at, now()), updated_at = now(),
         state = CASE WHEN sealed AND done + $2 >= total THEN 'done' ELSE 'running' END,
         finished_at = CASE WHEN sealed AND done + $2 >= total THEN now() ELSE NULL END
       WHERE id = $1 RETURNING state`,
      [jobId, n, out.withHits, out.errors.length, JSON.stringify(out.errors.slice(0, MAX_KEPT_ERRORS))],
    );
    if (after?.state === 'done') await tx.query('DELETE FROM job_inputs WHERE job_id = $1', [jobId]);
    return { written: true, state: after?.state ?? null };
  });
}

/** Marks a job that cannot go on as failed (final: it is never picked up again), with the reason. */
export async function failJob(sql: CapabilitySql, id: string, failure: string): Promise<void> {
  await sql.transaction(async (tx) => {
    const rows = await tx.query(`UPDATE jobs SET state = 'failed', failure = $2, finished_at = now(), updated_at = now()
      WHERE id = $1 AND state IN ('queued', 'running') RETURNING id`, [id, failure]);
    if (rows.length) await tx.query('DELETE FROM job_inputs WHERE job_id = $1', [id]);
  });
}

/**
 * Cancels a queued or running job: it becomes `cancelled` (final), its stored upload is removed,
 * and chunks still queued stop as soon as a worker takes them. Results written so far stay
 * downloadable. A finished job is a CONFLICT; an unknown id NOT_FOUND.
 */
export async function cancelJob(sql: CapabilitySql, id: string): Promise<JobView> {
  const job = await requireJob(sql, id);
  if (FINAL_STATES.includes(job.state)) throw new ListwatchError('CONFLICT', `job ${id} is ${job.state} already; only a queued or running job can be cancelled`, { field: 'id' });
  await sql.transaction(async (tx) => {
    await tx.query(`UPDATE jobs SET state = 'cancelled', finished_at = now(), updated_at = now() WHERE id = $1 AND state IN ('queued', 'running')`, [id]);
    await tx.query('DELETE FROM job_inputs WHERE job_id = $1', [id]);
  });
  return requireJob(sql, id);
}

/** Deletes a job with its upload and results (a running one stops: its chunks find no job). NOT_FOUND when unknown. */
export async function deleteJob(sql: CapabilitySql, id: string): Promise<void> {
  const rows = await sql.query('DELETE FROM jobs WHERE id = $1 RETURNING id', [id]);
  if (!rows.length) throw new ListwatchError('NOT_FOUND', `job ${id} not found`, { field: 'id' });
}

/**
 * The retention purge: deletes finished jobs (done, failed, cancelled) that finished more than
 * `olderThanDays` days ago, with their results, and uploads that were never sealed (a submit that
 * died part-way) older than a day. Returns how many jobs went. Safe to run from many workers at once.
 */
export async function purgeJobs(sql: CapabilitySql, olderThanDays: number): Promise<number> {
  if (!(olderThanDays >= 0)) throw new ListwatchError('BAD_INPUT', `retention: "${olderThanDays}" is not a number of days`, { field: 'older-than-days' });
  const rows = await sql.query(
    `DELETE FROM jobs WHERE (state IN ('done', 'failed', 'cancelled') AND finished_at <= now() - $1 * interval '1 day')
       OR (NOT sealed AND created_at <= now() - interval '1 day') RETURNING id`, [olderThanDays]);
  return rows.length;
}

/** The audit entry of a submitted batch (action `screen.batch`): rows, options and the file's hash; the caller adds the actor. */
export function batchAuditInput(job: JobView, via: 'api' | 'cli'): { action: 'screen.batch'; subject: string; options: Record<string, unknown>; details: Record<string, unknown> } {
  return {
    action: 'screen.batch',
    subject: job.fileName ?? `job ${job.id}`,
    options: { ...job.options },
    details: {
      via, jobId: job.id, rows: job.total,
      ...(job.fileSha256 ? { fileHash: `sha256:${job.fileSha256}` } : {}), ...(job.fileBytes !== undefined ? { fileBytes: job.fileBytes } : {}),
    },
  };
}
