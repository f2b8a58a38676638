import { inInterval } from '../../core/dates.js';
import { ListwatchError } from '../../core/errors.js';
import type { IsoDate } from '../../core/model.js';
import type { Store } from '../../store/store.js';
import type { ListSummary } from '../types.js';

/**
 * One list with its publications (all of them, withdrawn documents included and marked by kind;
 * with `asOf`, only those dated on or before it) and the number of entities in force on asOf.
 * NOT_FOUND for an unknown list.
 */
export async function listSummary(store: Store, listId: string, asOf: IsoDate): Promise<ListSummary> {
  const list = await store.getList(listId);
  if (!list) throw new ListwatchError('NOT_FOUND', `list ${listId} not found`, { field: 'list' });
  const [publications, designations] = await Promise.all([store.getPublications(listId), store.getDesignations({ listId })]);
  const active = new Set(designations.filter((d) => inInterval(asOf, d.from, d.to)).map((d) => d.entityId));
  return { list, publications: publications.filter((p) => p.date <= asOf), activeCount: active.size };
}

/** Every list (store order) as `listSummary` gives it. */
export async function listSummaries(store: Store, asOf: IsoDate): Promise<ListSummary[]> {
  const lists = await store.getLists();
  return Promise.all(lists.map((l) => listSummary(store, l.id, asOf)));
}
