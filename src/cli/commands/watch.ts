import { Option } from 'commander';
import { ListwatchError } from '../../core/errors.js';
import { RULE_ROLES } from '../../core/rules/types.js';
import type { Role } from '../../app/types.js';
import { formatTable } from '../format.js';
import type { RegisterCommand } from './index.js';

const now = (): string => new Date().toISOString();

function numberOption(v: string | undefined, field: string, integer = false): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new ListwatchError('BAD_INPUT', `--${field}: "${v}" is not a ${integer ? 'whole ' : ''}number`, { field });
  return n;
}

/**
 * `listwatch watch add W --input FILE.csv` (creates W if needed; CSV header `name`, optional
 * `country`, `isin`, `uscc`, `lei`, `ticker`, `ref`), `watch list [W] --json` (watchlists, or each
 * counterparty's current status), `watch hook W --url URL --secret S` (signed webhook),
 * `watch unhook W HOOK`, `watch remove W`, `watch rescreen [W...]`.
 */
export const registerWatch: RegisterCommand = (program, ctx) => {
  const watch = program.command('watch').description('watchlists: named sets of counterparties re-screened after every change of the record');

  watch
    .command('add')
    .description('create or update a watchlist from a CSV (header: name, optional country, isin, uscc, lei, ticker, ref)')
    .argument('<watchlist>', 'watchlist name')
    .requiredOption('--input <file>', 'CSV file of counterparties')
    .addOption(new Option('--role <role>', 'whose obligations to alert on').choices([...RULE_ROLES]))
    .option('--threshold <x>', 'minimum match score of a hit (0..1)')
    .option('--notice-days <n>', 'days before an obligation comes into force to alert (default 90)')
    .option('--email <addresses>', 'e-mail alerts to these addresses (comma-separated)')
    .option('--replace', 'drop counterparties not in the file')
    .action(async (name: string, o: { input: string; role?: Role; threshold?: string; noticeDays?: string; email?: string; replace?: boolean }) => {
      const { addItems, readWatchCsv, checkWatchlistName } = await import('../../app/watchlists/index.js');
      checkWatchlistName(name);
      const threshold = numberOption(o.threshold, 'threshold');
      const noticeDays = numberOption(o.noticeDays, 'notice-days', true);
      const items = await readWatchCsv({ path: o.input });
      const store = await ctx.store();
      const r = await addItems(store, name, items, {
        today: ctx.today, now, actor: ctx.actor, ...(o.replace ? { replace: true } : {}),
        settings: { ...(o.role ? { role: o.role } : {}), ...(threshold !== undefined ? { threshold } : {}), ...(noticeDays !== undefined ? { noticeDays } : {}), ...(o.email ? { email: o.email } : {}) },
      });
      if (ctx.json()) return ctx.printJson(r);
      ctx.print(`${r.created ? 'created' : 'updated'} watchlist ${r.watchlist}: ${r.added} added, ${r.updated} updated, ${r.removed} removed; ${r.total} counterparties`);
    });

  watch
    .command('list')
    .description('every watchlist, or one watchlist with each counterparty\'s current status')
    .argument('[watchlist]', 'watchlist name')
    .option('--hits', 'only counterparties with a hit')
    .action(async (name: string | undefined, o: { hits?: boolean }) => {
      const { listWatchlists, watchlistStatus } = await import('../../app/watchlists/index.js');
      const store = await ctx.store();
      if (!name) {
        const all = await listWatchlists(store);
        if (ctx.json()) return ctx.printJson(all);
        if (!all.length) return ctx.print('no watchlists (create one: listwatch watch add NAME --input FILE.csv)');
        return ctx.print(formatTable([['WATCHLIST', 'COUNTERPARTIES', 'HITS', 'ALERTS', 'UNREAD', 'ROLE', 'HOOKS', 'SCREENED'],
          ...all.map((w) => [w.name, String(w.items), String(w.hits), String(w.alerts), String(w.unread), w.role ?? '', String(w.hooks.length), w.screenedAt ?? ''])]));
      }
      const st = await watchlistStatus(store, name);
      const items = o.hits ? st.items.filter((i) => i.status !== 'clear') : st.items;
      if (ctx.json()) return ctx.printJson({ ...st, items });
      ctx.print(`${st.watchlist.name}: ${st.watchlist.items} counterparties, ${st.watchlist.hits} with hits, ${st.watchlist.unread} unread alerts`);
      ctx.print(formatTable([['REF', 'NAME', 'STATUS', 'MATCHES (LISTS)'], ...items.map((i) => [
        i.ref ?? '', i.name, i.status,
        (i.result?.hits ?? []).map((h) => `${h.name} (${h.lists.map((l) => l.listId).join(', ')})`).concat((i.result?.related ?? []).map((r) => `${r.relation} ${r.name} (${r.lists.map((l) => l.listId).join(', ')})`)).join('; '),
      ])]));
    });

  watch
    .command('hook')
    .description('POST this watchlist\'s alerts to a URL, signed (X-Listwatch-Signature: t=…,v1=HMAC-SHA256(secret, t + "." + body))')
    .argument('<watchlist>', 'watchlist name')
    .requiredOption('--url <url>', 'http(s) URL receiving the alerts')
    .requiredOption('--secret <secret>', 'shared secret for the signature (at least 8 characters)')
    .action(async (name: string, o: { url: string; secret: string }) => {
      const { addHook } = await import('../../app/alerts/index.js');
      const { checkHttpUrl } = await import('../../app/sync/config.js');
      checkHttpUrl(o.url, '--url');
      const h = await addHook(await ctx.store(), name, o.url, o.secret, now());
      if (ctx.json()) return ctx.printJson(h);
      ctx.print(`webhook ${h.id} on ${name}: ${h.url}`);
    });

  watch
    .command('unhook')
    .description('remove a webhook (by id or URL)')
    .argument('<watchlist>', 'watchlist name')
    .argument('<hook>', 'webhook id or URL')
    .action(async (name: string, hook: string) => {
      const { removeHook } = await import('../../app/alerts/index.js');
      await removeHook(await ctx.store(), name, hook);
      if (ctx.json()) return ctx.printJson({ removed: hook });
      ctx.print(`removed webhook ${hook} from ${name}`);
    });

  watch
    .command('remove')
    .description('delete a watchlist with its counterparties, alerts and webhooks')
    .argument('<watchlist>', 'watchlist name')
    .action(async (name: string) => {
      const { deleteWatchlist } = await import('../../app/watchlists/index.js');
      await deleteWatchlist(await ctx.store(), name);
      if (ctx.json()) return ctx.printJson({ removed: name });
      ctx.print(`removed watchlist ${name}`);
    });

  watch
    .command('rescreen')
    .description('re-screen watchlists now and raise alerts for what changed (the server and sync/import do this by themselves)')
    .argument('[watchlists...]', 'watchlist names (default all)')
    .option('--queue', 'queue the re-screen as jobs for `listwatch worker` processes (one per watchlist) instead of running it here')
    .action(async (names: string[], o: { queue?: boolean }) => {
      if (o.queue) {
        const store = await ctx.store();
        const { queueJob } = await import('../queue-job.js');
        const { WATCH_RESCREEN, WATCH_RESCREEN_ALL } = await import('../../app/jobs/kinds.js');
        const { requireWatchlist } = await import('../../app/watchlists/index.js');
        const ids: (string | null)[] = [];
        if (!names.length) ids.push(await queueJob(store, WATCH_RESCREEN_ALL, { today: ctx.today, cause: 'request', actor: ctx.actor, force: true }, { singletonKey: 'forced' }));
        for (const n of names) {
          const wl = await requireWatchlist(store, n);
          ids.push(await queueJob(store, WATCH_RESCREEN, { watchlistId: wl.id, name: wl.name, today: ctx.today, cause: 'request', actor: ctx.actor }, { singletonKey: wl.id }));
        }
        if (ctx.json()) return ctx.printJson({ queued: ids.filter(Boolean) });
        return ctx.print(`queued ${ids.filter(Boolean).length} re-screen job(s)${ids.some((x) => !x) ? ' (others were waiting already)' : ''}`);
      }
      const { rescreenAll } = await import('../../app/watchlists/index.js');
      const r = await rescreenAll(await ctx.store(), { today: ctx.today, now, actor: ctx.actor, ...(names.length ? { names } : {}) });
      if (ctx.json()) return ctx.printJson(r);
      for (const x of r) ctx.print(`${x.watchlist}: ${x.screened} screened, ${x.alerts.length} new alerts`);
    });
};
