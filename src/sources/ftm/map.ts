import type { Entity, Identifier, ListDef, NameKind } from '../../core/model.js';
import { buildEntity } from '../common/entity.js';
import { sha256 } from '../common/hash.js';
import type { ListSlice } from '../format.js';
import type { FtmRecord } from './parse.js';

const TYPE: Record<string, Entity['type']> = {
  Company: 'organization', Organization: 'organization', PublicBody: 'organization', LegalEntity: 'organization',
  Person: 'person', Vessel: 'vessel', Airplane: 'aircraft',
};

const HAN = /\p{Script=Han}/u;

/**
 * Maps FtM entities to list snapshots: every `Sanction` without an `endDate` is an entry of the
 * list named by its `programId` (else its `program`), the sanctioned entity with its names
 * (name, alias, weakAlias, previousName; Chinese aliases as zh-hans) and identifiers
 * (registrationNumber, ticker, isinCode). Ended sanctions are history, not membership, and are
 * counted in the warnings. A sanction whose entity is missing from the file is skipped with a warning.
 */
export function mapFtm(records: FtmRecord[], file: string, sourceId: string): { lists: ListSlice[]; warnings: string[] } {
  const warnings: string[] = [];
  const things = new Map(records.filter((r) => TYPE[r.schema]).map((r) => [r.id, r]));
  const slices = new Map<string, ListSlice & { raw: string[] }>();
  let ended = 0;
  for (const s of records.filter((r) => r.schema === 'Sanction')) {
    if (s.properties['endDate']?.length) { ended++; continue; }
    const listId = s.properties['programId']?.[0] ?? s.properties['program']?.[0];
    const entityId = s.properties['entity']?.[0];
    if (!listId || !entityId) { warnings.push(`${file}, line ${s.line}: a Sanction without programId/program or entity; skipped`); continue; }
    const e = things.get(entityId);
    if (!e) { warnings.push(`${file}, line ${s.line}: sanctioned entity ${entityId} is not in the file; skipped`); continue; }
    let slice = slices.get(listId);
    if (!slice) {
      const list: ListDef = {
        id: listId,
        name: s.properties['program']?.[0] ?? listId,
        agency: s.properties['authority']?.[0] ?? 'unknown authority (FtM import)',
        legalBasis: s.properties['provisions']?.[0] ?? s.properties['program']?.[0] ?? listId,
        sourceIds: [],
        description: 'Imported from a FollowTheMoney file.',
      };
      slice = { list, entries: [], entities: [], contentHash: '', raw: [] };
      slices.set(listId, slice);
    }
    if (slice.entries.some((x) => x.entityId === entityId)) continue;
    const p = e.properties;
    const name = p['name']?.[0] ?? p['alias']?.[0] ?? e.id;
    const names: { name: string; kind: NameKind }[] = [
      ...(p['name'] ?? []).slice(1).map((n) => ({ name: n, kind: 'alias' as NameKind })),
      ...(p['alias'] ?? []).map((n) => ({ name: n, kind: (HAN.test(n) ? 'zh-hans' : 'alias') as NameKind })),
      ...(p['weakAlias'] ?? []).map((n) => ({ name: n, kind: 'acronym' as NameKind })),
      ...(p['previousName'] ?? []).map((n) => ({ name: n, kind: 'previous' as NameKind })),
    ];
    const identifiers: Omit<Identifier, 'sourceIds'>[] = [
      ...(p['uniqueEntityId'] ?? []).map((value) => ({ scheme: 'uscc' as const, value })),
      ...(p['registrationNumber'] ?? []).filter((v) => !(p['uniqueEntityId'] ?? []).includes(v)).map((value) => ({ scheme: 'other' as const, value })),
      ...(p['ticker'] ?? []).map((value) => ({ scheme: 'ticker' as const, value })),
      ...(p['isinCode'] ?? []).map((value) => ({ scheme: 'isin' as const, value })),
    ];
    const country = (p['country'] ?? p['jurisdiction'] ?? p['nationality'])?.[0]?.toUpperCase();
    slice.entities.push(buildEntity({ id: e.id, name, type: TYPE[e.schema] ?? 'other', names, identifiers, ...(country ? { country } : {}) }, sourceId));
    const printed = s.properties['summary']?.find((x) => x.startsWith('as printed: '))?.slice('as printed: '.length) ?? name;
    slice.entries.push({ entityId: e.id, printedName: printed, ...(s.properties['reason']?.[0] ? { basis: s.properties['reason'][0] } : {}) });
    slice.raw.push(JSON.stringify([s.id, s.properties, e.properties]));
  }
  if (ended) warnings.push(`${file}: ${ended} ended sanction(s) are history, not membership; not imported`);
  const lists = [...slices.values()].map(({ raw, ...slice }) => ({ ...slice, contentHash: sha256(raw.sort().join('\n')) }));
  return { lists, warnings };
}
