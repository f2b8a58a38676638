import type { Transporter } from 'nodemailer';
import type { Store } from '../../store/store.js';
import type { Alert } from '../watchlists/types.js';
import { SIGNATURE_HEADER, signatureHeader } from './sign.js';

/** Options of one delivery pass. */
export interface DeliverOptions {
  /** Wall clock in ms (Date.now at the entry point). */
  nowMs: () => number;
  /** Attempts after which a delivery is dead-lettered (K; default 6). */
  maxAttempts?: number;
  /** Wait before the 2nd attempt in ms, doubled after each failure (default 30,000). */
  baseDelayMs?: number;
  /** Time limit of one webhook POST in ms (default 10,000). */
  timeoutMs?: number;
  /** E-mail transport (nodemailer); without it e-mail deliveries stay pending. */
  mail?: { transport: Transporter; from: string };
  /** Base URL of the UI/API, for links in e-mails and payloads. */
  publicUrl?: string;
  /** Deliveries per pass (default 1,000). */
  limit?: number;
  fetch?: typeof fetch;
}

/** What one pass did. */
export interface DeliverResult {
  attempted: number;
  delivered: number;
  failed: number;
  dead: number;
  /** E-mail deliveries left pending because no SMTP server is configured. */
  skipped: number;
}

/** The JSON a webhook receives: the alert (with its publication and sources) and the delivery attempt. */
export function webhookBody(alert: Alert): string {
  const { readAt: _r, ...rest } = alert;
  return JSON.stringify({ type: 'listwatch.alert', alert: rest });
}

/** Plain-text e-mail of an alert. */
function mailText(a: Alert, publicUrl?: string): string {
  const lines = [a.title, '', `Watchlist: ${a.watchlist}`, `Counterparty: ${a.item.name}${a.item.ref ? ` (ref ${a.item.ref})` : ''}`, `Change: ${a.kind} on ${a.date}`];
  if (a.entity) lines.push(`Entity: ${a.entity.name} (${a.entity.id})`);
  if (a.list) lines.push(`List: ${a.list.name}`);
  if (a.detail) lines.push(`Detail: ${a.detail}`);
  if (a.publication) lines.push(`Publication: ${a.publication.citation ?? a.publication.title}, ${a.publication.date}${a.publication.url ? ` <${a.publication.url}>` : ''}`);
  for (const s of a.sources) lines.push(`Source: ${s.title}${s.date ? `, ${s.date}` : ''}${s.url ? ` <${s.url}>` : ''}`);
  if (publicUrl) lines.push('', `${publicUrl.replace(/\/$/, '')}/#/alerts`);
  return lines.join('\n');
}

interface DueRow {
  alert_id: string; channel: string; attempts: number; body: string; url: string | null; secret: string | null; email: string | null;
}

/**
 * Sends every due delivery once (pending, next attempt time passed): webhooks as a signed POST
 * (`X-Listwatch-Signature`, see sign.ts; any 2xx is success), e-mail over SMTP. A failure is retried
 * later with exponential backoff (`baseDelayMs · 2^(attempts-1)`); after `maxAttempts` failures the
 * delivery is dead (see `replayDeliveries`). Idempotent per delivery: a delivered one is never sent
 * again by this function. Safe to run from several processes: each delivery is claimed first.
 */
export async function deliverPending(store: Store, opts: DeliverOptions): Promise<DeliverResult> {
  const maxAttempts = opts.maxAttempts ?? 6;
  const base = opts.baseDelayMs ?? 30_000;
  const doFetch = opts.fetch ?? fetch;
  const now = () => new Date(opts.nowMs()).toISOString();
  const rows = await store.sql.query<DueRow>(
    `SELECT d.alert_id, d.channel, d.attempts, a.body, h.url, h.secret, w.email
       FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id JOIN watchlists w ON w.id = a.watchlist_id
       LEFT JOIN webhooks h ON d.channel = 'webhook:' || h.id
      WHERE d.status = 'pending' AND d.next_attempt_at <= $1
      ORDER BY a.created_at, d.alert_id, d.channel LIMIT $2`, [now(), opts.limit ?? 1_000]);
  const res: DeliverResult = { attempted: 0, delivered: 0, failed: 0, dead: 0, skipped: 0 };
  for (const r of rows) {
    if (r.channel === 'email' && !opts.mail) { res.skipped++; continue; }
    // Claim it: another process that picked the same row sees the moved time and skips it.
    const lease = new Date(opts.nowMs() + 10 * 60_000).toISOString();
    const claimed = await store.sql.query('UPDATE alert_deliveries SET next_attempt_at = $3 WHERE alert_id = $1 AND channel = $2 AND status = $4 AND attempts = $5 RETURNING alert_id', [r.alert_id, r.channel, lease, 'pending', r.attempts]);
    if (!claimed.length) continue;
    res.attempted++;
    const alert = JSON.parse(r.body) as Alert;
    let error: string | null = null;
    try {
      if (r.channel === 'email') {
        if (!r.email) throw new Error('the watchlist has no e-mail address');
        await opts.mail!.transport.sendMail({ from: opts.mail!.from, to: r.email, subject: `[listwatch] ${alert.watchlist}: ${alert.kind} for ${alert.item.name}`.slice(0, 200), text: mailText(alert, opts.publicUrl), headers: { 'X-Listwatch-Alert-Id': alert.id } });
      } else {
        if (!r.url || !r.secret) throw new Error('the webhook was removed');
        const body = webhookBody(alert);
        const t = Math.floor(opts.nowMs() / 1000);
        const resp = await doFetch(r.url, {
          method: 'POST', body, signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(r.secret, t, body), 'X-Listwatch-Alert-Id': alert.id, 'user-agent': 'listwatch-webhook/1' },
        });
        await resp.body?.cancel();
        if (resp.status < 200 || resp.status > 299) throw new Error(`HTTP ${resp.status}`);
      }
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      error = err.name === 'TimeoutError' ? 'timed out' : `${err.message}${err.cause?.code ? ` (${err.cause.code})` : ''}`;
    }
    const attempts = r.attempts + 1;
    if (error === null) {
      await store.sql.query(`UPDATE alert_deliveries SET status = 'delivered', attempts = $3, delivered_at = $4, last_error = NULL WHERE alert_id = $1 AND channel = $2`, [r.alert_id, r.channel, attempts, now()]);
      res.delivered++;
    } else if (attempts >= maxAttempts) {
      await store.sql.query(`UPDATE alert_deliveries SET status = 'dead', attempts = $3, last_error = $4 WHERE alert_id = $1 AND channel = $2`, [r.alert_id, r.channel, attempts, error]);
      res.dead++;
    } else {
      const next = new Date(opts.nowMs() + base * 2 ** (attempts - 1)).toISOString();
      await store.sql.query(`UPDATE alert_deliveries SET attempts = $3, last_error = $4, next_attempt_at = $5 WHERE alert_id = $1 AND channel = $2`, [r.alert_id, r.channel, attempts, error, next]);
      res.failed++;
    }
  }
  return res;
}

/** One delivery as listed by `deliveries`. */
export interface DeliveryRow {
  alertId: string; channel: string; status: 'pending' | 'delivered' | 'dead'; attempts: number; nextAttemptAt: string; lastError: string | null; deliveredAt: string | null;
}

/** Deliveries, optionally of one status and/or one watchlist (by id). */
export async function deliveries(store: Store, q: { status?: string; watchlistId?: string } = {}): Promise<DeliveryRow[]> {
  const rows = await store.sql.query<{ alert_id: string; channel: string; status: DeliveryRow['status']; attempts: number; next_attempt_at: string; last_error: string | null; delivered_at: string | null }>(
    `SELECT d.* FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id
      WHERE ($1::text IS NULL OR d.status = $1) AND ($2::text IS NULL OR a.watchlist_id = $2) ORDER BY a.created_at, d.alert_id, d.channel`, [q.status ?? null, q.watchlistId ?? null]);
  return rows.map((r) => ({ alertId: r.alert_id, channel: r.channel, status: r.status, attempts: Number(r.attempts), nextAttemptAt: r.next_attempt_at, lastError: r.last_error, deliveredAt: r.delivered_at }));
}

/**
 * Replays deliveries: dead ones (default), or also delivered ones of the given alerts or since a
 * time (`all`), are set pending with their attempts reset, due now. Returns how many.
 */
export async function replayDeliveries(store: Store, q: { watchlistId?: string; alertIds?: string[]; since?: string; all?: boolean }, nowIso: string): Promise<number> {
  const statuses = q.all ? ['dead', 'delivered', 'pending'] : ['dead'];
  const rows = await store.sql.query(
    `UPDATE alert_deliveries d SET status = 'pending', attempts = 0, next_attempt_at = $1, last_error = NULL, delivered_at = NULL
       FROM alerts a WHERE a.id = d.alert_id AND d.status = ANY($2)
        AND ($3::text IS NULL OR a.watchlist_id = $3) AND ($4::text[] IS NULL OR a.id = ANY($4)) AND ($5::text IS NULL OR a.created_at >= $5)
      RETURNING d.alert_id`, [nowIso, statuses, q.watchlistId ?? null, q.alertIds ?? null, q.since ?? null]);
  return rows.length;
}
