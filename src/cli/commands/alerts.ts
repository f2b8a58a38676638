import { parseIsoDate } from '../../core/dates.js';
import { requiredNumber } from '../numbers.js';
import { ListwatchError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { formatTable } from '../format.js';
import type { CliContext } from '../context.js';
import type { RegisterCommand } from './index.js';

/** `--since D`: a day (YYYY-MM-DD) or an ISO time. */
function sinceOption(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return parseIsoDate(v, '--since');
  if (!Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v)) return new Date(v).toISOString();
  throw new ListwatchError('BAD_INPUT', `--since: "${v}" is not a date YYYY-MM-DD or an ISO time`, { field: 'since' });
}

/** Delivery options from the environment: SMTP (LISTWATCH_SMTP_URL, LISTWATCH_SMTP_FROM), links (LISTWATCH_PUBLIC_URL). */
export async function deliveryEnv(ctx: CliContext) {
  const { smtpFromUrl } = await import('../../app/alerts/index.js');
  const env = ctx.env ?? {};
  return {
    ...(env.LISTWATCH_SMTP_URL ? { mail: smtpFromUrl(env.LISTWATCH_SMTP_URL, env.LISTWATCH_SMTP_FROM) } : {}),
    ...(env.LISTWATCH_PUBLIC_URL ? { publicUrl: env.LISTWATCH_PUBLIC_URL } : {}),
  };
}

async function watchlistId(store: Store, name: string | undefined): Promise<string | undefined> {
  if (!name) return undefined;
  const { requireWatchlist } = await import('../../app/watchlists/index.js');
  return (await requireWatchlist(store, name)).id;
}

/**
 * `listwatch alerts [--watch W] [--since D] [--unread] --json` lists alerts (newest first);
 * `alerts deliver` sends what is pending once (webhooks, e-mail); `alerts replay` sends dead
 * (or, with --all, also delivered) deliveries again; `alerts read` marks alerts read;
 * `alerts deliveries` shows each delivery's state.
 */
export const registerAlerts: RegisterCommand = (program, ctx) => {
  const alerts = program
    .command('alerts')
    .description('alerts raised on watchlists: list, deliver, replay, mark read')
    .option('--watch <watchlist>', 'only this watchlist')
    .option('--since <date>', 'raised on or after this day (YYYY-MM-DD) or time')
    .option('--unread', 'only unread alerts')
    .action(async (o: { watch?: string; since?: string; unread?: boolean }) => {
      const since = sinceOption(o.since);
      const { listAlerts } = await import('../../app/watchlists/index.js');
      const list = await listAlerts(await ctx.store(), { ...(o.watch ? { watchlist: o.watch } : {}), ...(since ? { since } : {}), ...(o.unread ? { unreadOnly: true } : {}) });
      if (ctx.json()) return ctx.printJson(list);
      if (!list.length) return ctx.print('no alerts');
      ctx.print(formatTable([['RAISED', 'WATCHLIST', 'KIND', 'ALERT', 'PUBLICATION'], ...list.map((a) => [
        a.createdAt.slice(0, 16).replace('T', ' '), a.watchlist, a.kind + (a.readAt ? '' : ' *'), a.title, a.publication ? `${a.publication.citation ?? a.publication.title} (${a.publication.date})` : '',
      ])]));
    });

  alerts
    .command('deliver')
    .description('send pending alert deliveries once (webhooks; e-mail when LISTWATCH_SMTP_URL is set)')
    .option('--max-attempts <n>', 'failures before a delivery is dead-lettered', '6')
    .option('--base-delay-ms <n>', 'wait before the first retry, doubled each time', '30000')
    .action(async (o: { maxAttempts: string; baseDelayMs: string }) => {
      const maxAttempts = requiredNumber(o.maxAttempts, '--max-attempts', { integer: true, min: 1 });
      const baseDelayMs = requiredNumber(o.baseDelayMs, '--base-delay-ms', { min: 0 });
      const { deliverPending } = await import('../../app/alerts/index.js');
      const env = await deliveryEnv(ctx);
      const r = await deliverPending(await ctx.store(), { nowMs: () => Date.now(), maxAttempts, baseDelayMs, ...env });
      env.mail?.transport.close();
      if (ctx.json()) return ctx.printJson(r);
      ctx.print(`${r.attempted} attempted: ${r.delivered} delivered, ${r.failed} to retry, ${r.dead} dead-lettered${r.skipped ? `; ${r.skipped} e-mails waiting for LISTWATCH_SMTP_URL` : ''}`);
      if (r.failed || r.dead) process.exitCode = 1;
    });

  alerts
    .command('replay')
    .description('send dead-lettered deliveries again (with --all also delivered ones), due now; then run `alerts deliver`')
    .option('--watch <watchlist>', 'only this watchlist')
    .option('--alert <id...>', 'only these alerts')
    .option('--since <date>', 'only alerts raised since this day or time')
    .option('--all', 'also deliveries that succeeded')
    .action(async (o: { watch?: string; alert?: string[]; since?: string; all?: boolean }) => {
      const since = sinceOption(o.since);
      const { replayDeliveries } = await import('../../app/alerts/index.js');
      const store = await ctx.store();
      const wid = await watchlistId(store, o.watch);
      const n = await replayDeliveries(store, { ...(wid ? { watchlistId: wid } : {}), ...(o.alert ? { alertIds: o.alert } : {}), ...(since ? { since } : {}), ...(o.all ? { all: true } : {}) }, new Date().toISOString());
      if (ctx.json()) return ctx.printJson({ replayed: n });
      ctx.print(`${n} deliveries pending again`);
    });

  alerts
    .command('deliveries')
    .description('each delivery with its state (pending, delivered, dead), attempts and last error')
    .option('--watch <watchlist>', 'only this watchlist')
    .option('--status <status>', 'pending | delivered | dead')
    .action(async (o: { watch?: string; status?: string }) => {
      const { deliveries } = await import('../../app/alerts/index.js');
      const store = await ctx.store();
      const wid = await watchlistId(store, o.watch);
      const rows = await deliveries(store, { ...(wid ? { watchlistId: wid } : {}), ...(o.status ? { status: o.status } : {}) });
      if (ctx.json()) return ctx.printJson(rows);
      ctx.print(formatTable([['ALERT', 'CHANNEL', 'STATUS', 'ATTEMPTS', 'NEXT', 'LAST ERROR'], ...rows.map((r) => [r.alertId, r.channel, r.status, String(r.attempts), r.status === 'pending' ? r.nextAttemptAt : '', r.lastError ?? ''])]));
    });

  alerts
    .command('read')
    .description('mark alerts read (given ids, or all of --watch)')
    .argument('[ids...]', 'alert ids')
    .option('--watch <watchlist>', 'every alert of this watchlist')
    .action(async (ids: string[], o: { watch?: string }) => {
      if (!ids.length && !o.watch) throw new ListwatchError('BAD_INPUT', 'give alert ids or --watch W', { field: 'ids' });
      const { markAlertsRead } = await import('../../app/watchlists/index.js');
      const n = await markAlertsRead(await ctx.store(), o.watch ? { watchlist: o.watch } : { ids }, new Date().toISOString());
      if (ctx.json()) return ctx.printJson({ read: n });
      ctx.print(`${n} alerts marked read`);
    });
};
