import type { Entity, Identifier, NameKind } from '../../core/model.js';

/** Input of `buildEntity`: names and identifiers without provenance (the import's source is added). */
export interface EntityDraft {
  id: string;
  name: string;
  type: Entity['type'];
  names: { name: string; kind: NameKind }[];
  identifiers: Omit<Identifier, 'sourceIds'>[];
  country?: string;
}

/**
 * Builds an Entity citing `sourceId` on every name and identifier. The printed name comes
 * first; repeated names (same text, case-insensitive) and identifiers are dropped, keeping the first.
 */
export function buildEntity(d: EntityDraft, sourceId: string): Entity {
  const seen = new Set<string>();
  const names: Entity['names'] = [];
  for (const n of [{ name: d.name, kind: 'printed' as NameKind }, ...d.names]) {
    const name = n.name.trim();
    const key = name.toLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    names.push({ name, kind: n.kind, sourceIds: [sourceId], verified: true });
  }
  const ids = new Set<string>();
  const identifiers: Identifier[] = [];
  for (const i of d.identifiers) {
    const key = `${i.scheme}\u0000${i.value}`;
    if (!i.value || ids.has(key)) continue;
    ids.add(key);
    identifiers.push({ scheme: i.scheme, value: i.value, sourceIds: [sourceId] });
  }
  return { id: d.id, name: d.name, type: d.type, names, identifiers, ...(d.country ? { country: d.country } : {}) };
}

/** OFAC/CSL type words → the model's entity type. */
export function entityType(word: string): Entity['type'] {
  const w = word.trim().toLowerCase();
  if (w === 'individual') return 'person';
  if (w === 'vessel') return 'vessel';
  if (w === 'aircraft') return 'aircraft';
  return 'organization';
}

/** ISO code for the address countries this project cares about; undefined for the rest (never guessed). */
export function countryCode(country: string): string | undefined {
  const c = country.trim().toLowerCase();
  if (c === 'china' || c === 'cn') return 'CN';
  if (c === 'hong kong' || c === 'hk') return 'HK';
  if (c === 'macau' || c === 'macao' || c === 'mo') return 'MO';
  if (c === 'taiwan' || c === 'tw') return 'TW';
  return undefined;
}
