import type { IsoDate, ListEvent } from '../../core/model.js';
import type { RecordReader } from '../snapshot/reader.js';
import type { EventsQuery } from '../types.js';

/** Every event kind the record knows (CLI choices, API enum). */
/** Every event kind (defined with the model). */
export { EVENT_KINDS } from '../../core/model.js';

/**
 * Events (statements, reconsideration requests, lawsuits and rulings, removals, proposals…)
 * filtered by list, entity, kind and `since`; with `asOf`, only those dated on or before it.
 * Ordered by date then id (the store's order).
 */
export async function listEvents(store: RecordReader, q: EventsQuery & { asOf?: IsoDate } = {}): Promise<ListEvent[]> {
  return store.getEvents({
    ...(q.listId ? { listId: q.listId } : {}),
    ...(q.entityId ? { entityId: q.entityId } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.since ? { since: q.since } : {}),
    ...(q.asOf ? { until: q.asOf } : {}),
  });
}
