import type { IsoDate } from '../../core/model.js';
import { BACKGROUND_POLICIES, sendBackground, SYNC_RUN, WATCH_RESCREEN_ALL, type BackgroundJobDeps } from '../jobs/kinds.js';
import { defineJobType, type JobType } from '../jobs/registry.js';
import { runSync } from './service.js';

/** Data of a `sync-run` run: the sender's sync settings (sources, base URLs, HTTP limits). */
export interface SyncData {
  sources?: string[];
  baseUrl?: string;
  urls?: Record<string, string>;
  timeoutMs?: number;
  retries?: number;
  actor?: string;
  today?: IsoDate;
}

/**
 * `sync-run`: checks the official sources once (`runSync`: conditional GETs, an unchanged file is
 * not imported again, so a second run changes nothing) and, when the record changed, queues a
 * re-screen of every watchlist.
 */
export function syncType(deps: BackgroundJobDeps): JobType<SyncData> {
  return defineJobType<SyncData>({
    name: SYNC_RUN,
    ...BACKGROUND_POLICIES[SYNC_RUN]!,
    async handle(job, ctx) {
      const d = job.data;
      const r = await runSync(deps.store, {
        today: d.today ?? deps.today(), now: deps.now,
        ...(d.sources?.length ? { sources: d.sources } : {}),
        ...(d.baseUrl ? { baseUrl: d.baseUrl } : {}),
        ...(d.urls ? { urls: d.urls } : {}),
        http: { ...(d.timeoutMs ? { timeoutMs: d.timeoutMs } : {}), ...(d.retries !== undefined ? { retries: d.retries } : {}) },
        ...(d.actor ? { actor: d.actor } : {}),
        onProgress: (m) => void ctx.progress({ message: m }),
      });
      if (r.recordChanged) await sendBackground(ctx.queue, WATCH_RESCREEN_ALL, { cause: 'sync', ...(d.actor ? { actor: d.actor } : {}) });
      const summary = { recordChanged: r.recordChanged, sources: r.sources.map((s) => ({ source: s.source, status: s.status })) };
      ctx.log('sync run', summary);
      return summary;
    },
  });
}
