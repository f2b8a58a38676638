import { ListwatchError } from '../core/errors.js';
import { getDossier } from '../app/dossier/dossier.js';
import { createEnricher } from '../app/dossier/enrich.js';
import { loadRules } from '../app/dossier/rules.js';
import { diffList } from '../app/history/diff.js';
import { listEvents } from '../app/history/events.js';
import { listSummaries, listSummary } from '../app/lists/lists.js';
import { listSyncStatus, type ListSyncStatus } from '../app/sync/state.js';
import { DATASET_HASH_KEY } from '../app/seed.js';
import { loadScreenIndex } from '../app/screen/index-source.js';
import { RecordSnapshot } from '../app/snapshot/snapshot.js';
import { CURRENT_EPOCH, entityEpoch } from '../core/history/entity-epoch.js';
import { screenWithIndex } from '../app/screen/screen.js';
import type { ListSummary, Role, ScreenHit, ScreenOptions, ScreenResult } from '../app/types.js';
import type { ScreenIndex } from '../core/match/types.js';
import type { Store } from '../store/store.js';
import { Lru } from '../app/lru.js';
import { Refresher } from './refresh.js';
import type { Services } from './services.js';
import { keptPromise } from '../app/promise-cache.js';

/** Options of the services. */
export interface ServicesOptions {
  /** Screen answers kept for reuse (default 10,000; 0 disables the cache). */
  screenCacheSize?: number;
  /**
   * Least time in ms between two checks of the store revision on the screen path (default 2,000;
   * 0 checks on every screen). When another process changed the record, the index is rebuilt and
   * the caches start empty.
   */
  refreshIntervalMs?: number;
  /** Answers of the read routes kept per revision (default 2,000; 0 computes each from the snapshot). */
  readCacheSize?: number;
  /** Wall clock, ISO (health's `loadedAt`); default the system clock. */
  now?: () => string;
  /** Monotonic clock in ms (the refresh interval); default `performance.now`. */
  clock?: () => number;
  /** Told when a refresh fails (the server keeps serving what it has). */
  onRefreshError?: (err: unknown) => void;
}

type Extras = Pick<ScreenHit, 'parents' | 'subsidiaries' | 'obligations'>;

/** Everything the services derive from one revision of the record; replaced as a whole on refresh. */
interface ScreenState {
  index: ScreenIndex;
  /** The record's read side in memory: the read routes answer from it, never from the database. */
  snapshot: RecordSnapshot;
  /** The bundled dataset's hash at this revision (health). */
  datasetHash: string | null;
  /** Answers of the read routes (dossier, lists, diff, events) by arguments: they only move with the revision. */
  reads: Lru<Promise<unknown>>;
  /** `Store.getEntityChangeDates` at load: a screen on a date before the last of them needs an as-of index. */
  changeDates: string[];
  /** As-of indexes (names as they stood) by entity epoch, built on demand; the few most recent kept. */
  asOfIndexes: Map<string, Promise<ScreenIndex>>;
  cache: Lru<ScreenResult>;
  /** What enrichment adds to a hit depends only on (entity, date, role): kept, so hot entities cost no store reads. */
  extras: Lru<Extras>;
  enricher: ReturnType<typeof createEnricher>;
}

/** How long health waits for a live read of the store's revision before answering the last one read. */
const HEALTH_READ_BUDGET_MS = 5;
/** The last read stands in only while it is this young (a busy server is probed often); an older one is waited for. */
const HEALTH_SEEN_MAX_AGE_MS = 1_000;

/**
 * Binds the application services to one store. Per revision of the record it holds the screening
 * index, a `RecordSnapshot` (the read side in memory, read in bulk), LRUs of screen answers,
 * enrichment extras and read answers (dossier, lists, diff, events); all are rebuilt together when
 * the revision moves (checked at most every `refreshIntervalMs` on any service call, see
 * `Refresher`), so no read route costs a statement on the request path except the sync status of
 * lists and health's revision. Routes call only this.
 */
export async function createServices(store: Store, opts: ServicesOptions = {}): Promise<Services> {
  const rules = loadRules();
  const cacheSize = opts.screenCacheSize ?? 10_000;
  const readCacheSize = opts.readCacheSize ?? 2_000;
  const load = async (): Promise<ScreenState> => {
    const snapshot = await RecordSnapshot.load(store);
    const datasetHash = await store.getMeta(DATASET_HASH_KEY);
    const [index, changeDates] = await Promise.all([loadScreenIndex(store), store.getEntityChangeDates()]);
    // A new enricher rather than `reset()` of the old one: requests still on the old state keep theirs intact.
    const enricher = createEnricher({ store: snapshot, rules: rules.rules });
    return {
      index, snapshot, datasetHash, reads: new Lru<Promise<unknown>>(readCacheSize), changeDates, asOfIndexes: new Map(),
      cache: new Lru<ScreenResult>(cacheSize), extras: new Lru<Extras>(20_000), enricher,
    };
  };

  /**
   * The index a screen on `asOf` uses: today's, unless some entity's names changed after `asOf`;
   * then the one of the names as they stood (built once per epoch of this state, the last four kept).
   */
  const indexFor = (st: ScreenState, asOf: string): ScreenIndex | Promise<ScreenIndex> => {
    const epoch = entityEpoch(st.changeDates, asOf);
    if (epoch === CURRENT_EPOCH) return st.index;
    const p = keptPromise(st.asOfIndexes, epoch, () => loadScreenIndex(store, asOf));
    if (st.asOfIndexes.size > 4) st.asOfIndexes.delete(st.asOfIndexes.keys().next().value as string);
    return p;
  };
  const intervalMs = opts.refreshIntervalMs ?? 2_000;
  const clock = opts.clock ?? (() => performance.now());
  const state = await Refresher.create<ScreenState>({
    revision: () => store.getRevision(),
    load,
    intervalMs,
    clock,
    now: opts.now ?? (() => new Date().toISOString()),
    ...(opts.onRefreshError ? { onError: opts.onRefreshError } : {}),
  });

  const enrich = async (st: ScreenState, hits: ScreenHit[], asOf: string, role?: Role): Promise<ScreenHit[]> => {
    const keyOf = (h: ScreenHit): string => `${h.entityId}|${asOf}|${role ?? ''}`;
    const missing = hits.filter((h) => st.extras.get(keyOf(h)) === undefined);
    if (missing.length) {
      const done = await st.enricher.enrich(missing, { asOf, ...(role ? { role } : {}) });
      for (const h of done) st.extras.set(keyOf(h), { parents: h.parents ?? [], subsidiaries: h.subsidiaries ?? [], ...(h.obligations ? { obligations: h.obligations } : {}) });
    }
    return hits.map((h) => ({ ...h, ...st.extras.get(keyOf(h)) }));
  };

  /** Screens against one state, so an answer never mixes two revisions and lands only in its own cache. */
  const screenIn = async (st: ScreenState, query: string, opts: ScreenOptions): Promise<ScreenResult> => {
    const asOf = opts.asOf;
    if (!asOf) throw new ListwatchError('INTERNAL', 'screen called without asOf');
    const key = JSON.stringify([query, asOf, opts.threshold, opts.role, opts.limit, opts.includeInactive]);
    const cached = st.cache.get(key);
    if (cached) return cached;
    const found = indexFor(st, asOf);
    let res = screenWithIndex(found instanceof Promise ? await found : found, query, { ...opts, asOf });
    // Relations and obligations need the store; a screen without hits has nothing to add.
    if (res.hits.length) res = { ...res, hits: await enrich(st, res.hits, asOf, opts.role) };
    st.cache.set(key, res);
    return res;
  };
  const fresh = (): ScreenState | Promise<ScreenState> => {
    const f = state.fresh();
    return f instanceof Promise ? f.then((l) => l.value) : f.value;
  };
  /**
   * The lists' sync status (the sync capability's table: it moves without a revision, e.g. a check
   * that found nothing new), read at most once per `refreshIntervalMs`; `gen` counts the reads.
   */
  let sync: { at: number; gen: number; value: Promise<Map<string, ListSyncStatus>> } | null = null;
  const syncStatus = (): { gen: number; value: Promise<Map<string, ListSyncStatus>> } => {
    const t = clock();
    if (!sync || t - sync.at >= intervalMs) {
      const value = listSyncStatus(store);
      const mine = { at: t, gen: (sync?.gen ?? 0) + 1, value };
      value.catch(() => { if (sync === mine) sync = null; });
      sync = mine;
    }
    return sync;
  };
  const withSync = async (summaries: ListSummary[], status: Map<string, ListSyncStatus>): Promise<(ListSummary & { sync?: ListSyncStatus })[]> =>
    summaries.map((x) => {
      const st = status.get(x.list.id);
      return st ? { ...x, sync: st } : x;
    });
  /**
   * A read answered from the current revision's snapshot, kept by its arguments until the revision
   * moves. Concurrent equal requests share one computation; a failure is not kept.
   */
  const readIn = <T>(st: ScreenState, key: unknown[], compute: (snap: RecordSnapshot, st: ScreenState) => Promise<T>): Promise<T> => {
    const k = JSON.stringify(key);
    const hit = st.reads.get(k) as Promise<T> | undefined;
    if (hit) return hit;
    const p = compute(st.snapshot, st);
    st.reads.set(k, p);
    // A failure is not kept (the next request computes again); the caller still gets it.
    p.catch(() => { if (st.reads.peek(k) === p) st.reads.delete(k); });
    return p;
  };
  const read = async <T>(key: unknown[], compute: (snap: RecordSnapshot, st: ScreenState) => Promise<T>): Promise<T> => readIn(await fresh(), key, compute);

  /**
   * The store's revision for health, read live; concurrent health checks share one read in flight,
   * so a burst of probes costs one statement.
   */
  let revisionRead: Promise<string> | null = null;
  /** The last revision read for health, and when (ISO). */
  let revisionSeen: { value: string; at: string; atMs: number } | null = null;
  const now = opts.now ?? (() => new Date().toISOString());
  const storeRevisionNow = (): Promise<string> => {
    revisionRead ??= store.getRevision()
      .then((value) => { revisionSeen = { value, at: now(), atMs: clock() }; return value; })
      .finally(() => { revisionRead = null; });
    return revisionRead;
  };
  /**
   * Health's store revision: read live, but a load balancer's probe does not wait behind a busy
   * store (PGlite runs every statement on this thread, queued). When the read takes longer than
   * HEALTH_READ_BUDGET_MS and the last one is younger than HEALTH_SEEN_MAX_AGE_MS, the last revision
   * read is answered, with when it was read.
   */
  const storeRevisionForHealth = async (): Promise<{ storeRevision: string; storeRevisionAt: string }> => {
    const live = storeRevisionNow();
    const seen = revisionSeen;
    if (seen && clock() - seen.atMs <= HEALTH_SEEN_MAX_AGE_MS) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((r) => { timer = setTimeout(() => r(null), HEALTH_READ_BUDGET_MS); });
      const first = await Promise.race([live, late]).finally(() => clearTimeout(timer));
      if (first === null) {
        live.catch(() => undefined); // its failure is the next probe's to report
        return { storeRevision: seen.value, storeRevisionAt: seen.at };
      }
    }
    await live;
    return { storeRevision: revisionSeen!.value, storeRevisionAt: revisionSeen!.at };
  };

  return {
    // No await on the usual path (no check due): the check costs a comparison, not a microtask turn.
    screen: (query, opts) => {
      const st = fresh();
      return st instanceof Promise ? st.then((x) => screenIn(x, query, opts)) : screenIn(st, query, opts);
    },
    screenMany: async (queries, opts) => {
      const st = await fresh();
      const out: ScreenResult[] = [];
      for (const q of queries) out.push(await screenIn(st, q, opts));
      return out;
    },
    servedRevision: () => state.current.revision,
    dossier: (id, opts) => read(['dossier', id, opts.asOf, opts.role], (snap) => getDossier({ store: snap, rules }, id, opts)),
    // The same object for equal requests until the revision or the sync status moves (routes keep its serialised text).
    lists: async (asOf) => {
      const { gen, value } = syncStatus();
      const status = await value;
      return read(['lists+sync', asOf, gen], async (snap, st) => withSync(await readIn(st, ['lists', asOf], () => listSummaries(snap, asOf)), status));
    },
    list: async (id, asOf) => {
      const { gen, value } = syncStatus();
      const status = await value;
      return read(['list+sync', id, asOf, gen], async (snap, st) => (await withSync([await readIn(st, ['list', id, asOf], () => listSummary(snap, id, asOf))], status))[0]!);
    },
    publication: (id) => read(['publication', id], async (snap) => {
      const p = await snap.getPublication(id);
      if (!p) throw new ListwatchError('NOT_FOUND', `publication ${id} not found`, { field: 'id' });
      return p;
    }),
    diff: (listId, from, to) => read(['diff', listId, from, to], (snap) => diffList(snap, listId, from, to)),
    events: (q) => read(['events', q.listId, q.entityId, q.kind, q.since], (snap) => listEvents(snap, q)),
    sources: async (ids) => {
      const own = await (await fresh()).snapshot.getSources(ids);
      const seen = new Set(own.map((x) => x.id));
      const fromRules = rules.sources.filter((x) => !seen.has(x.id) && (!ids || ids.includes(x.id)));
      return [...own, ...fromRules];
    },
    health: async () => {
      // A due check is started but not awaited: health answers at once with what is served now.
      void state.fresh();
      const { value: st, revision, loadedAt, loadMs } = state.current;
      // What is served comes from the snapshot; only the store's revision now is read (one row).
      return {
        engine: store.engine, entities: await st.snapshot.countEntities(), datasetHash: st.datasetHash,
        revision, loadedAt, loadMs, ...(await storeRevisionForHealth()),
        ...(state.lastError ? { refreshError: state.lastError } : {}),
        screenCache: { size: st.cache.size, hits: st.cache.hits, misses: st.cache.misses },
      };
    },
  };
}
