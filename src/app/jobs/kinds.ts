import type { Transporter } from 'nodemailer';
import type { IsoDate } from '../../core/model.js';
import type { Store } from '../../store/store.js';
import type { JobQueue, JobTypeOptions, SendOptions } from './queue.js';

/**
 * The background job types besides batch chunks: their queue names and retry/time-out policies.
 * Kept apart from the handlers (next to their services: `src/app/{watchlists,alerts,sync}/jobs.ts`)
 * so that a process that only queues (an API server without a worker, `import --queue`) needs none
 * of the handlers' code.
 *
 * Every one is `stately` (pg-boss): per singleton key at most one run waits and one runs, so the
 * timers of any number of API servers, or a burst of imports, queue one run, not one each.
 */
export const WATCH_RESCREEN_ALL = 'watch-rescreen-all';
/** One watchlist's re-screen (singleton key: the watchlist id). */
export const WATCH_RESCREEN = 'watch-rescreen';
export const ALERTS_DELIVER = 'alerts-deliver';
export const SYNC_RUN = 'sync-run';

/** The queue policy of each background type. */
export const BACKGROUND_POLICIES: Readonly<Record<string, JobTypeOptions>> = {
  // Fans out one run per watchlist: quick.
  [WATCH_RESCREEN_ALL]: { policy: 'stately', retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 300 },
  // A large watchlist (10,000 counterparties) takes tens of seconds to screen.
  [WATCH_RESCREEN]: { policy: 'stately', retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 1800 },
  // Each delivery keeps its own attempts and backoff (alert_deliveries); the job is retried when the pass itself fails (database down).
  [ALERTS_DELIVER]: { policy: 'stately', retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 1800 },
  // Downloads of the official lists (the CSL is tens of MB) with their own HTTP retries.
  [SYNC_RUN]: { policy: 'stately', retryLimit: 2, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 3600 },
};

/** What the background job handlers need from the process that runs them (a worker, or the embedded server). */
export interface BackgroundJobDeps {
  store: Store;
  /** Today, asked per run (a long-running worker moves with the calendar). */
  today: () => IsoDate;
  /** Wall clock, ISO. */
  now: () => string;
  /** Alert delivery settings of this process: the SMTP transport and the public URL come from its environment. */
  deliver?: { maxAttempts?: number; baseDelayMs?: number; timeoutMs?: number; mail?: { transport: Transporter; from: string }; publicUrl?: string };
  /** Test fault: runs of these queues throw after their work on the first attempt (a forced retry). */
  failOnce?: readonly string[];
}

/**
 * Queues one run of a background type (creating its queue with its policy first if no worker has
 * yet). Returns the run's id, or null when an equal run is already waiting (stately) or the
 * throttle slot is taken.
 */
export async function sendBackground(queue: JobQueue, name: string, data: object, o: SendOptions = {}): Promise<string | null> {
  const policy = BACKGROUND_POLICIES[name];
  if (!policy) throw new Error(`unknown background job type ${name}`);
  await queue.ensure(name, policy, false);
  return queue.send(name, data, o);
}
