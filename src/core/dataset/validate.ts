import { isIsoDate } from '../dates.js';
import { EVENT_KINDS as EVENT_KINDS_LIST, type Dataset } from '../model.js';

const QUALITIES = new Set(['P', 'S', 'D']);
const PUB_KINDS = new Set(['edition', 'addition', 'removal', 'redesignation', 'withdrawn', 'snapshot']);
const NAME_KINDS = new Set(['printed', 'alias', 'acronym', 'previous', 'zh-hans', 'zh-hant', 'zh-short', 'short']);
const ID_SCHEMES = new Set(['uscc', 'ticker', 'isin', 'ofac-ent-num', 'csl-id', 'other']);
const ENTITY_TYPES = new Set(['organization', 'person', 'vessel', 'aircraft', 'other']);
const EVENT_KINDS = new Set<string>(EVENT_KINDS_LIST);

/**
 * Checks a dataset for structural and referential problems and returns them as messages,
 * each starting with the file it concerns (`sources.json`, `publications/<list>.json`, …),
 * so a loader can name the file. An empty array means the dataset is sound:
 * every id is unique, every reference resolves, every fact (name, identifier, relation,
 * publication, event) carries at least one existing source id, and every date is a real date.
 * Pure: no I/O.
 */
export function validateDataset(ds: Dataset): string[] {
  const problems: string[] = [];
  const p = (file: string, msg: string): void => { problems.push(`${file}: ${msg}`); };
  const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

  const arrays: [keyof Dataset, string][] = [
    ['sources', 'sources.json'], ['lists', 'lists.json'], ['entities', 'entities.json'],
    ['relations', 'relations.json'], ['publications', 'publications/*.json'], ['events', 'events.json'],
  ];
  for (const [k, file] of arrays) if (!Array.isArray(ds[k])) p(file, `${k} is not an array`);
  if (problems.length) return problems;

  const uniq = (file: string, kind: string, ids: unknown[]): Set<string> => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (!str(id)) { p(file, `a ${kind} has no id`); continue; }
      if (seen.has(id)) p(file, `duplicate ${kind} id "${id}"`);
      seen.add(id);
    }
    return seen;
  };
  const sourceIds = uniq('sources.json', 'source', ds.sources.map((s) => s.id));
  const listIds = uniq('lists.json', 'list', ds.lists.map((l) => l.id));
  const entityIds = uniq('entities.json', 'entity', ds.entities.map((e) => e.id));
  uniq('publications/*.json', 'publication', ds.publications.map((x) => x.id));
  uniq('events.json', 'event', ds.events.map((e) => e.id));

  const srcRefs = (file: string, what: string, ids: unknown): void => {
    if (!Array.isArray(ids) || ids.length === 0) { p(file, `${what}: no sourceIds`); return; }
    for (const id of ids) if (!sourceIds.has(id as string)) p(file, `${what}: unknown source id "${String(id)}"`);
  };
  const date = (file: string, what: string, d: unknown, optional = false): void => {
    if (d === undefined && optional) return;
    if (typeof d !== 'string' || !isIsoDate(d)) p(file, `${what}: "${String(d)}" is not a date YYYY-MM-DD`);
  };

  for (const s of ds.sources) {
    if (!str(s.title)) p('sources.json', `source "${s.id}": no title`);
    if (!QUALITIES.has(s.quality)) p('sources.json', `source "${s.id}": quality "${String(s.quality)}" is not P, S or D`);
    date('sources.json', `source "${s.id}" date`, s.date, true);
  }
  for (const l of ds.lists) {
    if (!str(l.name) || !str(l.agency) || !str(l.legalBasis)) p('lists.json', `list "${l.id}": name, agency and legalBasis are required`);
    srcRefs('lists.json', `list "${l.id}"`, l.sourceIds);
  }
  for (const e of ds.entities) {
    const w = `entity "${e.id}"`;
    if (!str(e.name)) p('entities.json', `${w}: no name`);
    if (!ENTITY_TYPES.has(e.type)) p('entities.json', `${w}: bad type "${String(e.type)}"`);
    if (!Array.isArray(e.names) || !Array.isArray(e.identifiers)) { p('entities.json', `${w}: names and identifiers must be arrays`); continue; }
    for (const n of e.names) {
      if (!str(n.name)) p('entities.json', `${w}: a name is empty`);
      if (!NAME_KINDS.has(n.kind)) p('entities.json', `${w}: name "${n.name}" has bad kind "${String(n.kind)}"`);
      if (typeof n.verified !== 'boolean') p('entities.json', `${w}: name "${n.name}" lacks verified true/false`);
      srcRefs('entities.json', `${w} name "${n.name}"`, n.sourceIds);
    }
    for (const a of e.addresses ?? []) {
      if (!str(a.text)) p('entities.json', `${w}: an address is empty`);
      srcRefs('entities.json', `${w} address`, a.sourceIds);
    }
    for (const i of e.identifiers) {
      if (!ID_SCHEMES.has(i.scheme) || !str(i.value)) p('entities.json', `${w}: bad identifier ${JSON.stringify(i)}`);
      srcRefs('entities.json', `${w} identifier ${i.scheme}:${i.value}`, i.sourceIds);
    }
  }
  for (const r of ds.relations) {
    const w = `relation ${r.entityId} → ${r.parentId}`;
    if (!entityIds.has(r.entityId)) p('relations.json', `${w}: unknown entity "${r.entityId}"`);
    if (!entityIds.has(r.parentId)) p('relations.json', `${w}: unknown parent "${r.parentId}"`);
    if (r.entityId === r.parentId) p('relations.json', `${w}: an entity cannot be its own parent`);
    if (r.kind !== 'subsidiary-of') p('relations.json', `${w}: bad kind "${String(r.kind)}"`);
    srcRefs('relations.json', w, r.sourceIds);
  }
  for (const pub of ds.publications) {
    const file = `publications/${pub.listId}.json`;
    const w = `publication "${pub.id}"`;
    if (!listIds.has(pub.listId)) p(file, `${w}: unknown list "${pub.listId}"`);
    if (!PUB_KINDS.has(pub.kind)) p(file, `${w}: bad kind "${String(pub.kind)}"`);
    if (!str(pub.title)) p(file, `${w}: no title`);
    date(file, `${w} date`, pub.date);
    srcRefs(file, w, pub.sourceIds);
    if (!Array.isArray(pub.entries)) { p(file, `${w}: entries is not an array`); continue; }
    // One entity may appear twice only under two printed names (a list printing one company twice).
    const seen = new Set<string>();
    for (const e of pub.entries) {
      if (!entityIds.has(e.entityId)) p(file, `${w}: unknown entity "${e.entityId}"`);
      if (!str(e.printedName)) p(file, `${w}: entry "${e.entityId}" has no printedName`);
      if (e.action !== undefined && e.action !== 'add' && e.action !== 'remove' && e.action !== 'amend') p(file, `${w}: entry "${e.entityId}" bad action`);
      if (e.since !== undefined) date(file, `${w} entry "${e.entityId}" since`, e.since);
      if (seen.has(`${e.entityId}|${e.printedName}`)) p(file, `${w}: entity "${e.entityId}" appears twice as "${e.printedName}"`);
      seen.add(`${e.entityId}|${e.printedName}`);
    }
    if (pub.kind === 'edition' && pub.entityCount !== undefined && pub.entityCount !== pub.entries.length) {
      p(file, `${w}: entityCount ${pub.entityCount} but ${pub.entries.length} entries`);
    }
  }
  for (const ev of ds.events) {
    const w = `event "${ev.id}"`;
    if (!EVENT_KINDS.has(ev.kind)) p('events.json', `${w}: bad kind "${String(ev.kind)}"`);
    if (!str(ev.title)) p('events.json', `${w}: no title`);
    if (typeof ev.verified !== 'boolean') p('events.json', `${w}: lacks verified true/false`);
    date('events.json', `${w} date`, ev.date);
    for (const id of ev.entityIds ?? []) if (!entityIds.has(id)) p('events.json', `${w}: unknown entity "${id}"`);
    for (const id of ev.listIds ?? []) if (!listIds.has(id)) p('events.json', `${w}: unknown list "${id}"`);
    srcRefs('events.json', w, ev.sourceIds);
  }
  return problems;
}
