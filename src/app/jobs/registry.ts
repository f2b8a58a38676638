import type { JobQueue, JobTypeOptions, QueuedJob } from './queue.js';

/** What a job's handler gets besides its data. */
export interface JobRunContext {
  /** The queue, to send follow-up jobs (e.g. a chunk split in two). */
  queue: JobQueue;
  /** Structured log line (component, message, fields). */
  log: (msg: string, fields?: Record<string, unknown>) => void;
  /** Records this run's progress (pg-boss keeps it as the run's output until it completes). */
  progress: (p: object) => Promise<void>;
}

/**
 * A kind of background job: a pg-boss queue with its retry and time-out policy, and the
 * handler that runs one job. A handler that throws fails the run (pg-boss retries it with
 * backoff, then dead-letters it); one that returns completes it. Handlers must be idempotent:
 * a run can happen twice (a worker that hung past its time-out and then finished).
 *
 * This is the seam for every background job: batch chunks (batch-chunk.ts), and watchlist
 * re-screens, sync runs and alert deliveries (`jobs.ts` next to their services, collected by
 * `backgroundJobTypes` in background.ts; `listwatch worker` and the embedded server run them).
 */
export interface JobType<T = unknown> extends JobTypeOptions {
  /** The queue name: letters, digits, `-`, `_`. */
  name: string;
  /** Runs one job; what it returns (if anything) is kept as the run's output. */
  handle(job: QueuedJob<T>, ctx: JobRunContext): Promise<object | void>;
}

/** Identity helper that types a job type's data. */
export function defineJobType<T>(t: JobType<T>): JobType<T> {
  return t;
}
