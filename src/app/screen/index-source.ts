import { deriveDesignations } from '../../core/history/designations.js';
import { buildIndex, type IndexSource } from '../../core/match/build-index.js';
import type { ScreenIndex } from '../../core/match/types.js';
import type { Dataset } from '../../core/model.js';
import type { Store } from '../../store/store.js';
import { loadRules } from '../dossier/rules.js';

/** The index source of a loaded dataset: its entities, lists, publications and the designations they derive. */
export function indexSourceFromDataset(ds: Dataset): IndexSource {
  return { entities: ds.entities, designations: deriveDesignations(ds.publications), publications: ds.publications, lists: ds.lists, events: ds.events, rules: loadRules().rules };
}

/** Reads everything the index needs from the store (four reads, no per-entity queries). */
export async function indexSourceFromStore(store: Store): Promise<IndexSource> {
  const [entities, designations, publications, lists, events] = await Promise.all([store.getEntities(), store.getDesignations(), store.getPublications(), store.getLists(), store.getEvents()]);
  return { entities, designations, publications, lists, events, rules: loadRules().rules };
}

/** Builds the screen index from the store as it is now (the server rebuilds it when the store's revision moves). */
export async function loadScreenIndex(store: Store): Promise<ScreenIndex> {
  return buildIndex(await indexSourceFromStore(store));
}
