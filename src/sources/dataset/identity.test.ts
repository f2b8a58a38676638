/**
 * One company, one record (#8 item 6): the generator's identity step, tested on its rules with
 * a small registry, and on the bundled record with the named cases (the step is generic; these
 * pairs are its tests, not its input).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { resolveIdentities, tickerKey } from '../../../scripts/dataset/identity.js';
import { Registry } from '../../../scripts/dataset/registry.js';
import { buildIndex } from '../../core/match/build-index.js';
import { deriveDesignations } from '../../core/history/designations.js';
import type { Dataset, Publication, Relation } from '../../core/model.js';
import { indexSourceFromDataset } from '../../app/screen/index-source.js';
import { screenWithIndex } from '../../app/screen/screen.js';
import { loadDataset } from './load.js';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const ds: Dataset = await loadDataset(path.join(repoRoot, 'data'));
const des = deriveDesignations(ds.publications);
const withName = (name: string): Dataset['entities'] => ds.entities.filter((e) => e.names.some((n) => n.name === name && n.verified));
const listsOf = (id: string): string[] => [...new Set(des.filter((d) => d.entityId === id).map((d) => d.listId))].sort();

// --- the rules, on a registry built here -------------------------------------------------

function registry(): Registry {
  return new Registry([], {});
}
const pub = (id: string, entries: [string, string][]): Publication => ({ id, listId: id.split('/')[0]!, date: '2024-01-01', kind: 'edition', title: id, sourceIds: ['s'], entries: entries.map(([entityId, printedName]) => ({ entityId, printedName })) });

test('tickers compare by code and market: 300188 CN = 300188 (SZ); 0728 HK = 00728 (HK); different markets differ', () => {
  assert.equal(tickerKey('300188 CN'), tickerKey('300188 (SZ)'));
  assert.equal(tickerKey('0728 HK'), tickerKey('00728 (HK)'));
  assert.notEqual(tickerKey('0728 HK'), tickerKey('728 US'));
});

test('a shared USCC merges two records, even when one publication printed both (both entries kept, noted)', () => {
  const reg = registry();
  const a = reg.resolve('Alpha Group Corporation');
  const b = reg.resolve('Alpha Holdings Co., Ltd.');
  reg.addName(a, 'Alpha Group Corporation', 'printed', ['s']);
  reg.addName(b, 'Alpha Holdings Co., Ltd.', 'printed', ['s']);
  reg.addIdentifier(a, 'uscc', '91110000100017707H', ['s1']);
  reg.addIdentifier(b, 'uscc', '91110000100017707H', ['s2']);
  const pubs = [pub('l/1', [[a, 'Alpha Group Corporation'], [b, 'Alpha Holdings Co., Ltd.']]), pub('l/2', [[b, 'Alpha Holdings Co., Ltd.']])];
  const relations: Relation[] = [{ entityId: b, parentId: a, kind: 'subsidiary-of', sourceIds: ['s'] }];
  const r = resolveIdentities({ reg, publications: pubs, relations });
  assert.equal(reg.entities.size, 1);
  assert.equal(r.mergesByEvidence.uscc, 1);
  const kept = [...reg.entities.keys()][0]!;
  assert.deepEqual(pubs[0]!.entries.map((e) => e.entityId), [kept, kept]);
  assert.match(pubs[0]!.note ?? '', /prints one company twice/);
  assert.equal(relations.length, 0, 'a link between the two halves of one company is dropped');
  assert.deepEqual(deriveDesignations(pubs).length, 1, 'one designation for the company printed twice');
  assert.deepEqual(r.decisions[0]?.evidence[0]?.sourceIds.sort(), ['s1', 's2']);
});

test('different USCCs veto a merge that a printed alias suggests', () => {
  const reg = registry();
  const a = reg.resolve('Beta Technologies Co., Ltd.');
  const b = reg.resolve('Beta Investment Holding Co., Ltd.');
  reg.addName(a, 'Beta Technologies Co., Ltd.', 'printed', ['s']);
  reg.addName(b, 'Beta Investment Holding Co., Ltd.', 'printed', ['s']);
  reg.addName(b, 'Beta Technologies Co., Ltd.', 'alias', ['ofac']);
  reg.addIdentifier(a, 'uscc', '914403001922038216', ['s']);
  reg.addIdentifier(b, 'uscc', '91440300746645251H', ['s']);
  const r = resolveIdentities({ reg, publications: [], relations: [] });
  assert.equal(reg.entities.size, 2);
  assert.equal(r.decisions[0]?.decision, 'kept-apart');
  assert.match(r.decisions[0]?.why ?? '', /different USCCs/);
});

test('a shared ticker merges a renamed company although its Chinese names differ; without a code they veto', () => {
  const reg = registry();
  const a = reg.resolve('Gamma Pico Information Co., Ltd.');
  const b = reg.resolve('Delta Intelligence Information Co., Ltd.');
  reg.addName(a, '伽马信息股份有限公司', 'zh-hans', ['s'], true);
  reg.addName(b, '德尔塔智能信息股份有限公司', 'zh-hans', ['s'], true);
  reg.addIdentifier(a, 'ticker', '300188 CN', ['ofac']);
  reg.addIdentifier(b, 'ticker', '300188 (SZ)', ['zh']);
  const r = resolveIdentities({ reg, publications: [], relations: [] });
  assert.equal(reg.entities.size, 1);
  assert.equal(r.mergesByEvidence.ticker, 1);
  const reg2 = registry();
  const c = reg2.resolve('Epsilon Group Corporation');
  const d = reg2.resolve('Epsilon Holdings Company Limited');
  reg2.addName(c, 'Epsilon Group Corporation', 'printed', ['s']);
  reg2.addName(d, 'Epsilon Holdings Company Limited', 'printed', ['s']);
  reg2.addName(d, 'Epsilon Group Corporation', 'alias', ['ofac']);
  reg2.addName(c, '艾普西龙集团有限公司', 'zh-hans', ['s'], true);
  reg2.addName(d, '艾普西龙股份有限公司', 'zh-hans', ['s'], true);
  assert.equal(resolveIdentities({ reg: reg2, publications: [], relations: [] }).decisions[0]?.decision, 'kept-apart');
  assert.equal(reg2.entities.size, 2);
});

test('an identical Chinese name that is only an unverified hint links, never merges; a co-printed former name without a code stays apart', () => {
  const reg = registry();
  const a = reg.resolve('Zeta Northern Manufacturing Co., Ltd');
  const b = reg.resolve('Zeta Manufacturing North Corporation');
  reg.addName(a, 'Zeta Northern Manufacturing Co., Ltd', 'printed', ['dod']);
  reg.addName(b, 'Zeta Manufacturing North Corporation', 'printed', ['dod']);
  reg.addName(a, '泽塔北方制造有限公司', 'zh-hans', ['csv'], false);
  reg.addName(b, '泽塔北方制造有限公司', 'zh-hans', ['csv'], false);
  const r = resolveIdentities({ reg, publications: [], relations: [] });
  assert.equal(reg.entities.size, 2);
  assert.equal(r.linksByEvidence['zh-name'], 1);
  const cross = reg.get(b).names.find((n) => n.name === 'Zeta Northern Manufacturing Co., Ltd');
  assert.equal(cross?.verified, false, 'the other record\'s name is carried as an unverified name');
  const reg2 = registry();
  const c = reg2.resolve('Eta Aircraft Group Co., Ltd.');
  const d = reg2.resolve('AVIC Eta Aircraft Group Company Ltd.');
  reg2.addName(c, 'Eta Aircraft Group Co., Ltd.', 'printed', ['dod']);
  reg2.addName(d, 'AVIC Eta Aircraft Group Company Ltd.', 'printed', ['dod']);
  reg2.addName(d, 'Eta Aircraft Group Co., Ltd.', 'previous', ['dod']);
  const r2 = resolveIdentities({ reg: reg2, publications: [pub('l/1', [[c, 'Eta Aircraft Group Co., Ltd.'], [d, 'AVIC Eta Aircraft Group Company Ltd.']])], relations: [] });
  assert.equal(r2.decisions[0]?.decision, 'kept-apart');
  assert.match(r2.decisions[0]?.why ?? '', /two entries/);
});

test('a chinese-names key keeps a group apart from its listed company with the same words (CSIC)', () => {
  const reg = new Registry([
    { english_name: 'China Zeta Industry Corporation', entity_key: 'zeta_grp' },
    { english_name: 'CHINA ZETA INDUSTRY COMPANY LIMITED', entity_key: 'zeta_ltd' },
  ], {});
  const ltd = reg.resolve('CHINA ZETA INDUSTRY COMPANY LIMITED');
  const grp = reg.resolve('China Zeta Industry Corporation');
  assert.notEqual(ltd, grp);
  assert.equal(reg.find('China Zeta Industry Co., Ltd.'), ltd);
});

// --- the named cases, on the bundled record -------------------------------------------------

test('China Telecommunications Corporation and China Telecom Group (USCC 91110000100017707H) are one record with all its listings', () => {
  const [ct, ...rest] = withName('China Telecom Group Co., Ltd.');
  assert.ok(ct && rest.length === 0);
  assert.ok(ct.names.some((n) => n.name === 'China Telecommunications Corporation' && n.kind === 'printed'));
  assert.ok(ct.identifiers.some((i) => i.scheme === 'uscc' && i.value === '91110000100017707H'));
  assert.deepEqual(listsOf(ct.id), ['us-dod-1237', 'us-dod-1260h', 'us-treasury-ns-cmic']);
  const ed2024 = ds.publications.find((p) => p.id === 'us-dod-1260h/2024-01-31')!;
  assert.equal(ed2024.entries.filter((e) => e.entityId === ct.id).length, 2, 'the 2024 edition printed it twice; both entries kept');
  assert.match(ed2024.note ?? '', /prints one company twice/);
  assert.ok(!withName('China Telecom Corporation Limited').some((e) => e.id === ct.id), 'the listed China Telecom Corporation Limited (another USCC) stays apart');
});

test('Xiamen Meiya Pico and SDIC Intelligence (Xiamen) (ticker 300188) are one record on NS-CMIC, 1260H and the Entity List', () => {
  const [e] = withName('SDIC Intelligence (Xiamen) Information Co., Ltd.');
  assert.ok(e);
  assert.ok(e.names.some((n) => n.name === 'Xiamen Meiya Pico Information Co., Ltd.'));
  assert.deepEqual(listsOf(e.id), ['us-bis-entity-list', 'us-dod-1260h', 'us-treasury-ns-cmic']);
});

test('SMIC NICM and Semiconductor Manufacturing North China (Beijing): one record, because the Entity List prints the one as an alias of the other', () => {
  const [nicm] = withName('SMIC Northern Integrated Circuit Manufacturing (Beijing) Co., Ltd');
  const [smnc] = withName('Semiconductor Manufacturing North China (Beijing) Corporation');
  assert.ok(nicm && smnc && nicm.id === smnc.id);
  const alias = nicm.names.find((n) => n.name === 'Semiconductor Manufacturing North China (Beijing) Corporation' && n.kind === 'alias');
  assert.ok(alias?.sourceIds.includes('bis-ecfr-744-supp4-2026-07-09'), 'the alias cites Supplement No. 4');
});

test('Megvii and Yitu: Cayman parent (NS-CMIC) and operating company (1260H) are two records joined by a sourced relation', () => {
  for (const [sub, parent] of [['Beijing Megvii Technology Co., Ltd.', 'Megvii Technology Limited'], ['Shanghai Yitu Network Technology Co., Ltd.', 'Yitu Limited']] as const) {
    const [s] = withName(sub);
    const [p] = withName(parent);
    assert.ok(s && p && s.id !== p.id);
    const rel = ds.relations.find((r) => r.entityId === s.id && r.parentId === p.id);
    assert.ok(rel, `${sub} → ${parent}`);
    assert.ok(rel.sourceIds.length > 0);
    assert.match(rel.evidence ?? '', /UNVERIFIED/);
    assert.deepEqual(listsOf(s.id), ['us-dod-1260h']);
    assert.deepEqual(listsOf(p.id), ['us-treasury-ns-cmic']);
  }
});

test('CSIC: the 1237-era group is not the NS-CMIC listed company, and a screen of "CSIC" shows no NS-CMIC listing', () => {
  const grp = ds.entities.find((e) => e.names.some((n) => n.name === 'China Shipbuilding Industry Corporation'))!;
  const ltd = ds.entities.find((e) => e.names.some((n) => n.name === 'CHINA SHIPBUILDING INDUSTRY COMPANY LIMITED'))!;
  assert.notEqual(grp.id, ltd.id);
  assert.deepEqual(listsOf(grp.id), ['us-dod-1237']);
  assert.deepEqual(listsOf(ltd.id), ['us-treasury-ns-cmic']);
  assert.ok(!ltd.names.some((n) => n.name === '中国船舶重工集团有限公司'), 'the group\'s Chinese name is not on the listed company');
  const index = buildIndex(indexSourceFromDataset(ds));
  const hit = screenWithIndex(index, 'CSIC', { asOf: '2026-12-01' }).hits.find((h) => h.entityId === grp.id);
  assert.ok(hit);
  assert.ok(!hit.designations.some((d) => d.list === 'us-treasury-ns-cmic'));
  assert.equal(hit.active, false);
});

test('a screen of any name of a merged company shows all its listings', () => {
  const index = buildIndex(indexSourceFromDataset(ds));
  for (const q of ['China Telecom Group Co., Ltd.', 'China Telecommunications Corporation', 'Xiamen Meiya Pico Information Co., Ltd.', 'SDIC Intelligence (Xiamen) Information Co., Ltd.']) {
    const top = screenWithIndex(index, q, { asOf: '2026-12-01' }).hits[0];
    assert.ok(top, q);
    const lists = new Set(top.designations.map((d) => d.list));
    assert.ok(lists.has('us-dod-1260h') && lists.has('us-treasury-ns-cmic'), `${q}: ${[...lists].join(', ')}`);
  }
});

test('data/identities.json records each decision with its evidence and sources, and the counts per kind of evidence', async () => {
  const file = JSON.parse(await readFile(path.join(repoRoot, 'data/identities.json'), 'utf8')) as { mergesByEvidence: Record<string, number>; decisions: { decision: string; evidence: { sourceIds: string[] }[] }[] };
  const sources = new Set(ds.sources.map((s) => s.id));
  const merged = file.decisions.filter((d) => d.decision === 'merged').length;
  assert.equal(Object.values(file.mergesByEvidence).reduce((a, b) => a + b, 0), merged);
  assert.ok(merged >= 2);
  for (const d of file.decisions) for (const e of d.evidence) {
    assert.ok(e.sourceIds.length > 0);
    for (const s of e.sourceIds) assert.ok(sources.has(s), `unknown source ${s}`);
  }
});
