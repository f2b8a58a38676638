import { ListwatchError } from '../core/errors.js';
import { buildIndex } from '../core/match/build-index.js';
import type { ScreenIndex } from '../core/match/types.js';
import { getDossier } from '../app/dossier/dossier.js';
import { createEnricher } from '../app/dossier/enrich.js';
import { loadRules } from '../app/dossier/rules.js';
import { diffList } from '../app/history/diff.js';
import { listEvents } from '../app/history/events.js';
import { listSummaries, listSummary } from '../app/lists/lists.js';
import { DATASET_HASH_KEY } from '../app/seed.js';
import { screenWithIndex } from '../app/screen/screen.js';
import type { ScreenOptions, ScreenResult } from '../app/types.js';
import type { Store } from '../store/store.js';
import type { Services } from './services.js';

/** Reads the store once and builds the screening index (the slow part, done at start). */
async function loadIndex(store: Store): Promise<ScreenIndex> {
  const [entities, designations, publications, lists] = await Promise.all([store.getEntities(), store.getDesignations(), store.getPublications(), store.getLists()]);
  return buildIndex({ entities, designations, publications, lists });
}

/**
 * Binds the application services to one store. Built once per app: the screening index and the
 * rules are loaded here, at start, and reused by every request. Routes call only this.
 */
export async function createServices(store: Store): Promise<Services> {
  const index = await loadIndex(store);
  const rules = loadRules();
  const enricher = createEnricher({ store, rules: rules.rules });

  const screen = async (query: string, opts: ScreenOptions): Promise<ScreenResult> => {
    const asOf = opts.asOf;
    if (!asOf) throw new ListwatchError('INTERNAL', 'screen called without asOf');
    const res = screenWithIndex(index, query, { ...opts, asOf });
    // Relations and obligations need the store; plain screens (the hot path) skip the await chain when there is nothing to add.
    if (!res.hits.length) return res;
    return { ...res, hits: await enricher.enrich(res.hits, { asOf, ...(opts.role ? { role: opts.role } : {}) }) };
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
    health: async () => ({ engine: store.engine, entities: await store.countEntities(), datasetHash: await store.getMeta(DATASET_HASH_KEY) }),
  };
}
