import { inInterval } from '../../core/dates.js';
import type { Designation, Entity, IsoDate, ListDef, Publication, Relation, Source } from '../../core/model.js';
import type { Store } from '../../store/store.js';

/**
 * FollowTheMoney (FtM) shapes of the record, as OpenSanctions and yente use them: one JSON object
 * per entity with `id`, `schema`, `properties` (every value a list of strings) and `datasets`.
 * Entities become Company/Person/Vessel/Airplane/LegalEntity; each designation a `Sanction`
 * (entity, authority, program, programId, startDate, endDate, sourceUrl, reason); each
 * parent/subsidiary link an `Ownership` (owner = parent, asset = subsidiary).
 */
export interface FtmEntity {
  id: string;
  schema: string;
  caption?: string;
  properties: Record<string, string[]>;
  datasets: string[];
}

/** The dataset name the record is exported under. */
export const FTM_DATASET = 'listwatch';

const SCHEMA: Record<Entity['type'], string> = { organization: 'Company', person: 'Person', vessel: 'Vessel', aircraft: 'Airplane', other: 'LegalEntity' };

/** The FtM schema of an entity type. */
export function ftmSchemaOf(type: Entity['type']): string {
  return SCHEMA[type];
}

const uniq = (xs: (string | undefined | null)[]): string[] => [...new Set(xs.filter((x): x is string => Boolean(x && x.trim())))];

function put(props: Record<string, string[]>, key: string, values: (string | undefined | null)[]): void {
  const v = uniq(values);
  if (v.length) props[key] = v;
}

/** An entity as FtM: names (printed, aliases, Chinese, former), country, identifiers; `topics: sanction` when in force on asOf. */
export function entityToFtm(e: Entity, designations: readonly Designation[], asOf: IsoDate): FtmEntity {
  const p: Record<string, string[]> = {};
  put(p, 'name', [e.name, ...e.names.filter((n) => n.kind === 'printed').map((n) => n.name)]);
  put(p, 'alias', e.names.filter((n) => ['alias', 'zh-hans', 'zh-hant', 'zh-short', 'short'].includes(n.kind)).map((n) => n.name));
  put(p, 'weakAlias', e.names.filter((n) => n.kind === 'acronym').map((n) => n.name));
  put(p, 'previousName', e.names.filter((n) => n.kind === 'previous').map((n) => n.name));
  if (e.country) put(p, e.type === 'person' ? 'nationality' : 'country', [e.country.toLowerCase()]);
  put(p, 'registrationNumber', e.identifiers.filter((i) => i.scheme === 'uscc' || i.scheme === 'other').map((i) => i.value));
  put(p, 'uniqueEntityId', e.identifiers.filter((i) => i.scheme === 'uscc').map((i) => i.value));
  put(p, 'ticker', e.identifiers.filter((i) => i.scheme === 'ticker').map((i) => i.value));
  put(p, 'isinCode', e.identifiers.filter((i) => i.scheme === 'isin').map((i) => i.value));
  if (designations.some((d) => inInterval(asOf, d.from, d.to))) p['topics'] = ['sanction'];
  return { id: e.id, schema: ftmSchemaOf(e.type), caption: e.name, properties: p, datasets: [FTM_DATASET] };
}

/** Everything the export reads, by id. */
interface Lookup {
  lists: Map<string, ListDef>;
  publications: Map<string, Publication>;
  sources: Map<string, Source>;
}

const urls = (ids: readonly string[], sources: Map<string, Source>): string[] => uniq(ids.map((id) => sources.get(id)?.url));

/** A designation as an FtM Sanction, with its start and end dates and the URLs of the notices that opened and ended it. */
export function designationToFtm(d: Designation, look: Lookup): FtmEntity {
  const list = look.lists.get(d.listId);
  const opened = look.publications.get(d.addedBy);
  const ended = d.endedBy ? look.publications.get(d.endedBy) : undefined;
  const p: Record<string, string[]> = {};
  put(p, 'entity', [d.entityId]);
  put(p, 'authority', [list?.agency]);
  put(p, 'program', [list?.name ?? d.listId]);
  put(p, 'programId', [d.listId]);
  put(p, 'provisions', [list?.legalBasis]);
  put(p, 'startDate', [d.from]);
  put(p, 'listingDate', [d.from]);
  put(p, 'endDate', [d.to]);
  put(p, 'reason', [d.basis]);
  put(p, 'summary', [`as printed: ${d.printedName}`, opened ? `added by ${opened.citation ?? opened.title} (${opened.date})` : '', ended ? `ended by ${ended.citation ?? ended.title} (${ended.date})` : '']);
  put(p, 'sourceUrl', [opened?.url, ...urls(opened?.sourceIds ?? [], look.sources), ended?.url, ...urls(ended?.sourceIds ?? [], look.sources)]);
  return { id: `${d.entityId}--${d.listId}--${d.from}`, schema: 'Sanction', properties: p, datasets: [FTM_DATASET] };
}

/** A parent/subsidiary link as an FtM Ownership (owner = parent, asset = subsidiary), with its evidence and source URLs. */
export function relationToFtm(r: Relation, look: Lookup): FtmEntity {
  const p: Record<string, string[]> = {};
  put(p, 'owner', [r.parentId]);
  put(p, 'asset', [r.entityId]);
  put(p, 'summary', [r.evidence]);
  put(p, 'sourceUrl', urls(r.sourceIds, look.sources));
  return { id: `own--${r.parentId}--${r.entityId}`, schema: 'Ownership', properties: p, datasets: [FTM_DATASET] };
}

/**
 * The whole record as FtM entities, one JSON line each: every entity, then its sanctions, then the
 * ownership links. `asOf` decides the `topics: sanction` flag only; every designation is exported
 * with its dates, past ones included.
 */
export async function* exportFtm(store: Store, asOf: IsoDate): AsyncGenerator<string> {
  const [lists, publications, sources, entities, designations, relations] = await Promise.all([
    store.getLists(), store.getPublications(), store.getSources(), store.getEntities(), store.getDesignations(), store.getRelations(),
  ]);
  const look: Lookup = {
    lists: new Map(lists.map((l) => [l.id, l])),
    publications: new Map(publications.map((p) => [p.id, p])),
    sources: new Map(sources.map((s) => [s.id, s])),
  };
  const byEntity = new Map<string, Designation[]>();
  for (const d of designations) byEntity.set(d.entityId, [...(byEntity.get(d.entityId) ?? []), d]);
  const known = new Set(entities.map((e) => e.id));
  for (const e of entities) {
    const des = byEntity.get(e.id) ?? [];
    yield JSON.stringify(entityToFtm(e, des, asOf)) + '\n';
    for (const d of des) yield JSON.stringify(designationToFtm(d, look)) + '\n';
  }
  for (const r of relations) if (known.has(r.entityId) && known.has(r.parentId)) yield JSON.stringify(relationToFtm(r, look)) + '\n';
}
