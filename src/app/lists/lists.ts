import { inInterval } from '../../core/dates.js';
import { ListwatchError } from '../../core/errors.js';
import type { Designation, IsoDate } from '../../core/model.js';
import type { RecordReader } from '../snapshot/reader.js';
import type { ListSummary } from '../types.js';

/**
 * How many distinct entities are in force on each of `days` (sorted ascending), from one list's
 * designations. One pass over the designations, not one per day: an entity's intervals are merged,
 * then each merged interval adds one to the days it covers (a difference array over `days`).
 */
export function inForceCounts(designations: readonly Designation[], days: readonly IsoDate[]): number[] {
  const byEntity = new Map<string, Designation[]>();
  for (const d of designations) {
    const xs = byEntity.get(d.entityId);
    if (xs) xs.push(d);
    else byEntity.set(d.entityId, [d]);
  }
  // First index whose day is ≥ `day` (days.length when none).
  const lowerBound = (day: IsoDate): number => {
    let lo = 0, hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const delta = new Array<number>(days.length + 1).fill(0);
  const cover = (from: IsoDate, to: IsoDate | null): void => {
    delta[lowerBound(from)]!++;
    delta[to === null ? days.length : lowerBound(to)]!--;
  };
  for (const xs of byEntity.values()) {
    xs.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    let from = xs[0]!.from;
    let to = xs[0]!.to;
    for (const x of xs.slice(1)) {
      if (to !== null && x.from > to) {
        cover(from, to);
        from = x.from;
        to = x.to;
      } else if (to !== null && (x.to === null || x.to > to)) to = x.to;
    }
    cover(from, to);
  }
  const out: number[] = [];
  let running = 0;
  for (let i = 0; i < days.length; i++) out.push((running += delta[i]!));
  return out;
}

/**
 * One list with its publications (all of them, withdrawn documents included and marked by kind;
 * with `asOf`, only those dated on or before it), the number of entities in force on asOf and on
 * each date of those publications that is not a withdrawn document (`sizes`, for a growth chart).
 * NOT_FOUND for an unknown list.
 */
export async function listSummary(store: RecordReader, listId: string, asOf: IsoDate): Promise<ListSummary> {
  const list = await store.getList(listId);
  if (!list) throw new ListwatchError('NOT_FOUND', `list ${listId} not found`, { field: 'list' });
  const [all, designations] = await Promise.all([store.getPublications(listId), store.getDesignations({ listId })]);
  const publications = all.filter((p) => p.date <= asOf);
  const dates = [...new Set(publications.filter((p) => p.kind !== 'withdrawn').map((p) => p.date))].sort();
  const activeCount = new Set(designations.filter((d) => inInterval(asOf, d.from, d.to)).map((d) => d.entityId)).size;
  const sizes = inForceCounts(designations, dates).map((activeCount, i) => ({ date: dates[i]!, activeCount }));
  return { list, publications, activeCount, sizes };
}

/** Every list (store order) as `listSummary` gives it. */
export async function listSummaries(store: RecordReader, asOf: IsoDate): Promise<ListSummary[]> {
  const lists = await store.getLists();
  return Promise.all(lists.map((l) => listSummary(store, l.id, asOf)));
}
