/**
 * Fidelity defects found in review (#9 item 6), one test per finding, on the bundled record and
 * on the pure functions that fix them.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { loadDataset } from '../../sources/dataset/load.js';
import { indexSourceFromDataset } from '../../app/screen/index-source.js';
import { screenWithIndex } from '../../app/screen/screen.js';
import { loadRules } from '../../app/dossier/rules.js';
import { buildIndex } from '../match/build-index.js';
import type { Dataset, Publication } from '../model.js';
import { listingStatus, obligationsFor, restrictionsStart } from '../rules/evaluate.js';
import { datedCitation, sourceLabel } from './citation.js';
import { deriveDesignations } from './designations.js';
import { diffPublications } from './diff.js';
import { designationUnverifiedFrom, verifiedOn } from './verified.js';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const ds: Dataset = await loadDataset(path.join(repoRoot, 'data'));
const index = buildIndex(indexSourceFromDataset(ds));
const rules = loadRules().rules;
const pubs1260 = ds.publications.filter((p) => p.listId === 'us-dod-1260h');
const entities = new Map(ds.entities.map((e) => [e.id, e]));
const idOf = (name: string): string => {
  const e = ds.entities.find((x) => x.names.some((n) => n.name === name && n.verified));
  assert.ok(e, name);
  return e.id;
};
const hitFor = (query: string, entityId: string, asOf: string) => {
  const h = screenWithIndex(index, query, { asOf }).hits.find((x) => x.entityId === entityId);
  assert.ok(h, `${query}: no hit on ${entityId}`);
  return h;
};

test('designationUnverifiedFrom: an unverified notice opens or ends it; an unverified event marks it from its date; a "partly" unverified edition alone does not', () => {
  const pubs = new Map<string, Pick<Publication, 'kind' | 'verified'>>([
    ['t1', { kind: 'addition', verified: false }], ['ed', { kind: 'edition', verified: false }], ['rm', { kind: 'removal', verified: false }], ['ok', { kind: 'edition' }],
  ]);
  const d = { entityId: 'e', listId: 'l', from: '2024-01-01', to: null, addedBy: 'ok', endedBy: null };
  assert.equal(designationUnverifiedFrom({ ...d, addedBy: 't1' }, pubs, []), '2024-01-01');
  assert.equal(designationUnverifiedFrom({ ...d, addedBy: 'ed' }, pubs, []), undefined);
  assert.equal(designationUnverifiedFrom({ ...d, to: '2024-12-13', endedBy: 'rm' }, pubs, []), '2024-12-13');
  const ev = { kind: 'designation' as const, date: '2026-06-08', entityIds: ['e'], listIds: ['l'], verified: false };
  assert.equal(designationUnverifiedFrom(d, pubs, [ev]), '2026-06-08');
  assert.equal(designationUnverifiedFrom(d, pubs, [{ ...ev, verified: true }]), undefined);
  assert.equal(designationUnverifiedFrom(d, pubs, [{ ...ev, listIds: ['other'] }]), undefined);
  assert.equal(verifiedOn('2026-06-08', '2026-06-07'), true);
  assert.equal(verifiedOn('2026-06-08', '2026-06-08'), false);
});

test('screen keeps the UNVERIFIED marks: 1237 tranches, Xiaomi\'s end date, the AMEC/IDG end date, YMTC/CXMT after June 2026', () => {
  const x = hitFor('Xiaomi Corporation', idOf('Xiaomi Corporation'), '2026-12-01');
  assert.ok(x.designations.every((d) => d.verified === false), '1237 tranche and vacatur date');
  const amec = idOf('Advanced Micro-Fabrication Equipment Inc. China');
  const a1260 = (asOf: string) => hitFor('Advanced Micro-Fabrication Equipment Inc. China', amec, asOf).designations.find((d) => d.list === 'us-dod-1260h')!;
  assert.equal(a1260('2024-06-01').verified, true, 'the listing itself is verified');
  assert.equal(a1260('2025-06-01').verified, false, 'its end date is not');
  const idg = idOf('IDG Capital Partners Co., Ltd.');
  assert.equal(hitFor('IDG Capital Partners', idg, '2025-06-01').designations.find((d) => d.list === 'us-dod-1260h')?.verified, false);
  for (const name of ['Yangtze Memory Technologies Co., Ltd.', 'ChangXin Memory Technologies, Inc.']) {
    const id = idOf(name);
    const on = (asOf: string) => hitFor(name, id, asOf).designations.find((d) => d.list === 'us-dod-1260h')!.verified;
    assert.equal(on('2026-06-07'), true, `${name} before June 2026`);
    assert.equal(on('2026-06-08'), false, `${name} after June 2026`);
  }
  const tencent = hitFor('Tencent Holdings Limited', idOf('Tencent Holdings Limited'), '2026-12-01');
  assert.ok(tencent.designations.every((d) => d.verified), 'a verified listing stays unmarked');
});

test('parent/subsidiary links cite only editions that list the subsidiary under that parent', async () => {
  const rows = parse(await readFile(path.resolve(repoRoot, '../shared/data/dod_1260h/derived/dod_1260h_edition_membership.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const editions = new Map(pubs1260.filter((p) => p.kind === 'edition').map((p) => [`dod-1260h-${p.date}`, p]));
  let checked = 0;
  for (const r of ds.relations) {
    for (const s of r.sourceIds) {
      const ed = editions.get(s);
      if (!ed) continue;
      const entry = ed.entries.find((e) => e.entityId === r.entityId);
      assert.ok(entry, `${r.entityId} → ${r.parentId} cites ${s}, which does not list it`);
      // The generator's printed name: footnote asterisks, a stray ")." and "(X]" cleaned.
      const printed = (x: Record<string, string>): string => (x.name_as_printed ?? '').replace(/\*+\s*$/, '').replace(/\)\.$/, ')').replace(/\(([^()\]]*)\]$/, '($1)').trim();
      const row = rows.find((x) => x.edition_date === ed.date && printed(x) === entry.printedName);
      assert.ok(row?.parent_name, `${r.entityId} → ${r.parentId} cites ${s}, which prints no parent for it`);
      checked++;
    }
  }
  assert.ok(checked > 100);
  const hik = ds.relations.find((r) => r.entityId === idOf('Hangzhou Hikvision Digital Technology Co., Ltd.'))!;
  assert.ok(!hik.sourceIds.includes('dod-1260h-2026-06-08'), 'the 2026 edition prints no parent for Hikvision');
  const cosco = ds.relations.find((r) => r.entityId === idOf('COSCO SHIPPING Finance Co., Ltd.'))!;
  assert.deepEqual(cosco.sourceIds, ['dod-1260h-2025-01-07']);
});

test('Hesai\'s 2024 listing carries no 2025 basis note; the 2025 edition does', () => {
  const hesai = idOf('Hesai Group');
  const entry = (id: string) => pubs1260.find((p) => p.id === id)!.entries.find((e) => e.entityId === hesai);
  assert.equal(entry('us-dod-1260h/2024-01-31')?.basis, undefined);
  assert.match(entry('us-dod-1260h/2025-01-07')?.basis ?? '', /89 FR 86230/);
  const first = deriveDesignations(ds.publications).find((d) => d.entityId === hesai && d.from === '2024-01-31')!;
  assert.equal(first.basis, undefined);
});

test('2024→2025: CNOOC Limited and SMIC NICM are renames, not plain removals; a rename the evidence does not settle is marked UNVERIFIED', () => {
  const d = diffPublications({ publications: pubs1260, fromId: 'us-dod-1260h/2024-01-31', toId: 'us-dod-1260h/2025-01-07', entities });
  for (const re of [/^CNOOC Limited/, /^SMIC Northern Integrated Circuit/]) {
    assert.ok(!d.removed.some((r) => re.test(r.name)), `${re} removed`);
    assert.ok(d.renamed.some((x) => re.test(x.from)), `${re} not renamed`);
  }
  // CNOOC Limited → CNOOC China Limited rests on the names alone: a likely rename, UNVERIFIED.
  const cnooc = d.renamed.find((x) => /^CNOOC Limited/.test(x.from))!;
  assert.equal(cnooc.verified, false);
  assert.match(cnooc.evidence, /UNVERIFIED/);
  // SMIC NICM = SMNC: one record when a primary source (the Entity List's alias) says so; else a linked, UNVERIFIED rename.
  const smic = d.renamed.find((x) => /^SMIC Northern Integrated Circuit/.test(x.from))!;
  const one = smic.previousEntityId === undefined;
  assert.equal(smic.verified, one, smic.evidence);
  assert.ok(d.removed.some((r) => /Beijing Megvii/.test(r.name)), 'a real removal stays a removal');
  assert.equal(d.fromCount - d.removed.length + d.added.length, d.toCount);
});

test('a diff across 2026-02-13 reports the withdrawn document, even when both dates resolve to the 2025 edition', () => {
  const d = diffPublications({ publications: pubs1260, fromId: 'us-dod-1260h/2025-01-07', toId: 'us-dod-1260h/2025-01-07', entities, window: { from: '2026-01-01', to: '2026-03-01' } });
  assert.deepEqual(d.withdrawn.map((w) => w.date), ['2026-02-13']);
  const none = diffPublications({ publications: pubs1260, fromId: 'us-dod-1260h/2025-01-07', toId: 'us-dod-1260h/2025-01-07', entities, window: { from: '2025-02-01', to: '2026-02-12' } });
  assert.deepEqual(none.withdrawn, []);
});

test('citations print their date once', () => {
  assert.equal(datedCitation({ title: 't', citation: 'FR Doc 2025-00070, 90 FR 1105 (2025-01-07)', date: '2025-01-07' }), 'FR Doc 2025-00070, 90 FR 1105 (2025-01-07)');
  assert.equal(datedCitation({ title: 'Tranche 1', date: '2020-06-24' }), 'Tranche 1 (2020-06-24)');
  assert.match(datedCitation({ title: 't', citation: 'FR Doc 2021-13753, 86 FR 33994 (2021-06-28)', date: '2021-06-03' }), /\(2021-06-28\); effective 2021-06-03$/);
  for (const p of ds.publications) {
    const c = datedCitation(p);
    assert.ok(c.split(p.date).length <= 2, `${p.id}: ${c}`);
  }
  assert.equal(sourceLabel({ title: 'Sullivan & Cromwell, "China Sanctions Update", 15 Jun 2021', publisher: 'S&C', date: '2021-06-15' }), 'S&C');
  assert.equal(sourceLabel({ title: 'OFAC list', publisher: 'OFAC', date: '2025-12-19' }), 'OFAC, 2025-12-19');
});

test('internal editing notes stay out of user-facing text (notes, titles, details, evidence, diff notes)', () => {
  const internal = /correction to the opensanctions|folded into|\(correction\)|the record keeps two/i;
  const texts: [string, string | undefined][] = [
    ...ds.publications.flatMap((p) => [[p.id, p.note], [p.id, p.title], ...p.entries.map((e) => [p.id, e.basis] as [string, string | undefined])] as [string, string | undefined][]),
    ...ds.events.flatMap((e) => [[e.id, e.title], [e.id, e.detail]] as [string, string | undefined][]),
    ...ds.relations.map((r) => [`${r.entityId}>${r.parentId}`, r.evidence] as [string, string | undefined]),
  ];
  for (const [where, t] of texts) assert.ok(!internal.test(t ?? ''), `${where}: ${t}`);
  const d = diffPublications({ publications: pubs1260, fromId: 'us-dod-1260h/2025-01-07', toId: 'us-dod-1260h/2026-06-08', entities });
  for (const t of [...d.removed.map((r) => r.note), ...d.changed.map((c) => c.what), ...d.renamed.map((r) => r.evidence)]) assert.ok(!internal.test(t ?? ''), t);
  assert.ok(d.removed.some((r) => /Xi'an Aircraft/.test(r.name) && /no longer listed on its own/.test(r.note ?? '')));
});

test('a statute whose ban starts later is "named; ban from 2027-10-01", not an active ban, until that day', () => {
  assert.equal(restrictionsStart(rules, 'us-ndaa-154', '2023-12-22'), '2027-10-01');
  assert.deepEqual(listingStatus(rules, 'us-ndaa-154', '2023-12-22', '2026-12-01'), { status: 'named', restrictionsFrom: '2027-10-01', label: 'named; ban from 2027-10-01' });
  assert.deepEqual(listingStatus(rules, 'us-ndaa-154', '2023-12-22', '2027-10-01'), { status: 'in-force' });
  assert.deepEqual(listingStatus(rules, 'us-dod-1260h', '2025-01-07', '2025-01-07'), { status: 'in-force' }, 'a list with a rule from the listing day is in force at once');
  const catl = idOf('Contemporary Amperex Technology Co., Ltd.');
  const on = (asOf: string) => hitFor('Contemporary Amperex Technology', catl, asOf).designations.find((d) => d.list === 'us-ndaa-154')!;
  assert.deepEqual(on('2026-12-01').named, { restrictionsFrom: '2027-10-01', label: 'named; ban from 2027-10-01' });
  assert.equal(on('2026-12-01').active, true, 'the name is on the list');
  assert.equal(on('2027-10-01').named, undefined);
  const o = obligationsFor({ rules, role: 'dod-contractor', asOf: '2026-12-01', entityId: catl, designations: deriveDesignations(ds.publications).filter((d) => d.entityId === catl && d.listId === 'us-ndaa-154') });
  assert.equal(o.find((x) => x.ruleId === 'ndaa-154-batteries')?.status, 'coming');
});
