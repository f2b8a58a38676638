/**
 * Generator of the bundled dataset (data/), kept for provenance: it transcribes the
 * shared reference files (read in place from ../shared) into the record format and
 * applies the explicit corrections documented in dod1260h.ts and overrides.ts.
 * The committed data files are the record; re-running this must reproduce them.
 *
 *   npx tsx scripts/dataset/build.ts [outDir]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Dataset, Publication, Relation } from '../../src/core/model.js';
import { addChineseNames } from './chinese.js';
import { bisSources, buildBis } from './bis.js';
import { splitEntities } from './list-entities.js';
import { buildUflpa, uflpaSources } from './uflpa.js';
import { build1260h, interim1260h } from './dod1260h.js';
import { buildEvents, historySources } from './events.js';
import { lists } from './lists.js';
import { build1237, buildFcc, buildNsCmic, buildStatutes } from './others.js';
import { resolveIdentities } from './identity.js';
import { groupRelations, overrides, unverifiedRenames } from './overrides.js';
import { Registry } from './registry.js';
import { factsSources, govSources } from './sources.js';
import { readCsv } from './util.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const shared = path.resolve(root, '../shared');
const out = path.resolve(process.argv[2] ?? path.join(root, 'data'));
const sh = (p: string): string => path.join(shared, p);

const cn = readCsv(sh('facts/chinese-names.csv'));
const reg = new Registry(cn, overrides);

const d1260 = build1260h(reg, readCsv(sh('data/dod_1260h/derived/dod_1260h_edition_membership.csv')), unverifiedRenames);
const pubs: Publication[] = [...d1260.publications, ...interim1260h(reg)];
pubs.push(...buildNsCmic(reg, readCsv(sh('data/ns_cmic/derived/ns_cmic_from_ofac_cons_prim_2025-12.csv')), readCsv(sh('data/ns_cmic/derived/ns_cmic_from_trade_csl_2023-11.csv'))));
pubs.push(...build1237(reg, readCsv(sh('data/dod_1237_ccmc/dod_1237_ccmc_compiled.csv'))));
pubs.push(...buildStatutes(reg,
  readCsv(sh('data/ndaa_named_entities/opensanctions/section_889.csv')),
  readCsv(sh('data/ndaa_named_entities/opensanctions/section_5949.csv')),
  readCsv(sh('data/ndaa_named_entities/opensanctions/section_154.csv'))));
const fcc = buildFcc(reg, readCsv(sh('data/fcc_covered_list/fcc_covered_list_data_2024-04-19.csv'), ';'));
pubs.push(...fcc.publications);
pubs.push(fccDrones());

// Relations: parents are printed names; resolve them (a parent not on any list becomes an entity).
// A link printed in several editions cites exactly those editions, and its evidence names them.
const relations: Relation[] = [];
const printedIn = new Map<string, { parent: string; dates: string[] }>();
for (const r of [...d1260.relations, ...fcc.relations]) {
  const parentId = reg.entities.has(r.parentId) ? r.parentId : reg.find(r.parentId) ?? reg.resolve(r.parentId);
  if (parentId === r.entityId) continue;
  const k = `${r.entityId}>${parentId}`;
  const date = /in the (\d{4}-\d{2}-\d{2}) edition/.exec(r.evidence ?? '')?.[1];
  const prev = relations.find((x) => `${x.entityId}>${x.parentId}` === k);
  if (prev) {
    prev.sourceIds = [...new Set([...prev.sourceIds, ...r.sourceIds])];
    const p = printedIn.get(k);
    if (p && date && !p.dates.includes(date)) { p.dates.push(date); prev.evidence = `Listed under "${p.parent}" in the ${p.dates.join(', ')} edition${p.dates.length > 1 ? 's' : ''}`; }
    continue;
  }
  if (!reg.entities.has(r.parentId)) reg.addName(parentId, r.parentId, 'printed', r.sourceIds);
  if (date) printedIn.set(k, { parent: r.parentId, dates: [date] });
  relations.push({ ...r, sourceIds: [...r.sourceIds], parentId });
}

for (const g of groupRelations) {
  const sub = reg.find(g.sub);
  const parent = reg.find(g.parent);
  if (!sub || !parent) throw new Error(`group relation: no entity for ${sub ? g.parent : g.sub}`);
  relations.push({ entityId: sub, parentId: parent, kind: 'subsidiary-of', sourceIds: g.sourceIds, evidence: g.evidence });
}

// The BIS and UFLPA Entity Lists (bis.ts, uflpa.ts): after the core lists, so their entities join the record's.
const bis = buildBis(reg, sh('data/bis_entity_list/nsfreg_ecfr_2026-07-09/bis_entity_list.json'), sh('data/bis_entity_list/seelpeed_csl_compact_2026-07-31/derived/entity_list_rows.csv'));
const uflpa = buildUflpa(reg, sh('data/uflpa_entity_list/dhs_page_via_nsfreg_2025-01-14/derived/uflpa_rows_from_dhs_page.csv'), sh('data/uflpa_entity_list/bom_screener_2026-08-11/derived/uflpa_rows_dated_2026-08-03_from_bom_company_list.csv'));
pubs.push(...bis.publications, ...uflpa.publications);

const zh = addChineseNames(reg, cn);
// One company, one record (identity.ts): folds entities the evidence says are one company.
const identity = resolveIdentities({ reg, publications: pubs, relations });
const renamed = new Map([...d1260.renamed].map(([id, r]) => [identity.mergedInto.get(id) ?? id, r] as const));
const events = buildEvents(reg, renamed);

const ds: Dataset = { sources: [], lists, entities: [...reg.entities.values()].sort((a, b) => a.id.localeCompare(b.id)), relations, publications: pubs, events };
for (const e of ds.entities) e.country ??= e.names.some((n) => n.kind.startsWith('zh')) ? 'CN' : undefined;
for (const e of ds.entities) if (e.country === undefined) delete e.country;
ds.sources = [...factsSources(sh('facts/lists.md')), ...govSources, ...historySources, ...zh.sources, ...bisSources, ...uflpaSources];
// Keep only sources some fact cites.
const used = new Set<string>();
const use = (ids: string[] | undefined): void => { for (const i of ids ?? []) used.add(i); };
for (const l of ds.lists) use(l.sourceIds);
for (const e of ds.entities) { for (const n of e.names) use(n.sourceIds); for (const i of e.identifiers) use(i.sourceIds); }
for (const r of ds.relations) use(r.sourceIds);
for (const p of ds.publications) use(p.sourceIds);
for (const ev of ds.events) use(ev.sourceIds);
const missing = [...used].filter((id) => !ds.sources.some((s) => s.id === id));
if (missing.length) throw new Error(`unknown source ids: ${missing.join(', ')}`);
ds.sources = ds.sources.filter((s) => used.has(s.id)).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));

// Duplicates within one edition would mean two printed entries merged into one entity.
for (const p of ds.publications) {
  // (One company printed twice under two names, folded by identity.ts, is allowed.)
  const ids = p.entries.map((e) => `${e.entityId}|${e.printedName}`);
  const dup = ids.filter((x, i) => ids.indexOf(x) !== i);
  if (dup.length) throw new Error(`${p.id}: entities merged twice: ${dup.join(', ')}`);
}

rmSync(path.join(out, 'publications'), { recursive: true, force: true });
mkdirSync(path.join(out, 'publications'), { recursive: true });
const write = (rel: string, v: unknown): void => writeFileSync(path.join(out, rel), `${JSON.stringify(v, null, 2)}\n`);
write('sources.json', ds.sources);
write('lists.json', ds.lists);
const split = splitEntities(ds);
write('entities.json', split.core);
rmSync(path.join(out, 'entities'), { recursive: true, force: true });
mkdirSync(path.join(out, 'entities'), { recursive: true });
for (const [list, ents] of split.byList) if (ents.length) write(`entities/${list}.json`, ents);
write('relations.json', ds.relations.sort((a, b) => a.entityId.localeCompare(b.entityId) || a.parentId.localeCompare(b.parentId)));
write('events.json', ds.events.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id)));
for (const l of ds.lists) {
  const mine = ds.publications.filter((p) => p.listId === l.id).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  if (mine.length) write(`publications/${l.id}.json`, mine);
}
write('identities.json', {
  about: 'Identity decisions of the dataset generator (scripts/dataset/identity.ts): entities merged into one record, linked as probably one company (UNVERIFIED: two records carrying each other\'s names), or kept apart, each with its evidence and sources. Provenance: the app does not load this file.',
  mergesByEvidence: identity.mergesByEvidence,
  linksByEvidence: identity.linksByEvidence,
  decisions: identity.decisions,
});
console.log('identity: merges by evidence', JSON.stringify(identity.mergesByEvidence), 'links (UNVERIFIED)', JSON.stringify(identity.linksByEvidence), 'kept apart', identity.decisions.filter((d) => d.decision === 'kept-apart').length);
console.log(`entities ${ds.entities.length}, publications ${ds.publications.length}, relations ${ds.relations.length}, events ${ds.events.length}, sources ${ds.sources.length}, zh verified ${zh.verified}, zh hints ${zh.hints}, unmatched zh rows ${zh.unmatched.length}`);
console.log('BIS Entity List cross-check:', JSON.stringify({ ...bis.report, ecfrOnly: bis.report.ecfrOnly.length, cslOnly: bis.report.cslOnly.length, citationVolumesDiffer: bis.report.citationVolumesDiffer.length, mergedWithRecord: bis.report.mergedWithRecord.length }));
console.log('BIS merged with record entities:', bis.report.mergedWithRecord.join(' | '));
console.log('UFLPA:', JSON.stringify(uflpa.count));
if (process.env.BIS_REPORT) writeFileSync(process.env.BIS_REPORT, JSON.stringify(bis.report, null, 2));
if (zh.unmatched.length) console.log('unmatched chinese-names rows:', zh.unmatched.join(' | '));

/** FCC, 2025-12-22: all equipment and services of the entities in FY2025 NDAA §1709(a)(1) (DJI, Autel). */
function fccDrones(): Publication {
  const dji = reg.find('SZ DJI Technology Co., Ltd.');
  const autel = reg.find('Autel Robotics Co., Ltd.');
  if (!dji || !autel) throw new Error('FCC drones: DJI/Autel missing');
  const basis = 'All communications and video surveillance equipment and services listed in Section 1709(a)(1) of the FY25 National Defense Authorization Act (Pub. L. 118-159).';
  return {
    id: 'us-fcc-covered/2025-12-22', listId: 'us-fcc-covered', date: '2025-12-22', kind: 'addition',
    title: 'PSHSB public notice: foreign-produced UAS and UAS critical components, and the equipment and services of the FY2025 NDAA §1709(a)(1) entities (DJI, Autel)',
    sourceIds: ['fcc-covered-list', 'facts-S120', 'facts-S121', 'facts-S115'], entityCount: 2,
    entries: [{ entityId: autel, printedName: 'Autel', basis, action: 'add' }, { entityId: dji, printedName: 'DJI', basis, action: 'add' }],
    verified: false,
    note: 'The FCC entry names no company; DJI and Autel are the §1709(a)(1) entities per law-firm alerts. Linking "Autel" to Autel Robotics Co., Ltd. and "DJI" to SZ DJI Technology Co., Ltd. is the record\'s judgement (UNVERIFIED). National Security Determination 2025-12-21; entry later updated 2026-01-07, 2026-03-18, 2026-06-15, 2026-07-21.',
  };
}
