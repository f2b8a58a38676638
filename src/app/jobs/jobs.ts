import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../../store/store.js';
import type { BatchRow } from '../screen/batch-core.js';
import * as batch from './batch.js';
import type { BatchJobOptions, JobLimits, JobState, JobView, SubmitInfo } from './batch.js';
import { batchChunkDeadType, batchChunkType, DEFAULT_CHUNK_POLICY, type ChunkPolicy } from './batch-chunk.js';
import { JobQueue } from './queue.js';
import { auditJobFinish } from './job-audit.js';
import type { JobType } from './registry.js';
import { BACKGROUND_POLICIES, sendBackground } from './kinds.js';
import { ListwatchError } from '../../core/errors.js';
import type { QueueRun, SendOptions } from './queue.js';
import { ChunkScreener, type ChunkScreenerOptions } from './screener.js';
import { JobWorker, type JobWorkerOptions } from './worker.js';

/** A worker inside this process (the embedded store's only choice; optional beside PostgreSQL). */
export interface InProcessWorkerOptions extends JobWorkerOptions {
  screener?: ChunkScreenerOptions;
  policy?: Partial<ChunkPolicy>;
  /** More job types to run (watchlist re-screens, sync runs, alert deliveries: see registry.ts). */
  extraTypes?: JobType<never>[];
  /** Test fault, see ChunkDeps. */
  delayBeforeWriteMs?: number;
}

/** Options of `Jobs.open`. */
export interface JobsOptions {
  /** Run a worker here (default false). */
  worker?: InProcessWorkerOptions | false;
  /** pg-boss maintenance interval, s (expiry of runs whose worker died). Default 10. */
  maintenanceIntervalSeconds?: number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Per-job limits applied on submit (default DEFAULT_JOB_LIMITS). */
  limits?: JobLimits;
  /** Rows per chunk of jobs submitted here (default 1,000). */
  chunkSize?: number;
}

/**
 * The jobs capability bound to one store: submit, status, results, cancel, delete, purge; and,
 * when asked, a worker in this process. The CLI, the API and `listwatch worker` all use it, over
 * either engine, with the same queue (pg-boss) and the same tables.
 */
export class Jobs {
  private constructor(
    readonly store: Store,
    readonly queue: JobQueue,
    private readonly worker: JobWorker | null,
    private readonly screener: ChunkScreener | null,
    /** The limits every job submitted here is held to. */
    readonly limits: JobLimits,
    private readonly chunkSize: number,
  ) {}

  /** Connects to the queue and, when `opts.worker` is given, starts a worker in this process. */
  static async open(store: Store, opts: JobsOptions = {}): Promise<Jobs> {
    const log = opts.log ?? (() => undefined);
    const queue = await JobQueue.open(store.sql, {
      supervise: Boolean(opts.worker),
      ...(opts.maintenanceIntervalSeconds !== undefined ? { maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds } : {}),
      onError: (e) => log('queue maintenance failed', { error: String(e) }),
    });
    try {
      return await Jobs.start(store, queue, opts, log);
    } catch (e) {
      // Without this, pg-boss's maintenance timer would keep a failed process alive.
      await queue.close().catch(() => undefined);
      throw e;
    }
  }

  private static async start(store: Store, queue: JobQueue, opts: JobsOptions, log: (msg: string, fields?: Record<string, unknown>) => void): Promise<Jobs> {
    const w = opts.worker;
    if (!w) {
      // The chunk queues must exist before the first send, even where no worker runs.
      await queue.ensure(batch.BATCH_CHUNK, { ...DEFAULT_CHUNK_POLICY, retryBackoff: true, deadLetter: batch.BATCH_CHUNK_DEAD }, false);
      return new Jobs(store, queue, null, null, opts.limits ?? batch.DEFAULT_JOB_LIMITS, opts.chunkSize ?? batch.DEFAULT_CHUNK_SIZE);
    }
    const screener = new ChunkScreener(store, w.screener);
    const policy = { ...DEFAULT_CHUNK_POLICY, ...w.policy };
    const deps = { store, screener, ...(w.delayBeforeWriteMs ? { delayBeforeWriteMs: w.delayBeforeWriteMs } : {}) };
    const types = [batchChunkType(deps, policy), batchChunkDeadType(deps, policy), ...(w.extraTypes ?? [])] as JobType<never>[];
    const worker = new JobWorker(store, queue, types, { ...w, log });
    // The index is built while the worker waits for its first job (not counted against that job).
    const t0 = performance.now();
    void screener.warm().then(
      () => log('screening index ready', { ms: Math.round(performance.now() - t0) }),
      (e: unknown) => log('building the screening index failed; retried with the first chunk', { error: String(e) }),
    );
    try {
      await worker.start();
    } catch (e) {
      await screener.close().catch(() => undefined);
      throw e;
    }
    return new Jobs(store, queue, worker, screener, opts.limits ?? batch.DEFAULT_JOB_LIMITS, opts.chunkSize ?? batch.DEFAULT_CHUNK_SIZE);
  }

  /** Stores and queues a batch job (see `submitBatch`); wakes the worker here, if any. */
  async submit(rows: AsyncIterable<BatchRow> | Iterable<BatchRow>, options: BatchJobOptions, info: SubmitInfo = {}): Promise<JobView> {
    const job = await batch.submitBatch(this.store.sql, this.queue, rows, options, { limits: this.limits, chunkSize: this.chunkSize, ...info });
    this.worker?.poke();
    return job;
  }

  get(id: string): Promise<JobView | null> {
    return batch.getJob(this.store.sql, id);
  }

  /** NOT_FOUND when unknown. */
  require(id: string): Promise<JobView> {
    return batch.requireJob(this.store.sql, id);
  }

  list(q: { limit?: number; states?: JobState[] } = {}): Promise<JobView[]> {
    return batch.listJobs(this.store.sql, q);
  }

  /** Result records so far, JSON lines in input order. */
  results(id: string): AsyncGenerator<string> {
    return batch.readResults(this.store.sql, id);
  }

  /** Cancels a job (see `cancelJob`) and records its finish with the results so far (job-audit.ts). */
  async cancel(id: string): Promise<JobView> {
    const job = await batch.cancelJob(this.store.sql, id);
    await auditJobFinish(this.store, id);
    return job;
  }

  delete(id: string): Promise<void> {
    return batch.deleteJob(this.store.sql, id);
  }

  /** Deletes finished jobs older than `days` (with results); returns how many. */
  purge(days: number): Promise<number> {
    return batch.purgeJobs(this.store.sql, days);
  }

  /**
   * Queues a background job (watchlist re-screen, alert delivery pass, sync run: see kinds.ts) for
   * whichever worker is free, and wakes the worker here, if any. Null when an equal one already waits.
   */
  async background(name: string, data: object, o: SendOptions = {}): Promise<string | null> {
    const id = await sendBackground(this.queue, name, data, o);
    this.worker?.poke();
    return id;
  }

  /**
   * The latest background runs (watchlist re-screens, alert delivery passes, sync runs), newest
   * first: at most `limit` (default 50), of one type when `kind` is given (BAD_INPUT if unknown).
   */
  async backgroundRuns(q: { kind?: string; limit?: number } = {}): Promise<QueueRun[]> {
    const kinds = Object.keys(BACKGROUND_POLICIES);
    if (q.kind !== undefined && !kinds.includes(q.kind)) throw new ListwatchError('BAD_INPUT', `kind: "${q.kind}" is not one of ${kinds.join(', ')}`, { field: 'kind' });
    return this.queue.recent(q.kind ? [q.kind] : kinds, q.limit ?? 50);
  }

  /** Whether a worker runs in this process. */
  get hasWorker(): boolean {
    return this.worker !== null;
  }

  /** Polls until the job is finished (done, failed, cancelled); `onProgress` after each poll. */
  async waitFor(id: string, opts: { pollMs?: number; onProgress?: (j: JobView) => void } = {}): Promise<JobView> {
    for (;;) {
      const job = await this.require(id);
      opts.onProgress?.(job);
      if (batch.FINAL_STATES.includes(job.state)) return job;
      await sleep(opts.pollMs ?? 200);
    }
  }

  /** Resolves when no job is queued or running (tests). */
  async settled(pollMs = 100): Promise<void> {
    while ((await this.list({ states: ['queued', 'running'], limit: 1 })).length) await sleep(pollMs);
  }

  /** Stops the worker here (after the runs in progress) and the queue's maintenance; the store stays open. */
  async close(): Promise<void> {
    await this.worker?.stop();
    await this.screener?.close();
    await this.queue.close();
  }
}
