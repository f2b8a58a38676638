import { isIsoDate } from '../../core/dates.js';
import type { Identifier, NameKind } from '../../core/model.js';
import type { ListSlice } from '../format.js';
import { buildEntity, countryCode, entityType } from '../common/entity.js';
import { groupBy } from '../common/group.js';
import { hashJson } from '../common/hash.js';
import { splitMulti } from '../common/text.js';
import { cslList } from './lists.js';
import { CSL_COLUMNS, type CslRow } from './parse.js';

/** Identifier types of the `ids` field kept as identifiers; the rest (dates, websites, risks) are not. */
const ID_TYPE = /(Number|No\.|\bID\b|Passport|Code|SWIFT|\bBIC\b|BIK|Registration|\bLE\b|IMO|MMSI|Cedula|C\.U\.R\.P|R\.F\.C|D\.N\.I|NIT|RUC|FEIN|SSN|Fiscal|Gazette|Document #|Credencial)/i;
const NOT_ID = /(Phone|Fax|Date|Website|Email|Directive|Risk|Information|Type)/i;

/** Parses the `ids` field: `type, value, CC; type, value, CC` (the value may hold commas). */
export function parseCslIds(ids: string): { identifiers: Omit<Identifier, 'sourceIds'>[]; names: string[]; dates: Record<string, string> } {
  const out = { identifiers: [] as Omit<Identifier, 'sourceIds'>[], names: [] as string[], dates: {} as Record<string, string> };
  for (const part of splitMulti(ids)) {
    const bits = part.split(', ');
    const type = bits[0]!.trim();
    let rest = bits.slice(1);
    let country = '';
    if (rest.length > 1 && /^[A-Z]{2}$/.test(rest[rest.length - 1]!)) country = rest.pop()!;
    const value = rest.join(', ').trim();
    if (!value) continue;
    if (/USCC/.test(type)) out.identifiers.push({ scheme: 'uscc', value });
    else if (type === 'ISIN') out.identifiers.push({ scheme: 'isin', value });
    else if (type === 'Equity Ticker') out.identifiers.push({ scheme: 'ticker', value });
    else if (type === 'Issuer Name') out.names.push(value);
    else if (/Date/.test(type) && isIsoDate(value)) out.dates[type.replace(/:$/, '')] = value;
    else if (ID_TYPE.test(type) && !NOT_ID.test(type)) out.identifiers.push({ scheme: 'other', value: `${type} ${value}${country ? ` (${country})` : ''}` });
  }
  return out;
}

function basisOf(r: CslRow, dates: Record<string, string>): string | undefined {
  const parts = [
    r.programs ? `Programs: ${splitMulti(r.programs).join('; ')}` : '',
    r.federal_register_notice ? `Federal Register: ${r.federal_register_notice}` : '',
    r.start_date ? `Start date ${r.start_date}` : '',
    ...Object.entries(dates).filter(([k]) => /CMIC/.test(k)).map(([k, v]) => `${k} ${v}`),
    r.license_requirement ? `License requirement: ${r.license_requirement}` : '',
    r.license_policy ? `License policy: ${r.license_policy}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : undefined;
}

/**
 * Splits CSL rows into one list per `source` (see `cslList` for ids). Entities are
 * `<list>:<entity_number>` (OFAC rows) or `<list>:<_id>` (others); `alt_names` become aliases,
 * `Issuer Name` ids too; `ids` become identifiers (with the OFAC ent_num, so a CSL copy can be
 * linked to the OFAC import by identifier). A key repeated within one list keeps the first row
 * and warns. Each list's hash covers its own raw rows.
 */
export function mapCsl(rows: CslRow[], file: string, sourceId: string): { lists: ListSlice[]; warnings: string[] } {
  const warnings: string[] = [];
  const bySource = groupBy(rows, (r) => r.source);
  const lists: ListSlice[] = [];
  for (const [source, rs] of [...bySource.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const list = cslList(source);
    if (list.id.startsWith('us-csl-')) warnings.push(`${file}: unknown CSL source "${source}" imported as list ${list.id}`);
    const seen = new Map<string, number>();
    const slice: ListSlice = { list, entries: [], entities: [], contentHash: hashJson(rs.map((r) => CSL_COLUMNS.map((c) => r[c]))) };
    for (const r of rs) {
      const key = r.entity_number || r._id;
      const id = `${list.id}:${key}`;
      const prev = seen.get(id);
      if (prev !== undefined) {
        warnings.push(`${file}, line ${r.line}: ${list.id} key ${key} repeats line ${prev}; row skipped`);
        continue;
      }
      seen.set(id, r.line);
      const parsed = parseCslIds(r.ids);
      const names = [
        ...splitMulti(r.alt_names).map((name) => ({ name, kind: 'alias' as NameKind })),
        ...parsed.names.map((name) => ({ name, kind: 'alias' as NameKind })),
      ];
      const countries = new Set(splitMulti(r.addresses).map((a) => countryCode(a.slice(a.lastIndexOf(',') + 1)) ?? '?'));
      const country = countries.size === 1 ? [...countries][0] : undefined;
      const identifiers: Omit<Identifier, 'sourceIds'>[] = [
        ...(r.entity_number ? [{ scheme: 'ofac-ent-num' as const, value: r.entity_number }] : []),
        ...(r._id && r._id !== r.entity_number ? [{ scheme: 'csl-id' as const, value: r._id }] : []),
        ...parsed.identifiers,
      ];
      slice.entities.push(buildEntity({ id, name: r.name, type: entityType(r.type), names, identifiers, ...(country && country !== '?' ? { country } : {}) }, sourceId));
      const basis = basisOf(r, parsed.dates);
      // The CSL's start_date starts the designation; without one it is "first seen" (start unknown).
      const since = r.start_date && isIsoDate(r.start_date.trim()) ? r.start_date.trim() : undefined;
      slice.entries.push({ entityId: id, printedName: r.name, ...(basis ? { basis } : {}), ...(since ? { since } : {}) });
    }
    lists.push(slice);
  }
  return { lists, warnings };
}
