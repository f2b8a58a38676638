import { deliverType } from '../alerts/jobs.js';
import { syncType } from '../sync/jobs.js';
import { rescreenAllType, rescreenType } from '../watchlists/jobs.js';
import type { BackgroundJobDeps } from './kinds.js';
import type { JobType } from './registry.js';

/**
 * The background job types a worker runs besides batch chunks: watchlist re-screens (fan-out and
 * per watchlist), alert delivery passes and sync runs. `listwatch worker` and the server's
 * in-process worker (the embedded store's) both run exactly these.
 */
export function backgroundJobTypes(deps: BackgroundJobDeps): JobType<never>[] {
  const types = [rescreenAllType(deps), rescreenType(deps), deliverType(deps), syncType(deps)] as unknown as JobType<never>[];
  const failOnce = deps.failOnce ?? [];
  if (!failOnce.length) return types;
  // Test fault: the first attempt does its work, then throws, so the queue runs it again.
  return types.map((t) => (failOnce.includes(t.name) ? {
    ...t,
    async handle(job, ctx) {
      const out = await t.handle(job, ctx);
      if (job.attempt === 0) throw new Error(`test fault: ${t.name} fails its first attempt after its work`);
      return out;
    },
  } : t));
}
