import { deriveDesignations } from '../../core/history/designations.js';
import { CURRENT_EPOCH, entityEpoch } from '../../core/history/entity-epoch.js';
import { buildIndex, type IndexSource } from '../../core/match/build-index.js';
import type { ScreenIndex } from '../../core/match/types.js';
import type { Dataset, IsoDate } from '../../core/model.js';
import type { Store } from '../../store/store.js';
import { loadRules } from '../dossier/rules.js';

/** The index source of a loaded dataset: its entities, lists, publications and the designations they derive. */
export function indexSourceFromDataset(ds: Dataset): IndexSource {
  return { entities: ds.entities, designations: deriveDesignations(ds.publications), publications: ds.publications, lists: ds.lists, events: ds.events, rules: loadRules().rules };
}

/**
 * Reads everything the index needs from the store (a few reads, no per-entity queries). With
 * `asOf`, the entities' names and other attributes are those that held on that date
 * (`Store.getEntitiesAsOf`) when some entity changed after it; otherwise the current ones.
 * Designations are always all of them: a hit shows each as active or not on the screen's date.
 */
export async function indexSourceFromStore(store: Store, asOf?: IsoDate): Promise<IndexSource> {
  const epoch = asOf === undefined ? CURRENT_EPOCH : entityEpoch(await store.getEntityChangeDates(), asOf);
  const [entities, designations, publications, lists, events] = await Promise.all([
    epoch === CURRENT_EPOCH ? store.getEntities() : store.getEntitiesAsOf(asOf!),
    store.getDesignations(), store.getPublications(), store.getLists(), store.getEvents(),
  ]);
  return { entities, designations, publications, lists, events, rules: loadRules().rules };
}

/**
 * Builds the screen index from the store as it is now, or with `asOf` with the names as they
 * stood on that date (the server rebuilds it when the store's revision moves).
 */
export async function loadScreenIndex(store: Store, asOf?: IsoDate): Promise<ScreenIndex> {
  return buildIndex(await indexSourceFromStore(store, asOf));
}
