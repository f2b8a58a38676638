import { isListwatchError } from '../../core/errors.js';
import type { IsoDate } from '../../core/model.js';
import { ALERTS_DELIVER, BACKGROUND_POLICIES, sendBackground, WATCH_RESCREEN, WATCH_RESCREEN_ALL, type BackgroundJobDeps } from '../jobs/kinds.js';
import { setMark } from '../jobs/marks.js';
import { defineJobType, type JobType } from '../jobs/registry.js';
import { allWatchlists } from './db.js';
import { rescreenAll } from './service.js';

/** The mark holding the `revision|day` the watchlists were last re-screened for. */
export const RESCREEN_MARK = 'watch-rescreen';

/** Data of a `watch-rescreen-all` run. */
export interface RescreenAllData {
  /** The day to screen on (default: the worker's today). */
  today?: IsoDate;
  /** Why (import, sync, schedule, request): for the log. */
  cause?: string;
  /** Who asked (audit actor). */
  actor?: string;
  /** Re-screen even when the watchlists were re-screened for this revision and day already. */
  force?: boolean;
}

/** Data of a `watch-rescreen` run: one watchlist. */
export interface RescreenData {
  watchlistId: string;
  name: string;
  today?: IsoDate;
  cause?: string;
  actor?: string;
}

/** The key a re-screen is done for: the record's revision and the day (rules come into force by date). */
export async function rescreenKey(deps: Pick<BackgroundJobDeps, 'store'>, today: IsoDate): Promise<string> {
  return `${await deps.store.getRevision()}|${today}`;
}

/**
 * `watch-rescreen-all`: queues one `watch-rescreen` per watchlist (singleton key: the watchlist,
 * so one waits per watchlist whatever else queued it), once per revision and day unless forced
 * (the mark is shared, so two processes never fan out the same change twice).
 */
export function rescreenAllType(deps: BackgroundJobDeps): JobType<RescreenAllData> {
  return defineJobType<RescreenAllData>({
    name: WATCH_RESCREEN_ALL,
    ...BACKGROUND_POLICIES[WATCH_RESCREEN_ALL]!,
    async handle(job, ctx) {
      const today = job.data.today ?? deps.today();
      const key = await rescreenKey(deps, today);
      if (!(await setMark(deps.store.sql, RESCREEN_MARK, key)) && !job.data.force && job.attempt === 0) {
        ctx.log('re-screen skipped: done for this revision and day already', { key, cause: job.data.cause });
        return { key, skipped: true };
      }
      const wls = await allWatchlists(deps.store.sql);
      let queued = 0;
      for (const wl of wls) {
        const data: RescreenData = { watchlistId: wl.id, name: wl.name, today, ...(job.data.cause ? { cause: job.data.cause } : {}), ...(job.data.actor ? { actor: job.data.actor } : {}) };
        if (await sendBackground(ctx.queue, WATCH_RESCREEN, data, { singletonKey: wl.id })) queued++;
        await ctx.progress({ key, watchlists: wls.length, queued });
      }
      ctx.log('re-screen queued', { key, watchlists: wls.length, queued, cause: job.data.cause });
      return { key, watchlists: wls.length, queued };
    },
  });
}

/**
 * `watch-rescreen`: re-screens one watchlist (`rescreenAll` for it: idempotent, alerts have ids
 * hashed from the change, so a second run raises nothing) and, when it raised alerts, queues a
 * delivery pass. A watchlist deleted meanwhile is nothing to do.
 */
export function rescreenType(deps: BackgroundJobDeps): JobType<RescreenData> {
  return defineJobType<RescreenData>({
    name: WATCH_RESCREEN,
    ...BACKGROUND_POLICIES[WATCH_RESCREEN]!,
    async handle(job, ctx) {
      const d = job.data;
      let rs;
      try {
        rs = await rescreenAll(deps.store, {
          today: d.today ?? deps.today(), now: deps.now, names: [d.name], ...(d.cause ? { cause: d.cause } : {}), ...(d.actor ? { actor: d.actor } : {}),
          // Read by `listwatch runs` / GET /runs while the run is active.
          onProgress: (p) => void ctx.progress({ ...p }),
        });
      } catch (e) {
        if (isListwatchError(e) && e.code === 'NOT_FOUND') return { watchlist: d.name, deleted: true };
        throw e;
      }
      const alerts = rs.reduce((n, r) => n + r.alerts.length, 0);
      const screened = rs.reduce((n, r) => n + r.screened, 0);
      if (alerts) await sendBackground(ctx.queue, ALERTS_DELIVER, {}, { singletonKey: 'now' });
      ctx.log('watchlist re-screened', { watchlist: d.name, screened, alerts, attempt: job.attempt });
      return { watchlist: d.name, screened, alerts };
    },
  });
}
