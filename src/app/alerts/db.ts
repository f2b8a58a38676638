import type { SqlExecutor } from '../../store/sql/driver.js';
import type { Alert } from '../watchlists/types.js';
import { insertMany } from '../watchlists/db.js';

/** A webhook of a watchlist. */
export interface Webhook {
  id: string;
  watchlistId: string;
  url: string;
  secret: string;
  createdAt: string;
}

/** A watchlist's webhooks. */
export async function hooksOf(db: SqlExecutor, watchlistId: string): Promise<Webhook[]> {
  const rows = await db.query<{ id: string; watchlist_id: string; url: string; secret: string; created_at: string }>('SELECT * FROM webhooks WHERE watchlist_id = $1 ORDER BY created_at, id', [watchlistId]);
  return rows.map((r) => ({ id: r.id, watchlistId: r.watchlist_id, url: r.url, secret: r.secret, createdAt: r.created_at }));
}

/**
 * Inserts alerts not raised before (same id = same change) and, for each new one, a pending
 * delivery per channel of its watchlist (each webhook, and e-mail when the watchlist has an
 * address). Returns the alerts that were new. Runs in the caller's transaction.
 */
export async function insertAlerts(db: SqlExecutor, watchlistId: string, alerts: Alert[], channels: string[], now: string): Promise<Alert[]> {
  if (!alerts.length) return [];
  const ids = alerts.map((a) => a.id);
  const existing = new Set((await db.query<{ id: string }>('SELECT id FROM alerts WHERE id = ANY($1)', [ids])).map((r) => r.id));
  const fresh: Alert[] = [];
  const seen = new Set<string>();
  for (const a of alerts) if (!existing.has(a.id) && !seen.has(a.id)) { seen.add(a.id); fresh.push(a); }
  await insertMany(db, 'alerts', ['id', 'watchlist_id', 'item_key', 'kind', 'entity_id', 'list_id', 'title', 'date', 'body', 'created_at'],
    fresh.map((a) => [a.id, watchlistId, a.item.key, a.kind, a.entity?.id ?? null, a.list?.id ?? null, a.title, a.date, JSON.stringify(a), a.createdAt]), 'ON CONFLICT (id) DO NOTHING');
  await insertMany(db, 'alert_deliveries', ['alert_id', 'channel', 'status', 'attempts', 'next_attempt_at'],
    fresh.flatMap((a) => channels.map((c) => [a.id, c, 'pending', 0, now])), 'ON CONFLICT DO NOTHING');
  return fresh;
}

/** Filters of `listAlerts`. */
export interface AlertQuery {
  watchlistId?: string;
  /** Alerts created on or after this day or time (ISO). */
  since?: string;
  unreadOnly?: boolean;
  limit?: number;
}

/** Alerts, newest first (then by id), with their read state. */
export async function queryAlerts(db: SqlExecutor, q: AlertQuery): Promise<Alert[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.watchlistId) { params.push(q.watchlistId); where.push(`watchlist_id = $${params.length}`); }
  if (q.since) { params.push(q.since); where.push(`created_at >= $${params.length}`); }
  if (q.unreadOnly) where.push('read_at IS NULL');
  params.push(q.limit ?? 10_000);
  const rows = await db.query<{ body: string; read_at: string | null }>(
    `SELECT body, read_at FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT $${params.length}`, params);
  return rows.map((r) => ({ ...(JSON.parse(r.body) as Alert), readAt: r.read_at }));
}
