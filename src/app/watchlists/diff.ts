import type { Designation, IsoDate, Publication } from '../../core/model.js';
import type { AlertKind, ItemResult, WatchItem } from './types.js';

/** An alert before it gets its id, sources and watchlist: what changed and which publication caused it. */
export interface AlertDraft {
  kind: AlertKind;
  title: string;
  date: IsoDate;
  entity: { id: string; name: string };
  list?: { id: string; name: string };
  detail?: string;
  publicationId: string | null;
  /** Rule sources (obligations), added to the publication's. */
  extraSourceIds?: string[];
  /** What makes this change distinct besides kind, entity, list and publication (e.g. an obligation's rule and date). */
  discriminator?: string;
}

/** What diffing needs to name the publication behind a change. */
export interface DiffLookups {
  designations: Map<string, Designation[]>;
  /** A list's latest publication on or before today (the one that made a rename). */
  latestPublication(listId: string): Publication | undefined;
}

/**
 * The alerts of one counterparty: the difference between its last result (`prev`) and this one.
 * Pure. No `prev` (a new counterparty or watchlist) is a baseline and raises nothing. Kinds:
 * new-hit (a hit entity now on a list it was not on), designation-ended (the hit's designation was
 * ended by a publication), renamed (same entity and list, another printed name), related-listed
 * (a parent or subsidiary of a hit newly on a list), obligation-due (an obligation for the
 * watchlist's role newly in force or within the notice days).
 */
export function diffItem(item: WatchItem, prev: ItemResult | undefined, next: ItemResult, look: DiffLookups): AlertDraft[] {
  if (!prev) return [];
  const out: AlertDraft[] = [];
  const prevListings = new Map<string, { name: string; listName: string; printedName: string }>();
  for (const h of prev.hits) for (const l of h.lists) prevListings.set(`${h.entityId}|${l.listId}`, { name: h.name, listName: l.listName, printedName: l.printedName });
  const nextKeys = new Set<string>();
  for (const h of next.hits) {
    for (const l of h.lists) {
      const k = `${h.entityId}|${l.listId}`;
      nextKeys.add(k);
      const before = prevListings.get(k);
      const list = { id: l.listId, name: l.listName };
      if (!before) {
        out.push({ kind: 'new-hit', title: `${item.name}: matches ${h.name}, now on ${l.listName}`, date: l.from, entity: { id: h.entityId, name: h.name }, list, detail: `Matched by ${h.matchedBy} (${h.matched}, score ${h.score}); listed as "${l.printedName}" from ${l.from}.`, publicationId: l.publicationId });
      } else if (before.printedName !== l.printedName) {
        const pub = look.latestPublication(l.listId);
        out.push({ kind: 'renamed', title: `${item.name}: ${l.listName} now prints "${l.printedName}" (was "${before.printedName}")`, date: pub?.date ?? next.asOf, entity: { id: h.entityId, name: h.name }, list, detail: `${before.printedName} → ${l.printedName}`, publicationId: pub?.id ?? null, discriminator: l.printedName });
      }
    }
  }
  for (const [k, before] of prevListings) {
    if (nextKeys.has(k)) continue;
    const [entityId, listId] = k.split('|') as [string, string];
    // Only a designation a publication ended is a change of the record; a hit lost to a changed matcher is not.
    const ds = (look.designations.get(entityId) ?? []).filter((d) => d.listId === listId);
    const active = ds.find((d) => d.from <= next.asOf && (d.to === null || next.asOf < d.to));
    if (active) {
      // Still listed but no longer matched: renamed so that the counterparty's name no longer matches it.
      if (active.printedName !== before.printedName) {
        const pub = look.latestPublication(listId);
        out.push({ kind: 'renamed', title: `${item.name}: ${before.listName} now prints "${active.printedName}" (was "${before.printedName}")`, date: pub?.date ?? next.asOf, entity: { id: entityId, name: before.name }, list: { id: listId, name: before.listName }, detail: `${before.printedName} → ${active.printedName}; the counterparty's name no longer matches the new name: check it.`, publicationId: pub?.id ?? null, discriminator: active.printedName });
      }
      continue;
    }
    const ended = ds.filter((d) => d.to !== null && d.to <= next.asOf && d.endedBy).sort((a, b) => (a.to! < b.to! ? 1 : -1))[0];
    if (!ended) continue;
    out.push({ kind: 'designation-ended', title: `${item.name}: ${before.name} is no longer on ${before.listName} (from ${ended.to})`, date: ended.to!, entity: { id: entityId, name: before.name }, list: { id: listId, name: before.listName }, publicationId: ended.endedBy });
  }
  const prevRelated = new Set(prev.related.flatMap((r) => r.lists.map((l) => `${r.entityId}|${l.listId}`)));
  for (const r of next.related) {
    for (const l of r.lists) {
      if (prevRelated.has(`${r.entityId}|${l.listId}`)) continue;
      const of = next.hits.find((h) => h.entityId === r.ofEntityId);
      out.push({ kind: 'related-listed', title: `${item.name}: ${r.name}, ${r.relation} of ${of?.name ?? r.ofEntityId}, is now on ${l.listName}`, date: l.from, entity: { id: r.entityId, name: r.name }, list: { id: l.listId, name: l.listName }, detail: `${r.relation} of the matched entity ${of?.name ?? r.ofEntityId}`, publicationId: l.publicationId, discriminator: r.ofEntityId });
    }
  }
  const prevOblig = new Set(prev.obligations.map((o) => `${o.entityId}|${o.ruleId}|${o.effectiveFrom}`));
  for (const o of next.obligations) {
    if (prevOblig.has(`${o.entityId}|${o.ruleId}|${o.effectiveFrom}`)) continue;
    const h = next.hits.find((x) => x.entityId === o.entityId);
    const listing = h?.lists.find((l) => l.listId === o.listId);
    out.push({
      kind: 'obligation-due',
      title: `${item.name}: ${o.status === 'coming' ? `from ${o.effectiveFrom}` : `in force since ${o.effectiveFrom}`}, ${o.effect}`,
      date: o.effectiveFrom, entity: { id: o.entityId, name: h?.name ?? o.entityId }, ...(listing ? { list: { id: listing.listId, name: listing.listName } } : {}),
      detail: `${o.citation}${o.verified ? '' : ' [UNVERIFIED]'}`, publicationId: listing?.publicationId ?? null, extraSourceIds: o.sourceIds, discriminator: `${o.ruleId}|${o.effectiveFrom}`,
    });
  }
  return out;
}
