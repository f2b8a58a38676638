import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { validateDataset } from '../../core/dataset/validate.js';
import { inInterval } from '../../core/dates.js';
import { isListwatchError } from '../../core/errors.js';
import { deriveDesignations } from '../../core/history/designations.js';
import type { Dataset, Designation } from '../../core/model.js';
import { hashDataset } from './hash.js';
import { loadDataset } from './load.js';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const dataDir = path.join(repoRoot, 'data');
const membershipCsv = path.resolve(repoRoot, '../shared/data/dod_1260h/derived/dod_1260h_edition_membership.csv');

const ds: Dataset = await loadDataset(dataDir);
const des = deriveDesignations(ds.publications);
const inForce = (list: string, day: string): Designation[] => des.filter((d) => d.listId === list && inInterval(day, d.from, d.to));
const idOf = (name: string): string => {
  const e = ds.entities.find((x) => x.names.some((n) => n.name === name));
  assert.ok(e, `no entity named ${name}`);
  return e.id;
};

test('the bundled dataset validates without problems', () => {
  assert.deepEqual(validateDataset(ds), []);
});

test('1260H: each edition has its official count in force on its date, and equals the derived membership file', async () => {
  const rows = parse(await readFile(membershipCsv, 'utf8'), { columns: true }) as { edition_date: string }[];
  const official: Record<string, number> = { '2021-06-03': 47, '2022-10-05': 60, '2024-01-31': 73, '2025-01-07': 134, '2026-06-08': 188 };
  const editions = ds.publications.filter((p) => p.listId === 'us-dod-1260h' && p.kind === 'edition');
  assert.equal(editions.length, 5);
  for (const ed of editions) {
    // Printed entries = the official count; in force = distinct companies (the 2024 edition prints
    // China Telecom twice, as "China Telecommunications Corporation" and "China Telecom Group").
    assert.equal(ed.entries.length, official[ed.date], ed.date);
    assert.equal(inForce('us-dod-1260h', ed.date).length, new Set(ed.entries.map((e) => e.entityId)).size, ed.date);
    assert.equal(ed.entries.length, rows.filter((r) => r.edition_date === ed.date).length, `${ed.date} vs derived membership`);
    assert.equal(ed.entityCount, ed.entries.length);
  }
});

test('1260H: AMEC and IDG removed before the 2025 edition; Hesai re-designated and in the 2025 edition', () => {
  const amec = idOf('Advanced Micro-Fabrication Equipment Inc. China');
  const idg = idOf('IDG Capital Partners Co., Ltd.');
  const hesai = idOf('Hesai Group');
  const on = (day: string): Set<string> => new Set(inForce('us-dod-1260h', day).map((d) => d.entityId));
  for (const id of [amec, idg]) {
    assert.ok(on('2024-06-01').has(id), `${id} on 2024-06-01`);
    assert.ok(!on('2025-01-07').has(id), `${id} not on 2025-01-07`);
  }
  assert.ok(on('2025-01-07').has(hesai));
  const h = des.filter((d) => d.listId === 'us-dod-1260h' && d.entityId === hesai);
  assert.equal(h.length, 2);
  assert.deepEqual(h.map((d) => [d.from, d.to]), [['2024-01-31', '2024-10-23'], ['2024-10-23', null]]);
  assert.ok(idOf('Hesai Technology Co., Ltd.') === hesai, 'rename keeps one entity');
});

test('1260H: the withdrawn February 2026 document changes nothing', () => {
  const without = deriveDesignations(ds.publications.filter((p) => p.kind !== 'withdrawn'));
  assert.deepEqual(des, without);
  const w = ds.publications.find((p) => p.kind === 'withdrawn');
  assert.ok(w && w.entries.length > 0 && w.date === '2026-02-13');
  assert.equal(inForce('us-dod-1260h', '2026-02-14').length, 134);
});

test('1237: 20/31/35/44 after each tranche, 0 after 2021-06-03; Xiaomi ends on its vacatur', () => {
  const counts = [['2020-06-24', 20], ['2020-08-28', 31], ['2020-12-03', 35], ['2021-01-14', 44], ['2021-06-03', 0]] as const;
  for (const [day, n] of counts) assert.equal(inForce('us-dod-1237', day).length, n, day);
  const x = des.find((d) => d.listId === 'us-dod-1237' && d.entityId === idOf('Xiaomi Corporation'));
  assert.equal(x?.to, '2021-05-25');
});

test('NS-CMIC: 68 entities in force', () => {
  assert.equal(inForce('us-treasury-ns-cmic', '2022-01-01').length, 68);
  assert.equal(inForce('us-treasury-ns-cmic', '2021-06-03').length, 59);
});

test('every designation starts and ends on the dates of its publications', () => {
  const byId = new Map(ds.publications.map((p) => [p.id, p]));
  for (const d of des) {
    assert.equal(byId.get(d.addedBy)?.date, d.from);
    if (d.endedBy !== null) assert.equal(byId.get(d.endedBy)?.date, d.to);
    else assert.equal(d.to, null);
  }
});

test('one entity across lists: Hikvision is on 1260H, 1237, NS-CMIC, §889 and the FCC list', () => {
  const hik = idOf('Hangzhou Hikvision Digital Technology Co., Ltd.');
  const lists = new Set(des.filter((d) => d.entityId === hik).map((d) => d.listId));
  for (const l of ['us-dod-1260h', 'us-dod-1237', 'us-treasury-ns-cmic', 'us-ndaa-889', 'us-fcc-covered']) assert.ok(lists.has(l), l);
});

test('a corrupted copy is refused with a message naming the file; the hash changes', async () => {
  const tmp = await mkdtemp(path.join(tmpdir(), 'listwatch-ds-'));
  try {
    await cp(dataDir, tmp, { recursive: true });
    assert.equal(await hashDataset(tmp), await hashDataset(dataDir));
    const f = path.join(tmp, 'publications', 'us-dod-1260h.json');
    const pubs = JSON.parse(await readFile(f, 'utf8')) as { entries: { entityId: string }[] }[];
    const first = pubs[0]?.entries[0];
    assert.ok(first);
    first.entityId = 'no-such-entity';
    await writeFile(f, JSON.stringify(pubs));
    await assert.rejects(loadDataset(tmp), (e: unknown) => isListwatchError(e, 'BAD_FILE') && e.message.includes('publications/us-dod-1260h.json') && e.where?.file === 'publications/us-dod-1260h.json');
    assert.notEqual(await hashDataset(tmp), await hashDataset(dataDir));
    await writeFile(path.join(tmp, 'entities.json'), '[{"id": ');
    await assert.rejects(loadDataset(tmp), (e: unknown) => isListwatchError(e, 'BAD_FILE') && e.message.startsWith('entities.json'));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});
