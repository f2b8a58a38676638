import type { NameKind } from '../../core/model.js';
import type { ListSlice } from '../format.js';
import { buildEntity, entityType } from '../common/entity.js';
import { groupBy } from '../common/group.js';
import { hashJson } from '../common/hash.js';
import { splitMulti } from '../common/text.js';
import { cslList } from '../trade-csl/lists.js';
import type { CompactCslRow } from './parse.js';

/** The row's content as the list hash covers it (every field the compact form keeps, in a fixed order). */
function rawOf(r: CompactCslRow): unknown[] {
  return [r.name, r.altNames, r.source, r.type, r.countries, r.entityNumber, r.licenseRequirement, r.licensePolicy, r.programs, r.federalRegisterNotice, r.sourceListUrl];
}

function basisOf(r: CompactCslRow): string | undefined {
  const parts = [
    r.programs ? `Programs: ${splitMulti(r.programs).join('; ')}` : '',
    r.federalRegisterNotice ? `Federal Register: ${r.federalRegisterNotice}` : '',
    r.licenseRequirement ? `License requirement: ${r.licenseRequirement}` : '',
    r.licensePolicy ? `License policy: ${r.licensePolicy}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : undefined;
}

/**
 * Splits compact CSL rows into one list per source, with the list ids of `trade-csl` (the
 * Entity List is `us-bis-entity-list`; Treasury rows go to `…-csl` copies). An OFAC row keeps
 * the key of a CSV import, `<list>:<entity_number>`; the compact form dropped trade.gov's `_id`,
 * so other rows are keyed by their name and countries (`<list>:n-<hash>`, `#2`, `#3`… for a
 * repeat within the list, in file order): stable across copies of the same list, so a
 * re-import of an unchanged list changes nothing. No start dates (the compact form dropped
 * them): each designation is "first seen" on the publication date, start unknown.
 */
export function mapCompactCsl(rows: CompactCslRow[], sourceId: string): { lists: ListSlice[]; warnings: string[] } {
  const lists: ListSlice[] = [];
  const warnings: string[] = [];
  for (const [source, rs] of [...groupBy(rows, (r) => r.source).entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const list = cslList(source);
    if (list.id.startsWith('us-csl-')) warnings.push(`unknown CSL source "${source}" imported as list ${list.id}`);
    const slice: ListSlice = { list, entries: [], entities: [], contentHash: hashJson(rs.map(rawOf)) };
    const seen = new Map<string, number>();
    for (const r of rs) {
      const base = r.entityNumber ? r.entityNumber : `n-${hashJson([r.name.toLowerCase(), [...r.countries].sort()]).slice(0, 16)}`;
      const k = (seen.get(base) ?? 0) + 1;
      seen.set(base, k);
      const id = `${list.id}:${base}${k > 1 ? `#${k}` : ''}`;
      const names = r.altNames.map((name) => ({ name, kind: 'alias' as NameKind }));
      const countries = [...new Set(r.countries)];
      const country = countries.length === 1 ? countries[0] : undefined;
      const identifiers = r.entityNumber ? [{ scheme: 'ofac-ent-num' as const, value: r.entityNumber }] : [];
      slice.entities.push(buildEntity({ id, name: r.name, type: entityType(r.type), names, identifiers, ...(country ? { country } : {}) }, sourceId));
      const basis = basisOf(r);
      slice.entries.push({ entityId: id, printedName: r.name, ...(basis ? { basis } : {}) });
    }
    lists.push(slice);
  }
  return { lists, warnings };
}
