import type { EntityName, EntityVersion, IsoDate } from '../model.js';

/** A name an entity carried over `[from, to)` and no longer carries, with the publications that bracket it. */
export interface FormerName extends EntityName {
  /** Date of `fromPublication`; null when the entity had it before any publication listed it. */
  from: IsoDate | null;
  fromPublication: string | null;
  /** Date of `toPublication`: the first publication that no longer carried it. */
  to: IsoDate;
  toPublication: string | null;
}

const key = (n: Pick<EntityName, 'name' | 'kind'>): string => `${n.kind}\0${n.name}`;

/**
 * The names (and canonical names, as kind `printed`) of an entity's earlier versions that its
 * current version does not carry, each with the interval it held and the sources it had then,
 * in the order they were dropped. A name dropped twice shows once per interval; a name carried
 * again now is current, not former. Pure; `versions` oldest first, as `Store.getEntityVersions` gives them.
 */
export function formerNames(versions: readonly EntityVersion[]): FormerName[] {
  const current = versions[versions.length - 1];
  if (!current || current.to !== null) return [];
  const now = new Set([...current.entity.names.map(key), key({ name: current.entity.name, kind: 'printed' })]);
  const out: FormerName[] = [];
  // Open intervals of names seen in consecutive versions, by key.
  const open = new Map<string, { name: EntityName; from: IsoDate | null; fromPublication: string | null }>();
  for (const v of versions) {
    const here = new Map<string, EntityName>();
    for (const n of v.entity.names) here.set(key(n), n);
    const canonical = key({ name: v.entity.name, kind: 'printed' });
    if (!here.has(canonical)) here.set(canonical, { name: v.entity.name, kind: 'printed', sourceIds: [], verified: true });
    for (const [k, o] of open) {
      if (here.has(k)) continue;
      open.delete(k);
      // Only a later version (never the first, whose `from` may be null) closes a name; a name carried again now is not former.
      if (v.from !== null && !now.has(k)) out.push({ ...o.name, from: o.from, fromPublication: o.fromPublication, to: v.from, toPublication: v.fromPublication });
    }
    for (const [k, n] of here) if (!open.has(k)) open.set(k, { name: n, from: v.from, fromPublication: v.fromPublication });
  }
  return out;
}
