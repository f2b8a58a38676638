import { ListwatchError } from '../core/errors.js';
import { getDossier } from '../app/dossier/dossier.js';
import { createEnricher } from '../app/dossier/enrich.js';
import { loadRules } from '../app/dossier/rules.js';
import { diffList } from '../app/history/diff.js';
import { listEvents } from '../app/history/events.js';
import { listSummaries, listSummary } from '../app/lists/lists.js';
import { withSyncStatus } from '../app/sync/state.js';
import { DATASET_HASH_KEY } from '../app/seed.js';
import { loadScreenIndex } from '../app/screen/index-source.js';
import { CURRENT_EPOCH, entityEpoch } from '../core/history/entity-epoch.js';
import { screenWithIndex } from '../app/screen/screen.js';
import type { Role, ScreenHit, ScreenOptions, ScreenResult } from '../app/types.js';
import type { ScreenIndex } from '../core/match/types.js';
import type { Store } from '../store/store.js';
import { Lru } from './lru.js';
import { Refresher } from './refresh.js';
import type { Services } from './services.js';

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
  /** Wall clock, ISO (health's `loadedAt`); default the system clock. */
  now?: () => string;
  /** Monotonic clock in ms (the refresh interval); default `performance.now`. */
  clock?: () => number;
  /** Told when a refresh fails (the server keeps serving what it has). */
  onRefreshError?: (err: unknown) => void;
}

type Extras = Pick<ScreenHit, 'parents' | 'subsidiaries' | 'obligations'>;

/** Everything screening derives from one revision of the record; replaced as a whole on refresh. */
interface ScreenState {
  index: ScreenIndex;
  /** `Store.getEntityChangeDates` at load: a screen on a date before the last of them needs an as-of index. */
  changeDates: string[];
  /** As-of indexes (names as they stood) by entity epoch, built on demand; the few most recent kept. */
  asOfIndexes: Map<string, Promise<ScreenIndex>>;
  cache: Lru<ScreenResult>;
  /** What enrichment adds to a hit depends only on (entity, date, role): kept, so hot entities cost no store reads. */
  extras: Lru<Extras>;
  enricher: ReturnType<typeof createEnricher>;
}

/**
 * Binds the application services to one store. The screening index, an LRU of screen answers and
 * one of enrichment extras are built from the store and rebuilt when its revision moves (checked
 * on the screen path at most every `refreshIntervalMs`, see `Refresher`); the other services read
 * the store per request and are always current. Routes call only this.
 */
export async function createServices(store: Store, opts: ServicesOptions = {}): Promise<Services> {
  const rules = loadRules();
  const cacheSize = opts.screenCacheSize ?? 10_000;
  const load = async (): Promise<ScreenState> => {
    const [index, changeDates] = await Promise.all([loadScreenIndex(store), store.getEntityChangeDates()]);
    // A new enricher rather than `reset()` of the old one: requests still on the old state keep theirs intact.
    const enricher = createEnricher({ store, rules: rules.rules });
    return { index, changeDates, asOfIndexes: new Map(), cache: new Lru<ScreenResult>(cacheSize), extras: new Lru<Extras>(20_000), enricher };
  };

  /**
   * The index a screen on `asOf` uses: today's, unless some entity's names changed after `asOf`;
   * then the one of the names as they stood (built once per epoch of this state, the last four kept).
   */
  const indexFor = (st: ScreenState, asOf: string): ScreenIndex | Promise<ScreenIndex> => {
    const epoch = entityEpoch(st.changeDates, asOf);
    if (epoch === CURRENT_EPOCH) return st.index;
    let p = st.asOfIndexes.get(epoch);
    if (!p) {
      p = loadScreenIndex(store, asOf);
      st.asOfIndexes.set(epoch, p);
      p.catch(() => st.asOfIndexes.delete(epoch));
      if (st.asOfIndexes.size > 4) st.asOfIndexes.delete(st.asOfIndexes.keys().next().value as string);
    }
    return p;
  };
  const state = await Refresher.create<ScreenState>({
    revision: () => store.getRevision(),
    load,
    intervalMs: opts.refreshIntervalMs ?? 2_000,
    clock: opts.clock ?? (() => performance.now()),
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
    dossier: (id, opts) => getDossier({ store, rules }, id, opts),
    lists: async (asOf) => withSyncStatus(store, await listSummaries(store, asOf)),
    list: async (id, asOf) => (await withSyncStatus(store, [await listSummary(store, id, asOf)]))[0]!,
    publication: async (id) => {
      const p = await store.getPublication(id);
      if (!p) throw new ListwatchError('NOT_FOUND', `publication ${id} not found`, { field: 'id' });
      return p;
    },
    diff: (listId, from, to) => diffList(store, listId, from, to),
    events: (q) => listEvents(store, q),
    sources: async (ids) => {
      const own = await store.getSources(ids);
      const seen = new Set(own.map((x) => x.id));
      const fromRules = rules.sources.filter((x) => !seen.has(x.id) && (!ids || ids.includes(x.id)));
      return [...own, ...fromRules];
    },
    health: async () => {
      const { value: st, revision, loadedAt, loadMs } = await state.fresh();
      return {
        engine: store.engine, entities: await store.countEntities(), datasetHash: await store.getMeta(DATASET_HASH_KEY),
        revision, loadedAt, loadMs, storeRevision: await store.getRevision(),
        ...(state.lastError ? { refreshError: state.lastError } : {}),
        screenCache: { size: st.cache.size, hits: st.cache.hits, misses: st.cache.misses },
      };
    },
  };
}
