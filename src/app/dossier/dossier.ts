import { asOfState } from '../../core/history/designations.js';
import { inInterval } from '../../core/dates.js';
import { buildTimeline, type PrintedEntry } from '../../core/history/timeline.js';
import { formerNames } from '../../core/history/former-names.js';
import type { IsoDate, Publication, Source } from '../../core/model.js';
import { designationUnverifiedFrom, verifiedOn } from '../../core/history/verified.js';
import { listingStatus, obligationsFor } from '../../core/rules/evaluate.js';
import type { RecordReader } from '../snapshot/reader.js';
import type { Dossier, Obligation, RelatedEntity, Role } from '../types.js';
import { parentLinks, RelatedLookup, type RelatedInfo } from './related.js';
import { resolveEntity } from './resolve.js';
import { loadRules, type LoadedRules } from './rules.js';

/** What the dossier service needs. `rules` defaults to the bundled rules. */
export interface DossierDeps {
  store: RecordReader;
  rules?: LoadedRules;
}

/** Lists with more publications than this are not read entry by entry for renames (large imported snapshots). */
const MAX_PUBLICATIONS_FOR_RENAMES = 40;

const pubRef = <K extends keyof Publication>(p: Omit<Publication, 'entries'> | undefined, keys: K[]): Pick<Publication, K> | undefined => {
  if (!p) return undefined;
  const out = {} as Pick<Publication, K>;
  for (const k of keys) if (p[k as keyof typeof p] !== undefined) (out as Record<string, unknown>)[k] = p[k as keyof typeof p];
  return out;
};

const related = (r: RelatedInfo): RelatedEntity => ({ entityId: r.entityId, name: r.name, active: r.active, lists: r.lists, relation: r.relation, path: r.path });

/**
 * The dossier of an entity named by id or name (see `resolveEntity`), on `asOf`: its names with
 * sources, designations (active on asOf or not, with the notices that opened and ended them),
 * the full timeline across lists, parents and subsidiaries (listed or not on asOf) and, with a
 * role, the obligations in force, coming and ended. Every cited source is in `sources`.
 */
export async function getDossier(deps: DossierDeps, idOrName: string, opts: { asOf: IsoDate; role?: Role }): Promise<Dossier> {
  const { store } = deps;
  const rules = deps.rules ?? loadRules();
  const entity = await resolveEntity(store, idOrName);
  const [designations, lists, allPubs, events, versions] = await Promise.all([
    store.getDesignations({ entityId: entity.id }),
    store.getLists(),
    store.getPublications(),
    store.getEvents({ entityId: entity.id }),
    store.getEntityVersions(entity.id),
  ]);
  const former = formerNames(versions);
  const listNames = new Map(lists.map((l) => [l.id, l.name]));
  const pubs = new Map(allPubs.map((p) => [p.id, p]));

  // Entries that print the entity: every publication of its lists, and withdrawn documents anywhere.
  const ownLists = new Set(designations.map((d) => d.listId));
  const perList = new Map<string, number>();
  for (const p of allPubs) perList.set(p.listId, (perList.get(p.listId) ?? 0) + 1);
  const toRead = allPubs.filter((p) => p.kind === 'withdrawn' || (ownLists.has(p.listId) && perList.get(p.listId)! <= MAX_PUBLICATIONS_FOR_RENAMES));
  const printed: PrintedEntry[] = [];
  for (const meta of toRead) {
    const full = await store.getPublication(meta.id);
    const withdrawn = meta.kind === 'withdrawn';
    // Removal entries print the old name, not a new one; but a withdrawn draft's removals are worth showing.
    const e = full?.entries.find((x) => x.entityId === entity.id && (withdrawn || x.action !== 'remove'));
    if (e) printed.push({ listId: meta.listId, publicationId: meta.id, date: meta.date, printedName: e.printedName, ...(withdrawn ? { withdrawn: true, ...(e.action ? { action: e.action } : {}) } : {}) });
  }
  const timeline = buildTimeline({ designations, publications: pubs, events, printed, listNames });

  const lookup = new RelatedLookup(store);
  const around = await lookup.around(entity.id, opts.asOf);
  let obligations: Obligation[] | undefined;
  if (opts.role) {
    obligations = obligationsFor({ rules: rules.rules, role: opts.role, asOf: opts.asOf, entityId: entity.id, designations, parents: parentLinks(around.parents), includeEnded: true }) as Obligation[];
  }

  const dossier: Dossier = {
    entity,
    asOf: opts.asOf,
    designations: designations.map((d) => {
      const added = pubRef(pubs.get(d.addedBy), ['id', 'title', 'citation', 'date', 'url']);
      const ended = d.endedBy ? pubRef(pubs.get(d.endedBy), ['id', 'title', 'citation', 'date', 'url', 'kind']) : undefined;
      const state = asOfState(opts.asOf, d);
      const active = state === 'active';
      const status = listingStatus(rules.rules, d.listId, d.from, opts.asOf);
      return {
        ...d, active, ...(state === 'unknown' ? { unknown: true } : {}), listName: listNames.get(d.listId) ?? d.listId,
        verified: verifiedOn(designationUnverifiedFrom(d, pubs, events), opts.asOf),
        ...(active && status.status === 'named' ? { named: { restrictionsFrom: status.restrictionsFrom, label: status.label } } : {}),
        ...(added ? { addedByPublication: added } : {}), ...(ended ? { endedByPublication: ended } : {}),
      };
    }),
    timeline,
    relations: { parents: around.parents.map(related), subsidiaries: around.subsidiaries.map(related) },
    ...(obligations ? { obligations } : {}),
    ...(former.length ? { formerNames: former } : {}),
    sources: {},
  };

  const ids = new Set<string>();
  const add = (xs: readonly string[] | undefined): void => xs?.forEach((x) => ids.add(x));
  for (const n of entity.names) add(n.sourceIds);
  for (const i of entity.identifiers) add(i.sourceIds);
  for (const n of former) {
    add(n.sourceIds);
    for (const p of [n.fromPublication, n.toPublication]) if (p) add(pubs.get(p)?.sourceIds);
  }
  for (const d of designations) {
    add(pubs.get(d.addedBy)?.sourceIds);
    if (d.endedBy) add(pubs.get(d.endedBy)?.sourceIds);
  }
  for (const s of timeline) add(s.sourceIds);
  for (const r of [...dossier.relations.parents, ...dossier.relations.subsidiaries]) add(r.relation.sourceIds);
  for (const o of obligations ?? []) add(o.sourceIds);
  const found: Source[] = await store.getSources([...ids]);
  const extra = new Map(rules.sources.map((s) => [s.id, s]));
  for (const s of found) dossier.sources[s.id] = s;
  for (const id of ids) if (!dossier.sources[id] && extra.has(id)) dossier.sources[id] = extra.get(id)!;
  return dossier;
}
