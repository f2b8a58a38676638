import { randomUUID } from 'node:crypto';
import { ListwatchError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { checkHttpUrl } from '../sync/config.js';
import { requireWatchlist } from '../watchlists/service.js';
import { hooksOf, type Webhook } from './db.js';

/**
 * Registers a webhook on a watchlist (`listwatch watch hook W --url URL --secret S`): alerts raised
 * from now on are POSTed to it, signed with the secret. The same URL again replaces its secret.
 * BAD_INPUT for a URL that is not http(s) or a secret shorter than 8 characters; NOT_FOUND for an
 * unknown watchlist. Nothing is stored on a refusal.
 */
export async function addHook(store: Store, watchlist: string, url: string, secret: string, now: string): Promise<{ id: string; watchlist: string; url: string; createdAt: string }> {
  checkHttpUrl(url, 'url');
  if (typeof secret !== 'string' || secret.length < 8) throw new ListwatchError('BAD_INPUT', 'the webhook secret must be at least 8 characters', { field: 'secret' });
  const wl = await requireWatchlist(store, watchlist);
  const [row] = await store.sql.query<{ id: string; created_at: string }>(
    `INSERT INTO webhooks (id, watchlist_id, url, secret, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (watchlist_id, url) DO UPDATE SET secret = EXCLUDED.secret RETURNING id, created_at`,
    [randomUUID(), wl.id, url, secret, now]);
  return { id: row!.id, watchlist, url, createdAt: row!.created_at };
}

/** Removes a webhook of a watchlist by id or URL; NOT_FOUND when it has none such. */
export async function removeHook(store: Store, watchlist: string, idOrUrl: string): Promise<void> {
  const wl = await requireWatchlist(store, watchlist);
  const rows = await store.sql.query('DELETE FROM webhooks WHERE watchlist_id = $1 AND (id = $2 OR url = $2) RETURNING id', [wl.id, idOrUrl]);
  if (!rows.length) throw new ListwatchError('NOT_FOUND', `watchlist "${watchlist}" has no webhook ${idOrUrl}`, { field: 'hook' });
}

/** A watchlist's webhooks without their secrets. */
export async function listHooks(store: Store, watchlist: string): Promise<Omit<Webhook, 'secret'>[]> {
  const wl = await requireWatchlist(store, watchlist);
  return (await hooksOf(store.sql, wl.id)).map(({ secret: _s, ...h }) => h);
}
