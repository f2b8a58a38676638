import { deriveDesignations } from '../../core/history/designations.js';
import { buildIndex, type IndexSource } from '../../core/match/build-index.js';
import type { ScreenIndex } from '../../core/match/types.js';
import type { Dataset } from '../../core/model.js';
import type { Store } from '../../store/store.js';

/** The index source of a loaded dataset: its entities, lists, publications and the designations they derive. */
export function indexSourceFromDataset(ds: Dataset): IndexSource {
  return { entities: ds.entities, designations: deriveDesignations(ds.publications), publications: ds.publications, lists: ds.lists };
}

/** Reads everything the index needs from the store (four reads, no per-entity queries). */
export async function indexSourceFromStore(store: Store): Promise<IndexSource> {
  const [entities, designations, publications, lists] = await Promise.all([store.getEntities(), store.getDesignations(), store.getPublications(), store.getLists()]);
  return { entities, designations, publications, lists };
}

const cache = new WeakMap<Store, Promise<ScreenIndex>>();

/**
 * The screen index of a store, built once per store object and process (later calls share
 * it). Call `forgetScreenIndex` after writing to the store so the next screen sees the change.
 */
export function screenIndexFor(store: Store): Promise<ScreenIndex> {
  let p = cache.get(store);
  if (!p) {
    p = indexSourceFromStore(store).then(buildIndex);
    cache.set(store, p);
    p.catch(() => cache.delete(store));
  }
  return p;
}

/** Drops the cached index of a store (after an import or a seed). */
export function forgetScreenIndex(store: Store): void {
  cache.delete(store);
}
