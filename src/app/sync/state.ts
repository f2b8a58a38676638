import type { Store } from '../../store/store.js';
import type { ReviewFinding } from '../../sources/fetcher.js';

/** The stored state of one request of a source (the last good answer's validators and hash). */
export interface RequestState {
  sourceId: string;
  key: string;
  url: string;
  etag: string | null;
  lastModified: string | null;
  contentHash: string | null;
  checkedAt: string;
  changedAt: string | null;
}

interface RequestRow {
  source_id: string; request_key: string; url: string; etag: string | null; last_modified: string | null;
  content_hash: string | null; checked_at: string; changed_at: string | null;
}

/** Every stored request state of a source, by request key. */
export async function getRequestStates(store: Store, sourceId: string): Promise<Map<string, RequestState>> {
  const rows = await store.sql.query<RequestRow>('SELECT * FROM sync_requests WHERE source_id = $1', [sourceId]);
  return new Map(rows.map((r) => [r.request_key, {
    sourceId: r.source_id, key: r.request_key, url: r.url, etag: r.etag, lastModified: r.last_modified,
    contentHash: r.content_hash, checkedAt: r.checked_at, changedAt: r.changed_at,
  }]));
}

/** Inserts or replaces one request state. */
export async function saveRequestState(store: Store, s: RequestState): Promise<void> {
  await store.sql.query(
    `INSERT INTO sync_requests (source_id, request_key, url, etag, last_modified, content_hash, checked_at, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (source_id, request_key) DO UPDATE SET url = $3, etag = $4, last_modified = $5, content_hash = $6, checked_at = $7, changed_at = $8`,
    [s.sourceId, s.key, s.url, s.etag, s.lastModified, s.contentHash, s.checkedAt, s.changedAt],
  );
}

/** Records a source's last check (and its last change when `status` is `changed`). */
export async function saveSourceState(store: Store, sourceId: string, at: string, status: string, error: string | null): Promise<void> {
  const changed = status === 'changed' ? at : null;
  await store.sql.query(
    `INSERT INTO sync_sources (source_id, checked_at, changed_at, status, error) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (source_id) DO UPDATE SET checked_at = $2, changed_at = COALESCE($3, sync_sources.changed_at), status = $4, error = $5`,
    [sourceId, at, changed, status, error],
  );
}

/**
 * Marks the lists a source feeds as checked at `at`; those in `lists` with `changed` also as changed.
 * Lists the source fed before and that are not named are only marked checked.
 */
export async function touchLists(store: Store, sourceId: string, at: string, lists: { listId: string; changed: boolean }[]): Promise<void> {
  await store.sql.query('UPDATE sync_lists SET checked_at = $2 WHERE source_id = $1', [sourceId, at]);
  for (const l of lists) {
    await store.sql.query(
      `INSERT INTO sync_lists (list_id, source_id, checked_at, changed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (list_id) DO UPDATE SET source_id = $2, checked_at = $3, changed_at = COALESCE($4, sync_lists.changed_at)`,
      [l.listId, sourceId, at, l.changed ? at : null],
    );
  }
}

/** One sync run of one source, as recorded. */
export interface SyncRunRow {
  id: string; sourceId: string; startedAt: string; finishedAt: string; status: string; detail: unknown; error: string | null;
}

/** Records one source's run. */
export async function saveRun(store: Store, r: SyncRunRow): Promise<void> {
  await store.sql.query('INSERT INTO sync_runs (id, source_id, started_at, finished_at, status, detail, error) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [r.id, r.sourceId, r.startedAt, r.finishedAt, r.status, JSON.stringify(r.detail), r.error]);
}

/** Inserts review findings not raised before; returns the new ones. */
export async function insertReviews(store: Store, sourceId: string, findings: ReviewFinding[], at: string): Promise<ReviewFinding[]> {
  const fresh: ReviewFinding[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.key)) continue;
    seen.add(f.key);
    const rows = await store.sql.query(
      `INSERT INTO sync_reviews (source_id, key, title, url, date, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (source_id, key) DO NOTHING RETURNING key`,
      [sourceId, f.key, f.title, f.url, f.date, f.detail ?? null, at],
    );
    if (rows.length) fresh.push(f);
  }
  return fresh;
}

/** When a list was last checked and changed by sync, and by which source. */
export interface ListSyncStatus {
  listId: string;
  sourceId: string;
  lastChecked: string;
  lastChanged: string | null;
}

/** The sync status of every list a source has fed, by list id. */
export async function listSyncStatus(store: Store): Promise<Map<string, ListSyncStatus>> {
  const rows = await store.sql.query<{ list_id: string; source_id: string; checked_at: string; changed_at: string | null }>('SELECT * FROM sync_lists');
  return new Map(rows.map((r) => [r.list_id, { listId: r.list_id, sourceId: r.source_id, lastChecked: r.checked_at, lastChanged: r.changed_at }]));
}

/** The state of every source that was ever checked. */
export interface SourceSyncStatus {
  sourceId: string; lastChecked: string; lastChanged: string | null; status: string; error: string | null;
}

/** Every checked source's last check, change, status and error. */
export async function sourceSyncStatus(store: Store): Promise<SourceSyncStatus[]> {
  const rows = await store.sql.query<{ source_id: string; checked_at: string; changed_at: string | null; status: string; error: string | null }>('SELECT * FROM sync_sources ORDER BY source_id');
  return rows.map((r) => ({ sourceId: r.source_id, lastChecked: r.checked_at, lastChanged: r.changed_at, status: r.status, error: r.error }));
}

/** A stored review item. */
export interface ReviewItem extends ReviewFinding {
  sourceId: string;
  createdAt: string;
}

/** Review items, newest first, optionally created on or after `since` (ISO). */
export async function listReviews(store: Store, since?: string): Promise<ReviewItem[]> {
  const rows = await store.sql.query<{ source_id: string; key: string; title: string; url: string; date: string; detail: string | null; created_at: string }>(
    'SELECT * FROM sync_reviews WHERE created_at >= $1 ORDER BY created_at DESC, date DESC, key', [since ?? '']);
  return rows.map((r) => ({ sourceId: r.source_id, key: r.key, title: r.title, url: r.url, date: r.date, ...(r.detail ? { detail: r.detail } : {}), createdAt: r.created_at }));
}

/** Adds each list's sync status (`sync`: source, last checked, last changed) to list summaries; lists sync never fed are left as they are. */
export async function withSyncStatus<T extends { list: { id: string } }>(store: Store, summaries: T[]): Promise<(T & { sync?: ListSyncStatus })[]> {
  const status = await listSyncStatus(store);
  return summaries.map((s) => {
    const st = status.get(s.list.id);
    return st ? { ...s, sync: st } : s;
  });
}
