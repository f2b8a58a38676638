import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../../store/store.js';
import { BATCH_CHUNK, BATCH_CHUNK_DEAD, failJob, FINAL_STATES, writeChunkResults } from './batch.js';
import type { BatchJobOptions, ChunkRef, JobRow, JobState } from './batch.js';
import { defineJobType, type JobType } from './registry.js';
import { auditJobFinish } from './job-audit.js';
import type { ChunkScreener } from './screener.js';

/**
 * The job's audit at finish (job-audit.ts), by the run that wrote its last rows. A failure is
 * logged, not thrown: the results are written, and a retry would find nothing to write; the job
 * is audited on its next read instead (`jobAuditView`).
 */
async function finishAudit(deps: ChunkDeps, jobId: string, log: (msg: string, fields?: Record<string, unknown>) => void): Promise<void> {
  try {
    const entry = await auditJobFinish(deps.store, jobId);
    log('job audited at finish', { jobId, seq: entry?.seq });
  } catch (e) {
    log('auditing the finished job failed; it is audited when next read', { jobId, error: e instanceof Error ? e.message : String(e) });
  }
}

/** Retry and time-out policy of batch chunks (the worker's settings may override the time-out). */
export interface ChunkPolicy {
  /** Retries of one run before it is dead-lettered (default 3). */
  retryLimit: number;
  /** First retry delay, s; doubled (with jitter) each retry (default 2). */
  retryDelaySeconds: number;
  /** A run active longer than this is failed and retried (a worker that died or hangs). Default 120. */
  expireInSeconds: number;
}

/** The defaults: a dead worker's chunk is retried within about two minutes. */
export const DEFAULT_CHUNK_POLICY: ChunkPolicy = { retryLimit: 3, retryDelaySeconds: 2, expireInSeconds: 120 };

/** What the chunk handlers need from the worker process. */
export interface ChunkDeps {
  store: Store;
  screener: ChunkScreener;
  /** Test fault: wait this long between screening a chunk and writing it (so a test can kill the worker mid-chunk). */
  delayBeforeWriteMs?: number;
}

interface ChunkInput {
  state: JobState;
  options: BatchJobOptions;
  firstRow: number;
  rows: JobRow[];
}

/** The job's state and options and the chunk's rows (the part `from`…`to`), or null when there is nothing to do. */
async function loadChunk(deps: ChunkDeps, ref: ChunkRef, log: (msg: string, fields?: Record<string, unknown>) => void): Promise<ChunkInput | null> {
  const sql = deps.store.sql;
  const [job] = await sql.query<{ state: JobState; options: BatchJobOptions }>('SELECT state, options FROM jobs WHERE id = $1', [ref.jobId]);
  // Deleted, cancelled or finished: the run has nothing to do.
  if (!job || FINAL_STATES.includes(job.state)) return null;
  const [input] = await sql.query<{ first_row: number; body: string }>('SELECT first_row, body FROM job_inputs WHERE job_id = $1 AND chunk = $2', [ref.jobId, ref.chunk]);
  if (!input) {
    await failJob(sql, ref.jobId, `the stored input of chunk ${ref.chunk} is missing`);
    // A failed job is audited at its finish too, by the run that failed it.
    await finishAudit(deps, ref.jobId, log);
    return null;
  }
  const all = JSON.parse(input.body) as JobRow[];
  const from = ref.from ?? 0;
  const to = ref.to ?? all.length;
  return { state: job.state, options: job.options, firstRow: Number(input.first_row) + from, rows: all.slice(from, to) };
}

/**
 * The batch chunk job: screens a chunk's rows (in the worker's screening thread) and writes their
 * results once (see `writeChunkResults`). A run that is a RETRY (its previous run threw, its thread
 * died, or it outlived its time-out) of more than one row does not screen: it splits into two halves
 * queued as new runs, so a row that kills its worker is cornered in log2(chunk) steps and only
 * that row ends up failed (by the dead-letter job below), never the job.
 */
export function batchChunkType(deps: ChunkDeps, policy: ChunkPolicy = DEFAULT_CHUNK_POLICY): JobType<ChunkRef> {
  return defineJobType<ChunkRef>({
    name: BATCH_CHUNK,
    retryLimit: policy.retryLimit,
    retryDelaySeconds: policy.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: policy.expireInSeconds,
    deadLetter: BATCH_CHUNK_DEAD,
    async handle(job, ctx) {
      const ref = job.data;
      const t0 = performance.now();
      const input = await loadChunk(deps, ref, ctx.log);
      if (!input || !input.rows.length) return;
      const from = ref.from ?? 0;
      if (job.attempt > 0 && input.rows.length > 1) {
        const mid = from + Math.ceil(input.rows.length / 2);
        const to = from + input.rows.length;
        ctx.log('chunk retried: split in two', { jobId: ref.jobId, chunk: ref.chunk, from, to, attempt: job.attempt });
        await ctx.queue.sendMany(BATCH_CHUNK, [{ ...ref, from, to: mid }, { ...ref, from: mid, to }]);
        return;
      }
      if (input.state === 'queued') {
        await deps.store.sql.query(`UPDATE jobs SET state = 'running', started_at = coalesce(started_at, now()), updated_at = now() WHERE id = $1 AND state = 'queued'`, [ref.jobId]);
      }
      ctx.log('chunk started', { jobId: ref.jobId, chunk: ref.chunk, from, rows: input.rows.length, attempt: job.attempt });
      const { role, ...screenOpts } = input.options;
      // Rows over a limit get their error record here; the others go to the screening thread.
      const good = input.rows.filter((r) => r.problem === undefined);
      const t1 = performance.now();
      const out = good.length ? await deps.screener.screen(good, { ...screenOpts, ...(role ? { role } : {}) }) : { lines: [], withHits: 0, errors: [] };
      const t2 = performance.now();
      const lines: string[] = [];
      const errors = out.errors.map((e) => ({ line: e.line, problem: e.error }));
      let g = 0;
      for (const r of input.rows) {
        if (r.problem === undefined) lines.push(out.lines[g++]!);
        else {
          lines.push(JSON.stringify({ line: r.line, ...(r.id !== undefined ? { id: r.id } : {}), query: r.name, error: r.problem }));
          errors.push({ line: r.line, problem: r.problem });
        }
      }
      if (deps.delayBeforeWriteMs) await sleep(deps.delayBeforeWriteMs);
      const t3 = performance.now();
      const res = await writeChunkResults(deps.store.sql, ref.jobId, input.firstRow, { lines, withHits: out.withHits, errors });
      // Where a chunk's time goes (read, screen + enrich, write), for finding bottlenecks in the log.
      const enrich = 'enrichMs' in out && typeof out.enrichMs === 'number' ? out.enrichMs : 0;
      const ms = { read: Math.round(t1 - t0), screen: Math.round(t2 - t1 - enrich), enrich: Math.round(enrich), write: Math.round(performance.now() - t3) };
      ctx.log(res.written ? 'chunk written' : 'chunk skipped: already written or job finished', { jobId: ref.jobId, chunk: ref.chunk, from, rows: lines.length, state: res.state, ms });
      if (res.written && res.state === 'done') await finishAudit(deps, ref.jobId, ctx.log);
    },
  });
}

/**
 * Where a chunk run goes once every retry failed (pg-boss's dead letter): its rows get error
 * records ("could not be screened") so the job completes with every row once; the job is not failed.
 */
export function batchChunkDeadType(deps: ChunkDeps, policy: ChunkPolicy = DEFAULT_CHUNK_POLICY): JobType<ChunkRef> {
  return defineJobType<ChunkRef>({
    name: BATCH_CHUNK_DEAD,
    retryLimit: 2,
    retryDelaySeconds: policy.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: policy.expireInSeconds,
    async handle(job, ctx) {
      const ref = job.data;
      const input = await loadChunk(deps, ref, ctx.log);
      if (!input) return;
      const problem = `this row could not be screened: its worker failed on it ${policy.retryLimit + 1} times (crashed, ran out of memory or timed out)`;
      const lines = input.rows.map((r) => JSON.stringify({ line: r.line, ...(r.id !== undefined ? { id: r.id } : {}), query: r.name, error: problem }));
      const res = await writeChunkResults(deps.store.sql, ref.jobId, input.firstRow, { lines, withHits: 0, errors: input.rows.map((r) => ({ line: r.line, problem })) });
      ctx.log('rows failed after every retry', { jobId: ref.jobId, chunk: ref.chunk, lines: input.rows.map((r) => r.line), written: res.written });
      if (res.written && res.state === 'done') await finishAudit(deps, ref.jobId, ctx.log);
    },
  });
}
