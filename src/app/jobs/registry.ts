import type { JobQueue, JobTypeOptions, QueuedJob } from './queue.js';

/** What a job's handler gets besides its data. */
export interface JobRunContext {
  /** The queue, to send follow-up jobs (e.g. a chunk split in two). */
  queue: JobQueue;
  /** Structured log line (component, message, fields). */
  log: (msg: string, fields?: Record<string, unknown>) => void;
}

/**
 * A kind of background job: a pg-boss queue with its retry and time-out policy, and the
 * handler that runs one job. A handler that throws fails the run (pg-boss retries it with
 * backoff, then dead-letters it); one that returns completes it. Handlers must be idempotent:
 * a run can happen twice (a worker that hung past its time-out and then finished).
 *
 * This is the seam for every background job: batch chunks (below), and watchlist re-screens,
 * sync runs and alert deliveries (their services define a `JobType` each and add it to
 * `jobTypes` in `types.ts`; `listwatch worker` then runs them on any machine).
 */
export interface JobType<T = unknown> extends JobTypeOptions {
  /** The queue name: letters, digits, `-`, `_`. */
  name: string;
  handle(job: QueuedJob<T>, ctx: JobRunContext): Promise<void>;
}

/** Identity helper that types a job type's data. */
export function defineJobType<T>(t: JobType<T>): JobType<T> {
  return t;
}
