import { createHash, randomUUID } from 'node:crypto';
import { ListwatchError } from '../../core/errors.js';
import type { IsoDate, Publication, Source } from '../../core/model.js';
import { RULE_ROLES } from '../../core/rules/types.js';
import type { Store } from '../../store/store.js';
import type { SqlExecutor } from '../../store/sql/driver.js';
import { loadRules } from '../dossier/rules.js';
import { loadScreenIndex } from '../screen/index-source.js';
import type { Role } from '../types.js';
import { hooksOf, insertAlerts, queryAlerts } from '../alerts/db.js';
import { recordAudit } from '../audit/audit.js';
import { suppressedFalsePositive } from '../decisions/decisions.js';
import { checkItem, MAX_WATCH_ITEMS } from './csv.js';
import { allWatchlists, insertMany, itemsOf, resultsOf, watchlistByName } from './db.js';
import { diffItem, type AlertDraft } from './diff.js';
import { recordView, screenItem, type RecordView } from './screen.js';
import type { Alert, WatchItem, WatchItemInput, WatchItemStatus, Watchlist, WatchlistSummary } from './types.js';

/** Clocks of the watchlist services (only entry points read the real ones). */
export interface Clock {
  today: IsoDate;
  /** ISO time, for created/screened times. */
  now: () => string;
  /** Who runs it, for the audit trail (default `system:watchlists`). */
  actor?: string;
}

/** Re-screen progress: counterparties of `watchlist` screened so far, of `total`. */
export interface RescreenProgress {
  watchlist: string;
  screened: number;
  total: number;
}

/** Counterparties screened between two progress reports (and between two yields to the event loop). */
const PROGRESS_EVERY = 1000;

/** Settings given when creating or updating a watchlist. */
export interface WatchlistSettings {
  role?: Role;
  threshold?: number;
  noticeDays?: number;
  email?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** BAD_INPUT unless `name` is a watchlist name (letters, digits, `.`, `_`, `-`; up to 100). */
export function checkWatchlistName(name: string): string {
  if (!NAME.test(name)) throw new ListwatchError('BAD_INPUT', `watchlist name "${name}" must be 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit`, { field: 'watchlist' });
  return name;
}

function checkSettings(s: WatchlistSettings): void {
  if (s.role !== undefined && !RULE_ROLES.includes(s.role)) throw new ListwatchError('BAD_INPUT', `role "${s.role}" is not one of ${RULE_ROLES.join(', ')}`, { field: 'role' });
  if (s.threshold !== undefined && !(s.threshold >= 0 && s.threshold <= 1)) throw new ListwatchError('BAD_INPUT', `threshold must be between 0 and 1, got ${s.threshold}`, { field: 'threshold' });
  if (s.noticeDays !== undefined && !(Number.isInteger(s.noticeDays) && s.noticeDays >= 0 && s.noticeDays <= 3650)) throw new ListwatchError('BAD_INPUT', `notice days must be a whole number 0–3650, got ${s.noticeDays}`, { field: 'notice_days' });
  if (s.email !== undefined && !s.email.split(',').every((a) => /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/.test(a.trim()))) throw new ListwatchError('BAD_INPUT', `email "${s.email}" is not a comma-separated list of addresses`, { field: 'email' });
}

/** The key of a counterparty: the user's reference, else its name (case and spaces folded) and country. */
export function itemKey(i: WatchItemInput): string {
  return i.ref ? `ref:${i.ref}` : `name:${i.name.toLowerCase().replace(/\s+/g, ' ')}|${(i.country ?? '').toLowerCase()}`;
}

/** The watchlist named `name`, else NOT_FOUND. */
export async function requireWatchlist(store: Store, name: string): Promise<Watchlist> {
  const wl = await watchlistByName(store.sql, name);
  if (!wl) throw new ListwatchError('NOT_FOUND', `no watchlist named "${name}"`, { field: 'watchlist' });
  return wl;
}

/** Result of adding counterparties. */
export interface AddItemsResult {
  watchlist: string;
  created: boolean;
  added: number;
  updated: number;
  removed: number;
  total: number;
  /** Alerts the re-screen raised (none for new counterparties: their first result is the baseline). */
  alerts: number;
}

/**
 * Creates the watchlist `name` if needed and adds or updates counterparties (by key; `replace`
 * drops those not given), in ONE transaction: bad input (a bad name, setting or counterparty, more
 * than `MAX_WATCH_ITEMS`) is refused before anything is written, so nothing half-created stays.
 * Then re-screens the watchlist: new counterparties get their first result (a baseline, no alerts).
 */
export async function addItems(store: Store, name: string, items: WatchItemInput[], opts: Clock & { settings?: WatchlistSettings; replace?: boolean; maxItems?: number }): Promise<AddItemsResult> {
  checkWatchlistName(name);
  checkSettings(opts.settings ?? {});
  const max = opts.maxItems ?? MAX_WATCH_ITEMS;
  const byKey = new Map<string, WatchItemInput>();
  items.forEach((raw, n) => {
    let i: WatchItemInput;
    try {
      i = checkItem(raw as unknown as Record<string, unknown>);
    } catch (e) {
      if (e instanceof ListwatchError) throw new ListwatchError(e.code, `counterparty ${n + 1} (${String(raw.name ?? '').slice(0, 60)}): ${e.message}`, e.where?.field ? { field: e.where.field } : undefined);
      throw e;
    }
    byKey.set(itemKey(i), i);
  });
  if (byKey.size > max) throw new ListwatchError('TOO_LARGE', `${byKey.size.toLocaleString('en-US')} counterparties; a watchlist holds at most ${max.toLocaleString('en-US')}`, { field: 'items' });
  const now = opts.now();
  const res = await store.sql.transaction(async (tx) => {
    let wl = await watchlistByName(tx, name);
    const created = !wl;
    const s = opts.settings ?? {};
    if (!wl) {
      const id = randomUUID();
      await tx.query('INSERT INTO watchlists (id, name, role, threshold, notice_days, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)',
        [id, name, s.role ?? null, s.threshold ?? null, s.noticeDays ?? 90, s.email ?? null, now]);
      wl = (await watchlistByName(tx, name))!;
    } else {
      await tx.query(`UPDATE watchlists SET role = COALESCE($2, role), threshold = COALESCE($3, threshold), notice_days = COALESCE($4, notice_days), email = COALESCE($5, email), updated_at = $6 WHERE id = $1`,
        [wl.id, s.role ?? null, s.threshold ?? null, s.noticeDays ?? null, s.email ?? null, now]);
    }
    const current = await itemsOf(tx, wl.id);
    const currentKeys = new Set(current.map((i) => i.key));
    const removed = opts.replace ? current.filter((i) => !byKey.has(i.key)).map((i) => i.key) : [];
    const total = new Set([...(opts.replace ? [] : currentKeys), ...byKey.keys()]).size;
    if (total > max) throw new ListwatchError('TOO_LARGE', `the watchlist would hold ${total.toLocaleString('en-US')} counterparties; at most ${max.toLocaleString('en-US')}`, { field: 'items' });
    if (removed.length) {
      await tx.query('DELETE FROM watchlist_items WHERE watchlist_id = $1 AND item_key = ANY($2)', [wl.id, removed]);
      await tx.query('DELETE FROM watchlist_results WHERE watchlist_id = $1 AND item_key = ANY($2)', [wl.id, removed]);
    }
    let position = current.reduce((m, i) => Math.max(m, i.position), 0);
    const pos = new Map(current.map((i) => [i.key, i.position]));
    const rows = [...byKey].map(([key, i]) => [wl!.id, key, pos.get(key) ?? ++position, i.name, i.country ?? null, i.isin ?? null, i.uscc ?? null, i.lei ?? null, i.ticker ?? null, i.ref ?? null]);
    await insertMany(tx, 'watchlist_items', ['watchlist_id', 'item_key', 'position', 'name', 'country', 'isin', 'uscc', 'lei', 'ticker', 'ref'], rows,
      'ON CONFLICT (watchlist_id, item_key) DO UPDATE SET name = EXCLUDED.name, country = EXCLUDED.country, isin = EXCLUDED.isin, uscc = EXCLUDED.uscc, lei = EXCLUDED.lei, ticker = EXCLUDED.ticker, ref = EXCLUDED.ref');
    // A counterparty whose name or identifiers changed starts a new baseline.
    const changedKeys = current.filter((c) => { const n = byKey.get(c.key); return n && JSON.stringify([n.name, n.country, n.isin, n.uscc, n.lei, n.ticker]) !== JSON.stringify([c.name, c.country, c.isin, c.uscc, c.lei, c.ticker]); }).map((c) => c.key);
    if (changedKeys.length) await tx.query('DELETE FROM watchlist_results WHERE watchlist_id = $1 AND item_key = ANY($2)', [wl.id, changedKeys]);
    const added = [...byKey.keys()].filter((k) => !currentKeys.has(k)).length;
    return { wl, created, added, updated: byKey.size - added, removed: removed.length, total };
  });
  const [screened] = await rescreen(store, [res.wl], opts);
  return { watchlist: name, created: res.created, added: res.added, updated: res.updated, removed: res.removed, total: res.total, alerts: screened?.alerts.length ?? 0 };
}

/** Deletes a watchlist with its counterparties, results, alerts and hooks. NOT_FOUND when unknown. */
export async function deleteWatchlist(store: Store, name: string): Promise<void> {
  const wl = await requireWatchlist(store, name);
  await store.sql.query('DELETE FROM watchlists WHERE id = $1', [wl.id]);
}

/** Every watchlist with its counts (counterparties, hits, alerts, unread) and webhooks. */
export async function listWatchlists(store: Store): Promise<WatchlistSummary[]> {
  const out: WatchlistSummary[] = [];
  for (const wl of await allWatchlists(store.sql)) {
    const [c] = await store.sql.query<{ items: number; hits: number; related: number }>(
      `SELECT (SELECT count(*) FROM watchlist_items WHERE watchlist_id = $1)::int AS items,
              (SELECT count(*) FROM watchlist_results WHERE watchlist_id = $1 AND result LIKE '{"status":"hit"%')::int AS hits,
              (SELECT count(*) FROM watchlist_results WHERE watchlist_id = $1 AND result LIKE '{"status":"related"%')::int AS related`, [wl.id]);
    const [a] = await store.sql.query<{ alerts: number; unread: number }>('SELECT count(*)::int AS alerts, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM alerts WHERE watchlist_id = $1', [wl.id]);
    const hooks = (await hooksOf(store.sql, wl.id)).map((h) => ({ id: h.id, url: h.url }));
    out.push({ ...wl, items: Number(c!.items), hits: Number(c!.hits), related: Number(c!.related), alerts: Number(a!.alerts), unread: Number(a!.unread), hooks });
  }
  return out;
}

/** A watchlist and each counterparty's current status (its last screening result). */
export async function watchlistStatus(store: Store, name: string): Promise<{ watchlist: WatchlistSummary; items: WatchItemStatus[] }> {
  const wl = await requireWatchlist(store, name);
  const summary = (await listWatchlists(store)).find((w) => w.id === wl.id)!;
  const results = await resultsOf(store.sql, wl.id);
  const items = (await itemsOf(store.sql, wl.id)).map((i): WatchItemStatus => {
    const r = results.get(i.key);
    return { ...i, status: r ? r.result.status : 'not-screened', result: r?.result ?? null, screenedAt: r?.screenedAt ?? null };
  });
  return { watchlist: summary, items };
}

/** What one re-screen did to one watchlist. */
export interface RescreenResult {
  watchlist: string;
  screened: number;
  /** The alerts raised (new changes only). */
  alerts: Alert[];
}

/** Reads the record once for re-screening. */
async function loadView(store: Store, today: IsoDate): Promise<{ view: RecordView; pubs: Map<string, Publication>; latest: Map<string, Publication> }> {
  const rules = loadRules();
  const [index, entities, relations, designations, publications] = await Promise.all([loadScreenIndex(store), store.getEntities(), store.getRelations(), store.getDesignations(), store.getPublications()]);
  const pubs = new Map(publications.map((p) => [p.id, p]));
  const latest = new Map<string, Publication>();
  for (const p of publications) {
    if (p.date > today || p.kind === 'withdrawn') continue;
    const cur = latest.get(p.listId);
    if (!cur || p.date > cur.date || (p.date === cur.date && p.id > cur.id)) latest.set(p.listId, p);
  }
  return { view: recordView(index, today, entities, relations, designations, rules.rules), pubs, latest };
}

/** The id of an alert: a hash of the change, so the same change is raised once however often screened. */
function alertId(wl: Watchlist, item: WatchItem, d: AlertDraft): string {
  return createHash('sha256').update([wl.id, item.key, d.kind, d.entity.id, d.list?.id ?? '', d.publicationId ?? '', d.discriminator ?? ''].join('\u0000')).digest('hex').slice(0, 32);
}

async function rescreen(store: Store, watchlists: Watchlist[], clock: Clock & { onProgress?: (p: RescreenProgress) => void }): Promise<RescreenResult[]> {
  if (!watchlists.length) return [];
  const { view, pubs, latest } = await loadView(store, clock.today);
  const rules = loadRules();
  const sourceCache = new Map<string, Source>(rules.sources.map((s) => [s.id, s]));
  const sourcesFor = async (ids: string[]): Promise<Source[]> => {
    const missing = ids.filter((id) => !sourceCache.has(id));
    if (missing.length) for (const s of await store.getSources(missing)) sourceCache.set(s.id, s);
    return [...new Set(ids)].map((id) => sourceCache.get(id)).filter((s): s is Source => Boolean(s));
  };
  const out: RescreenResult[] = [];
  for (const wl of watchlists) {
    const now = clock.now();
    const items = await itemsOf(store.sql, wl.id);
    const prev = await resultsOf(store.sql, wl.id);
    const alerts: Alert[] = [];
    const results: unknown[][] = [];
    for (const [i, item] of items.entries()) {
      if (i && i % PROGRESS_EVERY === 0) {
        clock.onProgress?.({ watchlist: wl.name, screened: i, total: items.length });
        // Screening is synchronous: a server running this in process keeps answering between blocks.
        await new Promise((r) => setImmediate(r));
      }
      const next = screenItem(view, item, wl);
      for (const d of diffItem(item, prev.get(item.key)?.result, next, { designations: view.designations, latestPublication: (l) => latest.get(l) })) {
        // A hit decided a false positive for this name stays silent until the entity's listing changes.
        if (d.kind !== 'designation-ended' && (await suppressedFalsePositive(store, item.name, d.kind === 'related-listed' ? d.discriminator ?? d.entity.id : d.entity.id))) continue;
        const pub = d.publicationId ? pubs.get(d.publicationId) : undefined;
        alerts.push({
          id: alertId(wl, item, d), watchlist: wl.name, kind: d.kind, title: d.title, date: d.date,
          item: { key: item.key, name: item.name, ...(item.ref ? { ref: item.ref } : {}) },
          entity: d.entity, ...(d.list ? { list: d.list } : {}), ...(d.detail ? { detail: d.detail } : {}),
          publication: pub ? { id: pub.id, title: pub.title, ...(pub.citation ? { citation: pub.citation } : {}), date: pub.date, ...(pub.url ? { url: pub.url } : {}) } : null,
          sources: await sourcesFor([...(pub?.sourceIds ?? []), ...(d.extraSourceIds ?? [])]),
          createdAt: now, readAt: null,
        });
      }
      results.push([wl.id, item.key, JSON.stringify(next), now]);
    }
    const channels = [...(await hooksOf(store.sql, wl.id)).map((h) => `webhook:${h.id}`), ...(wl.email ? ['email'] : [])];
    const fresh = await store.sql.transaction(async (tx: SqlExecutor) => {
      await tx.query('DELETE FROM watchlist_results WHERE watchlist_id = $1', [wl.id]);
      await insertMany(tx, 'watchlist_results', ['watchlist_id', 'item_key', 'result', 'screened_at'], results);
      await tx.query('UPDATE watchlists SET screened_at = $2 WHERE id = $1', [wl.id, now]);
      return insertAlerts(tx, wl.id, alerts, channels, now);
    });
    await recordAudit(store, {
      actor: clock.actor ?? 'system:watchlists', action: 'watchlist.run', subject: wl.name, at: now, revision: await store.getRevision(),
      options: { asOf: clock.today, ...(wl.role ? { role: wl.role } : {}), ...(wl.threshold !== undefined ? { threshold: wl.threshold } : {}), noticeDays: wl.noticeDays },
      details: { counterparties: items.length, hits: results.filter((r) => String(r[2]).startsWith('{"status":"hit"')).length, alerts: fresh.map((a) => a.id) },
    });
    clock.onProgress?.({ watchlist: wl.name, screened: items.length, total: items.length });
    out.push({ watchlist: wl.name, screened: items.length, alerts: fresh });
  }
  return out;
}

/**
 * Re-screens every watchlist (or those named) against the record as it is on `today` and raises
 * the differences from each counterparty's last result as alerts, each once (see `diffItem`), with a
 * pending delivery per channel. Idempotent: run again with nothing changed, it raises nothing. Call
 * it after every change to the record (import, sync, reseed) and daily (rules coming into force).
 */
export async function rescreenAll(store: Store, opts: Clock & { names?: string[]; cause?: string; onProgress?: (p: RescreenProgress) => void }): Promise<RescreenResult[]> {
  const all = await allWatchlists(store.sql);
  const chosen = opts.names ? opts.names.map((n) => { const w = all.find((x) => x.name === n); if (!w) throw new ListwatchError('NOT_FOUND', `no watchlist named "${n}"`, { field: 'watchlist' }); return w; }) : all;
  return rescreen(store, chosen, opts);
}

/** Alerts, newest first: all, of one watchlist (by name), since a day/time, unread only. */
export async function listAlerts(store: Store, q: { watchlist?: string; since?: string; unreadOnly?: boolean; limit?: number } = {}): Promise<Alert[]> {
  const wl = q.watchlist ? await requireWatchlist(store, q.watchlist) : null;
  return queryAlerts(store.sql, { ...(wl ? { watchlistId: wl.id } : {}), ...(q.since ? { since: q.since } : {}), ...(q.unreadOnly ? { unreadOnly: true } : {}), ...(q.limit ? { limit: q.limit } : {}) });
}

/** Marks alerts read (by id, or every alert of a watchlist); returns how many changed. */
export async function markAlertsRead(store: Store, q: { ids?: string[]; watchlist?: string }, now: string): Promise<number> {
  if (q.watchlist) {
    const wl = await requireWatchlist(store, q.watchlist);
    return (await store.sql.query('UPDATE alerts SET read_at = $2 WHERE watchlist_id = $1 AND read_at IS NULL RETURNING id', [wl.id, now])).length;
  }
  return (await store.sql.query('UPDATE alerts SET read_at = $2 WHERE id = ANY($1) AND read_at IS NULL RETURNING id', [q.ids ?? [], now])).length;
}
