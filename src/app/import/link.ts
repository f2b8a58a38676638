import type { Entity } from '../../core/model.js';
import type { ListSlice } from '../../sources/format.js';
import { normaliseName } from '../../sources/common/text.js';

const KEY_SCHEMES = new Set(['ofac-ent-num', 'csl-id']);

/**
 * `merge` linking: maps the slice's entity ids onto entities already in force on the list that
 * are the same record (same OFAC ent_num / CSL id, else exactly one with the same normalised
 * name; name matching only for entities keyed by another source, e.g. the bundled dataset), so an official import continues the record's designations instead of closing them and
 * opening look-alikes. Linked entities are referenced, never rewritten: the record keeps its own
 * names and sources. Returns the id map (incoming → existing) and warnings for ambiguous names.
 */
export function linkToActive(slice: ListSlice, activeEntities: readonly Entity[]): { map: Map<string, string>; warnings: string[] } {
  const map = new Map<string, string>();
  const warnings: string[] = [];
  if (!activeEntities.length) return { map, warnings };
  const incomingIds = new Set(slice.entities.map((e) => e.id));
  // Entities keyed by this same source (same id prefix) are matched by id only: a different
  // key under the same name is a different record of that source, not a rename.
  const prefixes = new Set(slice.entities.map((e) => e.id.slice(0, e.id.indexOf(':') + 1)));
  const byKey = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const e of activeEntities) {
    if (incomingIds.has(e.id) || prefixes.has(e.id.slice(0, e.id.indexOf(':') + 1))) continue;
    for (const i of e.identifiers) if (KEY_SCHEMES.has(i.scheme)) byKey.set(`${i.scheme}:${i.value}`, e.id);
    for (const n of new Set(e.names.map((x) => normaliseName(x.name)).concat(normaliseName(e.name)))) {
      const arr = byName.get(n) ?? [];
      arr.push(e.id);
      byName.set(n, arr);
    }
  }
  const taken = new Set<string>();
  for (const e of slice.entities) {
    let target: string | undefined;
    for (const i of e.identifiers) if (!target && KEY_SCHEMES.has(i.scheme)) target = byKey.get(`${i.scheme}:${i.value}`);
    if (!target) {
      const cands = new Set(byName.get(normaliseName(e.name)) ?? []);
      if (cands.size === 1) target = [...cands][0];
      else if (cands.size > 1) warnings.push(`${e.name}: matches ${cands.size} entities in force (${[...cands].join(', ')}); not linked`);
    }
    if (!target) continue;
    if (taken.has(target)) {
      warnings.push(`${e.name}: would link to ${target}, already linked to another entry; kept as ${e.id}`);
      continue;
    }
    taken.add(target);
    map.set(e.id, target);
  }
  return { map, warnings };
}

/**
 * `hint` linking: adds an identifier `other: sameAs <id>` to each entity whose printed or clean
 * name equals (normalised) a name of an entity of the record's list. A matching hint only; the
 * record's entities and designations are not touched.
 */
export function addSameAsHints(entities: Entity[], recordEntities: readonly Entity[], sourceId: string): number {
  const byName = new Map<string, Set<string>>();
  for (const e of recordEntities) {
    for (const n of [e.name, ...e.names.map((x) => x.name)]) {
      const k = normaliseName(n);
      (byName.get(k) ?? byName.set(k, new Set()).get(k)!).add(e.id);
    }
  }
  let linked = 0;
  for (const e of entities) {
    const hits = new Set<string>();
    for (const n of e.names) for (const id of byName.get(normaliseName(n.name)) ?? []) hits.add(id);
    for (const id of hits) e.identifiers.push({ scheme: 'other', value: `sameAs ${id}`, sourceIds: [sourceId] });
    if (hits.size) linked++;
  }
  return linked;
}
