import { ListwatchError } from '../../core/errors.js';
import { requiredNumber } from '../numbers.js';
import { fetchers, getFetcher } from '../../sources/fetchers.js';
import type { SyncRunResult } from '../../app/sync/service.js';
import type { RegisterCommand } from './index.js';

/** Human lines for a sync run. */
export function formatSyncResult(r: SyncRunResult): string[] {
  const lines: string[] = [];
  for (const s of r.sources) {
    lines.push(`${s.source}: ${s.status}${s.error ? ` — ${s.error.code}: ${s.error.message}` : ''}`);
    for (const q of s.requests) lines.push(`  ${q.name}: ${q.http === 304 ? '304 not modified' : q.http === 404 ? '404 not published' : q.unchanged ? 'same content' : `${q.bytes ?? 0} bytes`}`);
    for (const i of s.imports ?? []) for (const l of i.lists) {
      lines.push(l.status === 'unchanged' ? `  ${l.listId}: unchanged` : `  ${l.listId}: ${l.publicationId} — ${l.entityCount} entries; ${l.added} added, ${l.removed} removed, ${l.renamed} renamed, ${l.changed} changed`);
    }
    for (const v of s.reviews ?? []) lines.push(`  review: ${v.date} ${v.title} <${v.url}>`);
  }
  if (r.rescreen) lines.push(`watchlists re-screened: ${r.rescreen.watchlists}, new alerts: ${r.rescreen.alerts}`);
  return lines;
}

/**
 * `listwatch sync [--source ID]... [--url BASE]`: checks the official sources once (see `runSync`) and,
 * when the record changed, re-screens the watchlists. `--url` replaces the official base URL (files
 * fetched under it by their official names); env LISTWATCH_SYNC_URLS=`id=URL,…` sets base URLs per
 * source. Exit 0 when every source was checked, 1 when one failed or its download was refused.
 */
export const registerSync: RegisterCommand = (program, ctx) => {
  program
    .command('sync')
    .description('check the official sources (OFAC, trade.gov CSL, Federal Register, DHS UFLPA and FCC pages) and import what changed')
    .option('--source <id...>', `sources to check (default all): ${fetchers.map((f) => f.id).join(', ')}`)
    .option('--url <base>', 'base URL replacing the official one; files are fetched under it by their official names (e.g. BASE/sdn.csv)')
    .option('--timeout-ms <n>', 'time limit of one request in ms', '60000')
    .option('--retries <n>', 'retries of a failed request (exponential backoff)', '3')
    .option('--force', 'import even if a list would lose more than 20 % of its entries or names (after checking the refused download)')
    .option('--queue', 'queue the run as a job for `listwatch worker` processes (prints its id) instead of running it here')
    .action(async (opts: { source?: string[]; url?: string; timeoutMs: string; retries: string; force?: boolean; queue?: boolean }) => {
      const { runSync, parseSourceUrls, checkHttpUrl } = await import('../../app/sync/index.js');
      const timeoutMs = requiredNumber(opts.timeoutMs, '--timeout-ms', { above: 0 });
      const retries = requiredNumber(opts.retries, '--retries', { integer: true, min: 0 });
      const baseUrl = opts.url !== undefined ? checkHttpUrl(opts.url, '--url') : undefined;
      const urls = parseSourceUrls(ctx.env?.LISTWATCH_SYNC_URLS);
      const store = await ctx.store();
      if (opts.queue) {
        if (opts.force) throw new ListwatchError('BAD_INPUT', '--force cannot be queued: run it here, after checking the refused download', { field: 'force' });
        for (const id of opts.source ?? []) getFetcher(id);
        const { queueJob } = await import('../queue-job.js');
        const { SYNC_RUN } = await import('../../app/jobs/kinds.js');
        const id = await queueJob(store, SYNC_RUN, { ...(opts.source ? { sources: opts.source } : {}), ...(baseUrl ? { baseUrl } : {}), urls, timeoutMs, retries, actor: ctx.actor, today: ctx.today });
        if (ctx.json()) return ctx.printJson({ queued: id });
        return ctx.print(id ? `sync queued (job ${id})` : 'a sync run is waiting already');
      }
      const result: SyncRunResult = await runSync(store, {
        ...(opts.source ? { sources: opts.source } : {}),
        ...(baseUrl ? { baseUrl } : {}),
        urls,
        actor: ctx.actor,
        ...(opts.force ? { force: true } : {}),
        today: ctx.today,
        now: () => new Date().toISOString(),
        http: { timeoutMs, retries },
        onProgress: (m) => ctx.warn(`sync: ${m}`),
      });
      if (result.recordChanged) {
        const { rescreenAll } = await import('../../app/watchlists/index.js');
        const rs = await rescreenAll(store, { today: ctx.today, now: () => new Date().toISOString(), cause: 'sync', actor: ctx.actor });
        result.rescreen = { watchlists: rs.length, alerts: rs.reduce((n: number, x: { alerts: unknown[] }) => n + x.alerts.length, 0) };
      }
      if (ctx.json()) ctx.printJson(result);
      else for (const l of formatSyncResult(result)) ctx.print(l);
      if (result.sources.some((s) => s.status === 'failed' || s.status === 'refused')) process.exitCode = 1;
    });
};
