import { numberOption, requiredNumber } from '../numbers.js';
import type { InProcessWorkerOptions } from '../../app/jobs/jobs.js';
import type { RegisterCommand } from './index.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A number setting from the environment (empty = not set): > 0, or ≥ 0 with `allowZero`. */
function positive(env: Env, key: string, dflt: number, allowZero = false): number {
  return numberOption(env[key] || undefined, key, allowZero ? { min: 0 } : { above: 0 }) ?? dflt;
}

/**
 * A worker's settings from the environment: `LISTWATCH_JOB_RETENTION_DAYS` (finished jobs kept,
 * default 30), `LISTWATCH_JOB_CHUNK_TIMEOUT_S` (a chunk's screening time limit, default 60),
 * `LISTWATCH_JOB_EXPIRE_S` (a run whose worker died is retried after this, default 120),
 * `LISTWATCH_JOB_RETRY_DELAY_S` (first retry delay, doubled each retry; default 2), `LISTWATCH_JOB_RETRY_LIMIT`
 * (retries before a chunk's rows are marked failed; default 3), and
 * `LISTWATCH_DELIVER_MAX_ATTEMPTS` (failures before an alert delivery is dead-lettered; default 6),
 * `LISTWATCH_DELIVER_BASE_DELAY_MS` (wait before a failed delivery's 2nd attempt, doubled each time; default 30,000),
 * `LISTWATCH_JOBS_FAULT` — fault injection for the resilience tests only: `delay:MS` waits
 * between screening a chunk and writing it; `poison:NAME` ends the screening thread on a row of that name;
 * `fail-once:QUEUE` makes the first attempt of each run of that background queue throw after its work.
 */
export function workerOptionsFromEnv(env: Env): InProcessWorkerOptions {
  const faults = (env.LISTWATCH_JOBS_FAULT ?? '').split(',').filter(Boolean);
  const fault = (k: string): string | undefined => faults.find((f) => f.startsWith(`${k}:`))?.slice(k.length + 1);
  const delay = fault('delay');
  const poison = fault('poison');
  const timeoutS = positive(env, 'LISTWATCH_JOB_CHUNK_TIMEOUT_S', 60);
  return {
    retentionDays: positive(env, 'LISTWATCH_JOB_RETENTION_DAYS', 30, true),
    screener: { timeoutMs: timeoutS * 1000, ...(poison ? { poison } : {}) },
    policy: {
      expireInSeconds: positive(env, 'LISTWATCH_JOB_EXPIRE_S', 120),
      retryDelaySeconds: positive(env, 'LISTWATCH_JOB_RETRY_DELAY_S', 2),
      retryLimit: Math.round(positive(env, 'LISTWATCH_JOB_RETRY_LIMIT', 3, true)),
    },
    ...(delay ? { delayBeforeWriteMs: Number(delay) } : {}),
  };
}

/**
 * `listwatch worker`: runs background jobs (batch chunks, and every job type registered) from the
 * queue in the database named by DATABASE_URL (or the embedded store), until SIGINT/SIGTERM.
 * Start any number, on any number of machines: they share the work through pg-boss.
 */
export const registerWorker: RegisterCommand = (program, ctx) => {
  program
    .command('worker')
    .description('run background jobs from the queue (DATABASE_URL): batch chunks, watchlist re-screens, alert deliveries, sync runs; start as many as you like, on any machines')
    .option('--concurrency <n>', 'chunks in progress at once in this process (one screens while the next is read or written)', '2')
    .option('--retention-days <n>', 'delete finished jobs and their results after this many days (env LISTWATCH_JOB_RETENTION_DAYS; default 30)')
    .action(async (f: { concurrency: string; retentionDays?: string }) => {
      const concurrency = requiredNumber(f.concurrency, '--concurrency', { integer: true, min: 1 });
      const env = ctx.env ?? {};
      const opts = workerOptionsFromEnv(env);
      const days = numberOption(f.retentionDays, '--retention-days', { min: 0 });
      if (days !== undefined) opts.retentionDays = days;
      // The main thread's heap budget (see startHeapBudget): 0 leaves V8's own policy.
      const heapBudgetMb = positive(env, 'LISTWATCH_WORKER_HEAP_MB', 128, true);
      const { startHeapBudget } = await import('../../app/jobs/heap-budget.js');
      const heap = heapBudgetMb > 0 ? startHeapBudget(heapBudgetMb) : null;
      const store = await ctx.store();
      const { Jobs } = await import('../../app/jobs/jobs.js');
      const { backgroundJobTypes } = await import('../../app/jobs/background.js');
      const { deliveryEnv } = await import('./alerts.js');
      const deliver = {
        ...(await deliveryEnv(ctx)),
        maxAttempts: Math.round(positive(env, 'LISTWATCH_DELIVER_MAX_ATTEMPTS', 6)),
        baseDelayMs: positive(env, 'LISTWATCH_DELIVER_BASE_DELAY_MS', 30_000, true),
      };
      const failOnce = (env.LISTWATCH_JOBS_FAULT ?? '').split(',').filter((f) => f.startsWith('fail-once:')).map((f) => f.slice('fail-once:'.length));
      const log = (msg: string, fields?: Record<string, unknown>): void => ctx.warn(JSON.stringify({ at: new Date().toISOString(), pid: process.pid, msg, ...fields }));
      const jobs = await Jobs.open(store, {
        worker: {
          ...opts, concurrency,
          // Watchlist re-screens, alert delivery passes and sync runs (SMTP settings from this process's environment).
          extraTypes: backgroundJobTypes({
            store, today: () => new Date().toISOString().slice(0, 10), now: () => new Date().toISOString(), deliver, ...(failOnce.length ? { failOnce } : {}),
          }),
        },
        maintenanceIntervalSeconds: positive(env, 'LISTWATCH_JOB_MAINTENANCE_S', 10),
        log,
      });
      log('worker started', { engine: store.engine, concurrency, retentionDays: opts.retentionDays, heapBudgetMb });
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      log('worker stopping: finishing the runs in progress');
      await jobs.close();
      deliver.mail?.transport.close();
      if (heap) {
        heap.stop();
        log('heap budget', { ...heap.stats() });
      }
    });
};
