import { ALERTS_DELIVER, BACKGROUND_POLICIES, sendBackground, type BackgroundJobDeps } from '../jobs/kinds.js';
import { defineJobType, type JobType } from '../jobs/registry.js';
import { deliverPending } from './deliver.js';

/** Data of an `alerts-deliver` run: the sender's delivery settings (the SMTP transport is the worker's). */
export interface DeliverData {
  maxAttempts?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
}

/**
 * `alerts-deliver`: one delivery pass (`deliverPending`: every due delivery once; each delivery is
 * claimed first, so two passes at once never send one twice, and keeps its own attempts with
 * exponential backoff and its dead letter). Then, while deliveries are still pending, it queues the
 * next pass for when the earliest is due (singleton key `retry`), so a failing webhook is retried
 * with backoff by the queue, on whichever worker is free, without any timer.
 */
export function deliverType(deps: BackgroundJobDeps): JobType<DeliverData> {
  return defineJobType<DeliverData>({
    name: ALERTS_DELIVER,
    ...BACKGROUND_POLICIES[ALERTS_DELIVER]!,
    async handle(job, ctx) {
      const opts = { ...deps.deliver, ...job.data };
      const nowMs = (): number => Date.parse(deps.now());
      const res = await deliverPending(deps.store, { nowMs, ...opts });
      // E-mail deliveries wait for a worker with SMTP settings; they do not schedule passes here.
      const [next] = await deps.store.sql.query<{ at: string | Date | null }>(
        `SELECT min(next_attempt_at) AS at FROM alert_deliveries WHERE status = 'pending' AND ($1 OR channel <> 'email')`, [Boolean(opts.mail)]);
      let nextPassAt: string | undefined;
      if (next?.at) {
        const at = new Date(Math.max(new Date(next.at).getTime(), nowMs() + 1000));
        nextPassAt = at.toISOString();
        await sendBackground(ctx.queue, ALERTS_DELIVER, job.data, { singletonKey: 'retry', startAfter: at });
      }
      ctx.log('alert delivery pass', { ...res, ...(nextPassAt ? { nextPassAt } : {}) });
      return { ...res, ...(nextPassAt ? { nextPassAt } : {}) };
    },
  });
}
