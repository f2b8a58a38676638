import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { inInterval } from '../../core/dates.js';
import { deriveDesignations } from '../../core/history/designations.js';
import type { Dataset, Designation } from '../../core/model.js';
import { loadDataset } from './load.js';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const dataDir = path.join(repoRoot, 'data');
const ds: Dataset = await loadDataset(dataDir);
const des = deriveDesignations(ds.publications);
const BIS = 'us-bis-entity-list';
const UFLPA = 'us-dhs-uflpa';

const entityNamed = (name: string): string => {
  const e = ds.entities.find((x) => x.names.some((n) => n.name === name && n.kind === 'printed'));
  assert.ok(e, `no entity printed as ${name}`);
  return e.id;
};
const designation = (list: string, entityId: string): Designation => {
  const d = des.filter((x) => x.listId === list && x.entityId === entityId);
  assert.equal(d.length, 1, `${entityId} on ${list}: ${d.length} designations`);
  return d[0]!;
};

test('Entity List: every Supplement No. 4 entry the copies give is bundled, at least every China/Hong Kong one', () => {
  const inForce = des.filter((d) => d.listId === BIS && inInterval('2026-07-09', d.from, d.to));
  // 3,409 eCFR rows print 3,242 distinct names; one entry has no datable citation.
  assert.ok(inForce.length >= 3200, `${inForce.length} in force`);
  const cnhk = new Set(ds.entities.filter((e) => e.addresses?.some((a) => a.country === 'CN' || a.country === 'HK')).map((e) => e.id));
  const listed = new Set(inForce.map((d) => d.entityId));
  const missing = [...cnhk].filter((id) => !listed.has(id));
  assert.deepEqual(missing, []);
  assert.ok(cnhk.size >= 1000, `${cnhk.size} China/HK entities`);
});

test('Entity List: Huawei from 84 FR 22963 (2019-05-21), with addresses, licence requirement and review policy', () => {
  const id = entityNamed('Huawei Technologies Co., Ltd.');
  assert.equal(id, 'huawei-technologies', 'joins the record entity already on 1260H, NS-CMIC, §889, FCC');
  const d = designation(BIS, id);
  assert.equal(d.from, '2019-05-21');
  assert.equal(d.addedBy, `${BIS}/2019-05-21/84-fr-22963`);
  assert.match(d.basis ?? '', /License requirement: For all items subject to the EAR/);
  assert.match(d.basis ?? '', /License review policy: Presumption of denial/i);
  const e = ds.entities.find((x) => x.id === id)!;
  assert.ok(e.addresses?.some((a) => /Bantian Huawei Base/.test(a.text) && a.sourceIds.length > 0));
  // Later citations revise the entry and are publications of the list too.
  const amended = ds.publications.filter((p) => p.listId === BIS && p.entries.some((x) => x.entityId === id && x.action === 'amend'));
  assert.ok(amended.length >= 3, `${amended.length} amending rules`);
  assert.ok(amended.every((p) => p.date > '2019-05-21'));
});

test('Entity List: SMIC from 85 FR 83420 (2020-12-22); the quantum rule of 2021-11-26 is dated 2021, never 2025', () => {
  const smic = designation(BIS, entityNamed('Semiconductor Manufacturing International Corporation (SMIC)'));
  assert.equal(smic.from, '2020-12-22');
  assert.match(smic.addedBy, /85-fr-83420$/);
  const hefei = designation(BIS, entityNamed('Hefei National Laboratory for Physical Sciences at Microscale'));
  assert.equal(hefei.from, '2021-11-26');
  assert.equal(hefei.addedBy, `${BIS}/2021-11-26/86-fr-67319`);
  const pub = ds.publications.find((p) => p.id === hefei.addedBy)!;
  assert.ok(pub.sourceIds.includes('facts-S101'));
  assert.match(pub.note ?? '', /22 January 2025 page date/);
  for (const name of ['QuantumCTek Co., Ltd.', 'Hangzhou Zhongke Microelectronics Co., Ltd.']) {
    const hit = ds.entities.find((x) => x.names.some((n) => n.name.startsWith(name)));
    assert.ok(hit, name);
    assert.equal(designation(BIS, hit.id).from, '2021-11-26', name);
  }
});

test('Entity List: a designation starts on the earliest FR citation that adds it', () => {
  const firstAdd = new Map<string, string>();
  for (const p of ds.publications.filter((x) => x.listId === BIS)) {
    assert.match(p.citation ?? '', /^\d+ FR \d+$/, p.id);
    for (const e of p.entries) if (e.action === 'add' && (firstAdd.get(e.entityId) ?? '9999') > p.date) firstAdd.set(e.entityId, p.date);
  }
  assert.ok(firstAdd.size > 3000);
  for (const [id, date] of firstAdd) assert.equal(designation(BIS, id).from, date, id);
});

test('UFLPA: each entity with its section, effective date and FR notice; the 2026-08-03 rows are UNVERIFIED', () => {
  const pubs = ds.publications.filter((p) => p.listId === UFLPA);
  assert.ok(pubs.length >= 12);
  const first = pubs.find((p) => p.date === '2022-06-21')!;
  assert.equal(first.citation, 'FR Doc 2022-16754');
  assert.notEqual(first.verified, false);
  const late = pubs.find((p) => p.date === '2026-08-03')!;
  assert.equal(late.verified, false);
  assert.match(late.note ?? '', /UNVERIFIED/);
  const xpcc = designation(UFLPA, entityNamed('Xinjiang Production and Construction Corps'));
  assert.equal(xpcc.from, '2022-06-21');
  assert.match(xpcc.basis ?? '', /2\(d\)\(2\)\(B\)\(i\).*2\(d\)\(2\)\(B\)\(ii\)/);
  // A 2026 rename joins the entity listed in 2022, and its new name is not a verified fact.
  const gcl = designation(UFLPA, entityNamed('Xinjiang GCL New Energy Material Technology, Co. Ltd'));
  assert.equal(gcl.from, '2022-06-21');
  const goens = ds.entities.find((x) => x.id === gcl.entityId)!.names.find((n) => n.name === 'Xinjiang Goens Energy Technology Co., Ltd.');
  assert.ok(goens);
  assert.equal(goens.verified, false);
  const inForce2025 = des.filter((d) => d.listId === UFLPA && inInterval('2025-02-01', d.from, d.to));
  assert.ok(inForce2025.length >= 140 && inForce2025.length <= 150, `${inForce2025.length} entities in Feb 2025`);
});

test('generated files stay well under 4 MB each', () => {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? walk(path.join(dir, f)) : [path.join(dir, f)]));
  for (const f of walk(dataDir)) assert.ok(statSync(f).size < 2_500_000, `${f}: ${statSync(f).size} bytes`);
});
