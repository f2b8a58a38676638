import { applyPublication, type DesignationChange } from '../../core/history/designations.js';
import type { Designation, Entity, ListEvent, Publication } from '../../core/model.js';

/** What an import changes on one list, against the designations in force before it. */
export interface ListDiff {
  change: DesignationChange;
  added: string[];
  removed: string[];
  renamed: { entityId: string; from: string; to: string }[];
  changed: { entityId: string; what: string }[];
}

/** The names, identifiers and type of an entity as one comparable string (order-insensitive). */
export function entityFingerprint(e: Entity): string {
  const names = e.names.map((n) => `${n.kind}:${n.name}`).sort();
  const ids = e.identifiers.map((i) => `${i.scheme}:${i.value}`).sort();
  return JSON.stringify([e.name, e.type, e.country ?? '', names, ids]);
}

function describeChange(before: Entity, after: Entity): string[] {
  const what: string[] = [];
  const names = (e: Entity) => new Set(e.names.filter((n) => n.kind !== 'printed').map((n) => `${n.kind}:${n.name}`));
  const ids = (e: Entity) => new Set(e.identifiers.map((i) => `${i.scheme}:${i.value}`));
  const delta = (a: Set<string>, b: Set<string>, label: string) => {
    const plus = [...b].filter((x) => !a.has(x)).length;
    const minus = [...a].filter((x) => !b.has(x)).length;
    if (plus || minus) what.push(`${label} +${plus} −${minus}`);
  };
  delta(names(before), names(after), 'names');
  delta(ids(before), ids(after), 'identifiers');
  if (before.type !== after.type) what.push(`type ${before.type} → ${after.type}`);
  return what;
}

/**
 * Compares a snapshot with the designations in force on its list (`active`, by entity id) and
 * with the stored entities (`stored`; only entities this import owns are compared, `owned`).
 * Pure. Added/removed come from `applyPublication`; a renamed entry is one still in force whose
 * printed name differs; a changed one has other names, identifiers, type or basis (programs).
 */
export function diffSnapshot(pub: Publication, active: ReadonlyMap<string, Designation>, stored: ReadonlyMap<string, Entity>, incoming: ReadonlyMap<string, Entity>, owned: (id: string) => boolean): ListDiff {
  const change = applyPublication(active, pub);
  const diff: ListDiff = { change, added: change.open.map((d) => d.entityId), removed: change.close.map((c) => c.entityId), renamed: [], changed: [] };
  for (const e of pub.entries) {
    const cur = active.get(e.entityId);
    if (!cur) continue;
    if (cur.printedName !== e.printedName) {
      diff.renamed.push({ entityId: e.entityId, from: cur.printedName, to: e.printedName });
      continue;
    }
    const what: string[] = [];
    if ((cur.basis ?? '') !== (e.basis ?? '')) what.push('basis/programs');
    const before = stored.get(e.entityId);
    const after = incoming.get(e.entityId);
    if (before && after && owned(e.entityId)) what.push(...describeChange(before, after));
    if (what.length) diff.changed.push({ entityId: e.entityId, what: what.join('; ') });
  }
  return diff;
}

/**
 * The `list-change` events of one import: a summary, and (when the list had entries before,
 * so the import is a change and not the first load) one event per added, removed, renamed and
 * changed entry. All cite the import's source; ids derive from the publication id.
 */
export function diffEvents(pub: Publication, listName: string, diff: ListDiff, names: ReadonlyMap<string, string>, first: boolean): ListEvent[] {
  const base = { date: pub.date, kind: 'list-change' as const, listIds: [pub.listId], sourceIds: pub.sourceIds, verified: true };
  const counts = `${diff.added.length} added, ${diff.removed.length} removed, ${diff.renamed.length} renamed, ${diff.changed.length} changed`;
  const events: ListEvent[] = [
    { ...base, id: `${pub.id}#summary`, title: `${listName}: ${first ? 'first import' : 'import'} of ${pub.entries.length} entries (${counts})`, detail: pub.citation ?? pub.title, entityIds: [] },
  ];
  if (first) return events;
  const name = (id: string) => names.get(id) ?? id;
  for (const id of diff.added) events.push({ ...base, id: `${pub.id}#added:${id}`, title: `Added to ${listName}: ${name(id)}`, entityIds: [id] });
  for (const id of diff.removed) events.push({ ...base, id: `${pub.id}#removed:${id}`, title: `No longer on ${listName}: ${name(id)}`, entityIds: [id] });
  for (const r of diff.renamed) events.push({ ...base, id: `${pub.id}#renamed:${r.entityId}`, title: `Renamed on ${listName}: ${r.from} → ${r.to}`, entityIds: [r.entityId] });
  for (const c of diff.changed) events.push({ ...base, id: `${pub.id}#changed:${c.entityId}`, title: `Entry changed on ${listName}: ${name(c.entityId)}`, detail: c.what, entityIds: [c.entityId] });
  return events;
}
