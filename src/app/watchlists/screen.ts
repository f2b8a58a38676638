import { addDays, inInterval } from '../../core/dates.js';
import type { IndexedEntity, ScreenIndex } from '../../core/match/types.js';
import type { Designation, Entity, IsoDate, Relation } from '../../core/model.js';
import { obligationsFor } from '../../core/rules/evaluate.js';
import type { RuleSet } from '../../core/rules/types.js';
import { screenWithIndex } from '../screen/screen.js';
import type { ItemHit, ItemListing, ItemObligation, ItemRelated, ItemResult, WatchItemInput, Watchlist } from './types.js';

/** What screening a watchlist reads, loaded once per re-screen of every watchlist. */
export interface RecordView {
  index: ScreenIndex;
  today: IsoDate;
  entity(id: string): IndexedEntity | undefined;
  /** Entity ids carrying an identifier value (ISIN, USCC, LEI, ticker, as stored upper-case). */
  byIdentifier: Map<string, string[]>;
  relations: Relation[];
  designations: Map<string, Designation[]>;
  rules: RuleSet;
}

/** Builds the view from what the store holds (the caller reads it). */
export function recordView(index: ScreenIndex, today: IsoDate, entities: Entity[], relations: Relation[], designations: Designation[], rules: RuleSet): RecordView {
  const byId = new Map(index.snapshot.entities.map((e) => [e.id, e]));
  const byIdentifier = new Map<string, string[]>();
  for (const e of entities) {
    for (const i of e.identifiers) {
      if (i.scheme === 'ofac-ent-num' || i.scheme === 'csl-id') continue;
      const v = i.value.toUpperCase().replace(/\s+/g, '');
      const l = byIdentifier.get(v) ?? [];
      if (!l.includes(e.id)) l.push(e.id);
      byIdentifier.set(v, l);
    }
  }
  const desig = new Map<string, Designation[]>();
  for (const d of designations) {
    const l = desig.get(d.entityId) ?? [];
    l.push(d);
    desig.set(d.entityId, l);
  }
  return { index, today, entity: (id) => byId.get(id), byIdentifier, relations, designations: desig, rules };
}

/** The lists an indexed entity is in force on, on `day`. */
export function listingsOn(e: IndexedEntity | undefined, day: IsoDate): ItemListing[] {
  if (!e) return [];
  return e.designations
    .filter((d) => inInterval(day, d.from, d.to))
    .map((d) => ({ listId: d.list, listName: d.listName, printedName: d.printedName, from: d.from, publicationId: d.source.publicationId }));
}

/**
 * Screens one counterparty on `view.today`: name hits (listed entities only, at the watchlist's
 * threshold), identifier hits (the same ISIN/USCC/LEI/ticker), listed parents and subsidiaries of
 * the hits, and, when the watchlist has a role, the obligations towards each hit that are in force
 * or come into force within its notice days. Pure given the view.
 */
export function screenItem(view: RecordView, item: WatchItemInput, wl: Pick<Watchlist, 'threshold' | 'role' | 'noticeDays'>): ItemResult {
  const hits = new Map<string, ItemHit>();
  for (const k of ['isin', 'uscc', 'lei', 'ticker'] as const) {
    const v = item[k];
    if (!v) continue;
    for (const id of view.byIdentifier.get(v) ?? []) {
      const e = view.entity(id);
      const lists = listingsOn(e, view.today);
      if (e && lists.length && !hits.has(id)) hits.set(id, { entityId: id, name: e.name, score: 1, matchedBy: 'identifier', matched: `${k}:${v}`, lists });
    }
  }
  const res = screenWithIndex(view.index, item.name, { asOf: view.today, limit: 5, includeInactive: false, ...(wl.threshold !== undefined ? { threshold: wl.threshold } : {}) });
  for (const h of res.hits) {
    if (hits.has(h.entityId)) continue;
    const lists = listingsOn(view.entity(h.entityId), view.today);
    if (lists.length) hits.set(h.entityId, { entityId: h.entityId, name: h.name, score: h.score, matchedBy: 'name', matched: h.matchedName, lists });
  }
  const related: ItemRelated[] = [];
  const seen = new Set<string>();
  for (const h of hits.values()) {
    for (const r of view.relations) {
      const other = r.entityId === h.entityId ? { id: r.parentId, relation: 'parent' as const } : r.parentId === h.entityId ? { id: r.entityId, relation: 'subsidiary' as const } : null;
      if (!other || hits.has(other.id) || seen.has(`${h.entityId}|${other.id}`)) continue;
      const e = view.entity(other.id);
      const lists = listingsOn(e, view.today);
      if (!e || !lists.length) continue;
      seen.add(`${h.entityId}|${other.id}`);
      related.push({ entityId: other.id, name: e.name, relation: other.relation, ofEntityId: h.entityId, lists });
    }
  }
  const obligations: ItemObligation[] = [];
  if (wl.role) {
    const horizon = addDays(view.today, wl.noticeDays);
    for (const h of hits.values()) {
      for (const o of obligationsFor({ rules: view.rules, role: wl.role, asOf: view.today, entityId: h.entityId, designations: view.designations.get(h.entityId) ?? [] })) {
        if (o.status === 'ended' || (o.status === 'coming' && o.effectiveFrom > horizon)) continue;
        obligations.push({ entityId: h.entityId, ruleId: o.ruleId, listId: o.listId, status: o.status, effectiveFrom: o.effectiveFrom, effect: o.effect, citation: o.citation, sourceIds: o.sourceIds, verified: o.verified });
      }
    }
  }
  const hitList = [...hits.values()];
  return { status: hitList.length ? 'hit' : related.length ? 'related' : 'clear', asOf: view.today, hits: hitList, related, obligations };
}
