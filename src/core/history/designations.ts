import { inInterval } from '../dates.js';
import type { Designation, IsoDate, Publication } from '../model.js';

/** What the record can say about a designation on one day. */
export type AsOfState = 'active' | 'inactive' | 'unknown';

/**
 * The state of a designation on `asOf`: `active` inside [from, to); `unknown` before `from` when
 * the source gave no start (`startUnknown`: the record only knows it was listed from the day it
 * first saw it, so it cannot say "not listed" for earlier days); otherwise `inactive`.
 */
export function asOfState(asOf: IsoDate, d: Pick<Designation, 'from' | 'to' | 'startUnknown'>): AsOfState {
  if (inInterval(asOf, d.from, d.to)) return 'active';
  return d.startUnknown === true && asOf < d.from ? 'unknown' : 'inactive';
}

/** What applying one publication does to a list's designations. */
export interface DesignationChange {
  open: Designation[];
  close: { entityId: string; listId: string; to: string; endedBy: string }[];
  update: { entityId: string; listId: string; printedName: string; basis?: string }[];
}

/** Kinds that replace the whole membership of the list. */
const SNAPSHOT_KINDS = new Set(['edition', 'snapshot']);

/**
 * Applies one publication to the designations in force on its list (keyed by entityId)
 * and returns the change, without mutating `active`.
 *
 * - `edition`/`snapshot`: membership becomes exactly its entries (absent → closed, new → opened,
 *   still present → printed name/basis updated if they differ).
 * - `addition`: opens entries not in force (an `amend` entry only updates one in force).
 *   `removal`: closes entries in force.
 * - An opened designation starts on the entry's `since` when that is earlier than the
 *   publication; a `snapshot` entry without `since` opens with `startUnknown` (first seen).
 * - `redesignation`: closes the old interval and opens a new one on the same date.
 * - `withdrawn`: no legal effect, so no change at all.
 */
export function applyPublication(active: ReadonlyMap<string, Designation>, pub: Publication): DesignationChange {
  const change: DesignationChange = { open: [], close: [], update: [] };
  const open = (e: Publication['entries'][number]): void => {
    // A file-given start earlier than the publication is the true start; an imported snapshot
    // without one only tells the day the record first saw the entry (start unknown).
    const since = e.since !== undefined && e.since < pub.date ? e.since : undefined;
    const unknown = pub.kind === 'snapshot' && e.since === undefined;
    change.open.push({
      entityId: e.entityId,
      listId: pub.listId,
      from: since ?? pub.date,
      to: null,
      addedBy: pub.id,
      endedBy: null,
      printedName: e.printedName,
      ...(e.basis ? { basis: e.basis } : {}),
      ...(unknown ? { startUnknown: true } : {}),
    });
  };
  const close = (entityId: string): void => {
    change.close.push({ entityId, listId: pub.listId, to: pub.date, endedBy: pub.id });
  };

  if (pub.kind === 'withdrawn') return change;
  // A list may print one company twice under two names: one entry speaks for it, the one under
  // the name it is already listed by if there is one (so the duplicate is not read as a rename).
  const byEntity = new Map<string, Publication['entries'][number]>();
  for (const e of pub.entries) {
    const had = byEntity.get(e.entityId);
    if (!had || (had.printedName !== active.get(e.entityId)?.printedName && e.printedName === active.get(e.entityId)?.printedName)) byEntity.set(e.entityId, e);
  }
  const entries = byEntity.size === pub.entries.length ? pub.entries : pub.entries.filter((e) => byEntity.get(e.entityId) === e);

  if (SNAPSHOT_KINDS.has(pub.kind)) {
    const members = new Set(entries.map((e) => e.entityId));
    for (const id of active.keys()) if (!members.has(id)) close(id);
    for (const e of entries) {
      const cur = active.get(e.entityId);
      if (!cur) open(e);
      else if (cur.printedName !== e.printedName || (e.basis !== undefined && cur.basis !== e.basis)) {
        change.update.push({ entityId: e.entityId, listId: pub.listId, printedName: e.printedName, ...(e.basis !== undefined ? { basis: e.basis } : cur.basis !== undefined ? { basis: cur.basis } : {}) });
      }
    }
    return change;
  }

  for (const e of entries) {
    const isActive = active.has(e.entityId);
    const action = e.action ?? (pub.kind === 'removal' ? 'remove' : 'add');
    if (pub.kind === 'redesignation') {
      if (isActive) close(e.entityId);
      open(e);
    } else if (action === 'remove') {
      if (isActive) close(e.entityId);
    } else if (action === 'amend') {
      const cur = active.get(e.entityId);
      if (cur && (cur.printedName !== e.printedName || (e.basis !== undefined && cur.basis !== e.basis))) {
        change.update.push({ entityId: e.entityId, listId: pub.listId, printedName: e.printedName, ...(e.basis !== undefined ? { basis: e.basis } : cur.basis !== undefined ? { basis: cur.basis } : {}) });
      }
    } else if (!isActive) {
      open(e);
    }
  }
  return change;
}

/**
 * Applies a change made by `applyPublication` to the designations in force, in place: closed
 * ones take their end and leave `active`, updated ones take the new printed name and basis,
 * opened ones join it (as copies). Returns the opened designations.
 */
export function commitChange(active: Map<string, Designation>, ch: DesignationChange): Designation[] {
  for (const c of ch.close) {
    const d = active.get(c.entityId);
    if (!d) continue;
    d.to = c.to;
    d.endedBy = c.endedBy;
    active.delete(c.entityId);
  }
  for (const u of ch.update) {
    const d = active.get(u.entityId);
    if (!d) continue;
    d.printedName = u.printedName;
    if (u.basis !== undefined) d.basis = u.basis;
  }
  const opened = ch.open.map((o) => ({ ...o }));
  for (const d of opened) active.set(d.entityId, d);
  return opened;
}

/** Order in which same-day publications apply: removals before additions, withdrawn last. */
const KIND_ORDER: Record<Publication['kind'], number> = { removal: 0, redesignation: 1, edition: 2, snapshot: 2, addition: 3, withdrawn: 4 };

/** Sorts publications into the order they take effect (date, then kind, then id). */
export function publicationOrder(a: Publication, b: Publication): number {
  return a.date.localeCompare(b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id.localeCompare(b.id);
}

/**
 * Derives every designation interval of every list from its publications, in effect order.
 * Pure: the bundled dataset and the store both rely on it, so a designation is always
 * backed by the publication that opened it and the one that ended it.
 */
export function deriveDesignations(publications: readonly Publication[]): Designation[] {
  const byList = new Map<string, Publication[]>();
  for (const p of publications) {
    const arr = byList.get(p.listId) ?? [];
    arr.push(p);
    byList.set(p.listId, arr);
  }
  const all: Designation[] = [];
  for (const pubs of byList.values()) {
    const active = new Map<string, Designation>();
    for (const pub of [...pubs].sort(publicationOrder)) all.push(...commitChange(active, applyPublication(active, pub)));
  }
  return all.sort((a, b) => a.listId.localeCompare(b.listId) || a.from.localeCompare(b.from) || a.entityId.localeCompare(b.entityId));
}
