import type { SqlExecutor } from '../../store/sql/driver.js';
import type { Store } from '../../store/store.js';
import type { Role } from '../types.js';
import type { ItemResult, WatchItem, Watchlist } from './types.js';

interface WatchlistRow {
  id: string; name: string; role: string | null; threshold: number | null; notice_days: number; email: string | null;
  created_at: string; updated_at: string; screened_at: string | null;
}

/** Row → Watchlist. */
export function toWatchlist(r: WatchlistRow): Watchlist {
  return {
    id: r.id, name: r.name, noticeDays: Number(r.notice_days), createdAt: r.created_at, updatedAt: r.updated_at,
    ...(r.role ? { role: r.role as Role } : {}),
    ...(r.threshold !== null ? { threshold: Number(r.threshold) } : {}),
    ...(r.email ? { email: r.email } : {}),
    ...(r.screened_at ? { screenedAt: r.screened_at } : {}),
  };
}

/** Every watchlist, by name. */
export async function allWatchlists(db: SqlExecutor): Promise<Watchlist[]> {
  return (await db.query<WatchlistRow>('SELECT * FROM watchlists ORDER BY name')).map(toWatchlist);
}

/** One watchlist by name, or null. */
export async function watchlistByName(db: SqlExecutor, name: string): Promise<Watchlist | null> {
  const [r] = await db.query<WatchlistRow>('SELECT * FROM watchlists WHERE name = $1', [name]);
  return r ? toWatchlist(r) : null;
}

interface ItemRow {
  item_key: string; position: number; name: string; country: string | null; isin: string | null; uscc: string | null;
  lei: string | null; ticker: string | null; ref: string | null;
}

/** A watchlist's counterparties in position order. */
export async function itemsOf(db: SqlExecutor, watchlistId: string): Promise<WatchItem[]> {
  const rows = await db.query<ItemRow>('SELECT * FROM watchlist_items WHERE watchlist_id = $1 ORDER BY position', [watchlistId]);
  return rows.map((r) => {
    const item: WatchItem = { key: r.item_key, position: Number(r.position), name: r.name };
    for (const k of ['country', 'isin', 'uscc', 'lei', 'ticker', 'ref'] as const) if (r[k]) item[k] = r[k]!;
    return item;
  });
}

/** The stored results of a watchlist's items, by item key. */
export async function resultsOf(db: SqlExecutor, watchlistId: string): Promise<Map<string, { result: ItemResult; screenedAt: string }>> {
  const rows = await db.query<{ item_key: string; result: string; screened_at: string }>('SELECT item_key, result, screened_at FROM watchlist_results WHERE watchlist_id = $1', [watchlistId]);
  return new Map(rows.map((r) => [r.item_key, { result: JSON.parse(r.result) as ItemResult, screenedAt: r.screened_at }]));
}

/** Many rows in few statements: `INSERT … VALUES (…), (…)` in chunks (parameters are limited per statement). */
export async function insertMany(db: SqlExecutor, table: string, columns: string[], rows: unknown[][], suffix = ''): Promise<void> {
  const per = Math.max(1, Math.floor(30_000 / columns.length));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: unknown[] = [];
    const values = chunk.map((r) => `(${r.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`);
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ${suffix}`, params);
  }
}

/** The store's capability SQL (shorthand). */
export const sqlOf = (store: Store) => store.sql;
