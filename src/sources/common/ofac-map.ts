import type { Entity, NameKind } from '../../core/model.js';
import type { OfacAddress, OfacAlt, OfacPrimary } from './ofac-legacy.js';
import { parseRemarks, type ParsedRemarks } from './ofac-remarks.js';
import { buildEntity, countryCode, entityType } from './entity.js';
import { groupBy } from './group.js';

/** An OFAC record mapped to an entity, with what list mappings need from its remarks. */
export interface MappedOfac {
  record: OfacPrimary;
  entity: Entity;
  remarks: ParsedRemarks;
}

const ALT_KIND: Record<string, NameKind> = { aka: 'alias', fka: 'previous', nka: 'alias' };

/**
 * Maps OFAC primary records (with alt names and addresses) to entities `<idPrefix>:<ent_num>`.
 * Names: alt.csv when given, plus the `a.k.a.` names and issuer names in the remarks.
 * Identifiers: the ent_num, then USCC/ISIN/tickers and labelled numbers from the remarks.
 * Country: set only when every address of the record is in one of the mapped countries.
 */
export function mapOfacRecords(records: OfacPrimary[], alts: OfacAlt[], addresses: OfacAddress[], idPrefix: string, sourceId: string): MappedOfac[] {
  const altsBy = groupBy(alts, (a) => a.entNum);
  const addBy = groupBy(addresses, (a) => a.entNum);
  return records.map((record) => {
    const remarks = parseRemarks(record.remarks);
    const names = [
      ...(altsBy.get(record.entNum) ?? []).map((a) => ({ name: a.name, kind: ALT_KIND[a.altType] ?? ('alias' as NameKind) })),
      ...remarks.names,
      ...(remarks.fields['Issuer Name'] ?? []).map((name) => ({ name, kind: 'alias' as NameKind })),
    ];
    const countries = new Set((addBy.get(record.entNum) ?? []).map((a) => countryCode(a.country) ?? '?'));
    const country = countries.size === 1 ? [...countries][0] : undefined;
    const entity = buildEntity(
      {
        id: `${idPrefix}:${record.entNum}`,
        name: record.name,
        type: entityType(record.sdnType),
        names,
        identifiers: [{ scheme: 'ofac-ent-num', value: record.entNum }, ...remarks.identifiers],
        ...(country && country !== '?' ? { country } : {}),
      },
      sourceId,
    );
    return { record, entity, remarks };
  });
}

/** The basis text of an OFAC entry: its program tags, as OFAC prints them. */
export function programBasis(programs: string[]): string | undefined {
  return programs.length ? `Programs: ${programs.join('; ')}` : undefined;
}
