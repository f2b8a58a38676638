import { setTimeout as sleep } from 'node:timers/promises';
import { purgeJobs } from './batch.js';
import type { JobQueue, QueuedJob } from './queue.js';
import type { JobRunContext, JobType } from './registry.js';
import type { Store } from '../../store/store.js';

/** Options of a worker. */
export interface JobWorkerOptions {
  /** Runs in progress at once in this process (default 2: one screens in the thread while the other reads or writes). */
  concurrency?: number;
  /** Wait between two empty polls of the queues, ms (default 250). */
  pollMs?: number;
  /** Finished jobs older than this many days are deleted with their results (default 30; 0 keeps them until purged by hand: set `retentionDays: null`). */
  retentionDays?: number | null;
  /** How often the retention purge runs, ms (default one hour). */
  purgeEveryMs?: number;
  /** Structured log. */
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

/**
 * Runs jobs of the given types from the queue until stopped: `concurrency` loops, each taking one
 * due run at a time (pg-boss locks it to this process) and completing or failing it. The loop is
 * our own rather than pg-boss's `work()`, whose poll waits its full interval even after a fetch
 * that found work (measured: a worker idled most of the time between 50-ms chunks).
 * Also runs the retention purge now and then (any worker may; the delete is idempotent).
 */
export class JobWorker {
  private stopped = false;
  private loops: Promise<void>[] = [];
  private wake: AbortController = new AbortController();

  constructor(
    private readonly store: Store,
    private readonly queue: JobQueue,
    private readonly types: readonly JobType<never>[],
    private readonly opts: JobWorkerOptions = {},
  ) {}

  private log(msg: string, fields?: Record<string, unknown>): void {
    this.opts.log?.(msg, fields);
  }

  /** Creates the queues (if missing) and starts the loops. */
  async start(): Promise<void> {
    for (const t of this.types) await this.queue.ensure(t.name, t);
    const n = Math.max(1, this.opts.concurrency ?? 2);
    for (let i = 0; i < n; i++) this.loops.push(this.loop());
    if (this.opts.retentionDays !== null) this.loops.push(this.purgeLoop());
  }

  /** Tells idle loops to poll now (a job was just queued in this process). */
  poke(): void {
    this.wake.abort();
    this.wake = new AbortController();
  }

  private async loop(): Promise<void> {
    const types = this.types;
    // Each loop starts at a different type, so one busy queue does not starve the others.
    let turn = this.loops.length;
    let scannedAt = performance.now();
    while (!this.stopped) {
      let worked = false;
      for (let k = 0; k < types.length && !this.stopped; k++) {
        const type = types[(turn + k) % types.length]!;
        let job;
        try {
          [job] = await this.queue.fetch<unknown>(type.name, 1);
        } catch (e) {
          this.log('fetching a job failed', { queue: type.name, error: String(e) });
        }
        if (!job) continue;
        worked = true;
        turn = (turn + k) % types.length;
        await this.runOne(type, job);
        break;
      }
      // Stay on a busy queue (no empty fetches of the others between two chunks), but look at
      // every queue at least once a second, so an alert delivery does not wait for a big batch.
      const now = performance.now();
      if (!worked || now - scannedAt >= 1000) {
        turn++;
        scannedAt = now;
      }
      if (!worked && !this.stopped) await sleep(this.opts.pollMs ?? 250, undefined, { signal: this.wake.signal }).catch(() => undefined);
    }
  }

  private async runOne(type: JobType<never>, job: QueuedJob<unknown>): Promise<void> {
    const ctx: JobRunContext = {
      queue: this.queue,
      log: (m, f) => this.log(m, f),
      progress: (p) => this.queue.progress(type.name, job.id, p).catch((e: unknown) => this.log('recording progress failed', { queue: type.name, id: job.id, error: String(e) })),
    };
    try {
      const output = await type.handle(job as never, ctx);
      await this.queue.complete(type.name, job.id, output ?? undefined);
    } catch (e) {
      this.log('job run failed; pg-boss retries it', { queue: type.name, id: job.id, attempt: job.attempt, error: e instanceof Error ? e.message : String(e) });
      await this.queue.fail(type.name, job.id, e).catch((err: unknown) => this.log('marking a run failed failed', { error: String(err) }));
    }
  }

  private async purgeLoop(): Promise<void> {
    const every = this.opts.purgeEveryMs ?? 3_600_000;
    while (!this.stopped) {
      try {
        const n = await purgeJobs(this.store.sql, this.opts.retentionDays ?? 30);
        if (n) this.log('retention purge', { jobs: n, olderThanDays: this.opts.retentionDays ?? 30 });
      } catch (e) {
        this.log('retention purge failed', { error: String(e) });
      }
      const stop = new AbortController();
      this.stopPurge = () => stop.abort();
      await sleep(every, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  }

  private stopPurge: () => void = () => undefined;

  /** Stops taking runs and waits for the ones in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake.abort();
    this.stopPurge();
    await Promise.all(this.loops);
  }
}
