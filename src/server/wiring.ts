import { ListwatchError } from '../core/errors.js';
import { getDossier } from '../app/dossier/dossier.js';
import { createEnricher } from '../app/dossier/enrich.js';
import { loadRules } from '../app/dossier/rules.js';
import { diffList } from '../app/history/diff.js';
import { listEvents } from '../app/history/events.js';
import { listSummaries, listSummary } from '../app/lists/lists.js';
import { DATASET_HASH_KEY } from '../app/seed.js';
import { screenIndexFor } from '../app/screen/index-source.js';
import { screenWithIndex } from '../app/screen/screen.js';
import type { Role, ScreenHit, ScreenOptions, ScreenResult } from '../app/types.js';
import type { Store } from '../store/store.js';
import { Lru } from './lru.js';
import type { Services } from './services.js';

/** Options of the services. */
export interface ServicesOptions {
  /** Screen answers kept for reuse (default 10,000; 0 disables the cache). */
  screenCacheSize?: number;
}

/**
 * Binds the application services to one store. Built once per app: the screening index and the
 * rules are loaded here, at start, and reused by every request. Routes call only this.
 */
export async function createServices(store: Store, opts: ServicesOptions = {}): Promise<Services> {
  const index = await screenIndexFor(store);
  const cache = new Lru<ScreenResult>(opts.screenCacheSize ?? 10_000);
  const rules = loadRules();
  const enricher = createEnricher({ store, rules: rules.rules });
  // What enrichment adds to a hit depends only on (entity, date, role): keep it, so hot entities cost no store reads.
  const extras = new Lru<Pick<ScreenHit, 'parents' | 'subsidiaries' | 'obligations'>>(20_000);
  const enrich = async (hits: ScreenHit[], asOf: string, role?: Role): Promise<ScreenHit[]> => {
    const keyOf = (h: ScreenHit): string => `${h.entityId}|${asOf}|${role ?? ''}`;
    const missing = hits.filter((h) => extras.get(keyOf(h)) === undefined);
    if (missing.length) {
      const done = await enricher.enrich(missing, { asOf, ...(role ? { role } : {}) });
      for (const h of done) extras.set(keyOf(h), { parents: h.parents ?? [], subsidiaries: h.subsidiaries ?? [], ...(h.obligations ? { obligations: h.obligations } : {}) });
    }
    return hits.map((h) => ({ ...h, ...extras.get(keyOf(h)) }));
  };

  const screen = async (query: string, opts: ScreenOptions): Promise<ScreenResult> => {
    const asOf = opts.asOf;
    if (!asOf) throw new ListwatchError('INTERNAL', 'screen called without asOf');
    const key = JSON.stringify([query, asOf, opts.threshold, opts.role, opts.limit, opts.includeInactive]);
    const cached = cache.get(key);
    if (cached) return cached;
    let res = screenWithIndex(index, query, { ...opts, asOf });
    // Relations and obligations need the store; a screen without hits has nothing to add.
    if (res.hits.length) res = { ...res, hits: await enrich(res.hits, asOf, opts.role) };
    cache.set(key, res);
    return res;
  };

  return {
    screen,
    screenMany: async (queries, opts) => {
      const out: ScreenResult[] = [];
      for (const q of queries) out.push(await screen(q, opts));
      return out;
    },
    dossier: (id, opts) => getDossier({ store, rules }, id, opts),
    lists: (asOf) => listSummaries(store, asOf),
    list: (id, asOf) => listSummary(store, id, asOf),
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
    health: async () => ({
      engine: store.engine, entities: await store.countEntities(), datasetHash: await store.getMeta(DATASET_HASH_KEY),
      screenCache: { size: cache.size, hits: cache.hits, misses: cache.misses },
    }),
  };
}
