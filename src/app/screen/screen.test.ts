import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../../sources/dataset/index.js';
import { buildIndex, buildSnapshot, indexFromSnapshot } from '../../core/match/build-index.js';
import { indexSourceFromDataset } from './index-source.js';
import { screenWithIndex } from './screen.js';
import type { ScreenResult } from '../types.js';

// The real bundled dataset (data/), as the store would hold it after seeding.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const source = indexSourceFromDataset(await loadDataset(path.join(repoRoot, 'data')));
const index = buildIndex(source);
const TODAY = '2026-11-21';
const screen = (q: string, asOf = TODAY): ScreenResult => screenWithIndex(index, q, { asOf });
const top = (q: string, asOf = TODAY) => screen(q, asOf).hits[0];

function expectTop(q: string, entityId: string, asOf = TODAY): void {
  const r = screen(q, asOf);
  assert.equal(r.hits[0]?.entityId, entityId, `${q} → ${r.hits.map((h) => `${h.entityId} ${h.score}`).join(', ') || 'no hit'}`);
}

test('exact printed name', () => expectTop('Tencent Holdings Limited', 'tencent-holdings'));
test('case and punctuation', () => expectTop('TENCENT HOLDINGS LTD ', 'tencent-holdings'));
test('suffix swap (Co., Ltd. ↔ Corp.)', () => expectTop('Aerospace Precision Products Corp.', top('Aerospace Precision Products Co., Ltd.')?.entityId ?? '?'));
test('abbreviation (TECH, INTL, NATL)', () => {
  expectTop('360 Security TECH Inc.', '360-security-technology');
  expectTop('CHINA NATL OFFSHORE OIL CORP', top('China National Offshore Oil Corporation')?.entityId ?? '?');
});
test('single-character typo', () => expectTop('360 Secerity Technology Inc.', '360-security-technology'));
test('transposition', () => {
  const h = top('SNESETIME GROUP LIMITED');
  assert.equal(h?.entityId, top('SenseTime Group Limited')?.entityId);
  assert.ok(h?.explanation.summary.includes('typo snesetime~sensetime'));
});
test('dropped location prefix', () => expectTop('JOUAV Automation Tech Co., Ltd.', top('Chengdu JOUAV Automation Tech Co., Ltd.')?.entityId ?? '?'));
test('branch suffix', () => {
  const r = screen('360 Security Technology Beijing Branch');
  assert.equal(r.hits[0]?.entityId, '360-security-technology');
  assert.ok(r.hits[0]?.explanation.summary.includes('branch'));
});
test('alias printed by the list (Qihoo 360, S-SEA)', () => {
  assert.ok(screen('Qihoo 360').hits.slice(0, 3).some((h) => h.entityId === '360-security-technology'));
  assert.equal(top('S-SEA')?.entityId, top('Aerospace CH UAV Co., Ltd')?.entityId);
});
test('token order', () => expectTop('Holdings Tencent Limited', 'tencent-holdings'));

test('Chinese simplified', () => expectTop('腾讯控股有限公司', 'tencent-holdings'));
test('Chinese traditional (converted with OpenCC)', () => {
  const h = top('騰訊控股有限公司');
  assert.equal(h?.entityId, 'tencent-holdings');
});
test('Chinese short form', () => {
  const h = top('腾讯');
  assert.equal(h?.entityId, 'tencent-holdings');
  assert.equal(h?.explanation.queryForm.startsWith('han'), true);
});
test('pinyin without spaces or tones', () => expectTop('Tengxun Konggu', 'tencent-holdings'));
test('pinyin with tones and no spaces', () => expectTop('TéngxùnKònggǔ', 'tencent-holdings'));
test('pinyin of a short form (Ningde Shidai = 宁德时代 = CATL)', () => {
  const h = top('Ningde Shidai');
  assert.equal(h?.explanation.queryForm.split(':')[0], 'pinyin');
  assert.equal(h?.entityId, top('Contemporary Amperex Technology Co., Limited')?.entityId);
});

test('hard negative: China Baoli Construction Engineering is not China State Construction Engineering', () => {
  assert.ok(top('China State Construction Engineering Corporation'), 'the listed company itself is found');
  assert.equal(screen('China Baoli Construction Engineering').hits.length, 0);
});
test('real negatives stay silent', () => {
  for (const q of ['Bank of China Limited', 'Intel Corporation', '美的集团股份有限公司', 'Meide Jituan']) assert.equal(screen(q).hits.length, 0, q);
});

test('as of: a designation counts only inside [from, to)', () => {
  const d = top('Tencent Holdings Limited')?.designations.find((x) => x.list === 'us-dod-1260h');
  assert.ok(d, 'Tencent is on the 1260H list');
  const before = top('Tencent Holdings Limited', '2020-01-01');
  assert.equal(before?.active, false);
  assert.ok(before?.designations.every((x) => !x.active));
  const on = top('Tencent Holdings Limited', d.from);
  assert.equal(on?.designations.find((x) => x.list === 'us-dod-1260h')?.active, true);
});
test('as of: a removed entity comes back inactive, with its source', () => {
  const h = top('Advanced Micro-Fabrication Equipment Inc. China');
  assert.ok(h);
  assert.equal(h.active, false);
  assert.ok(h.designations.length > 0 && h.designations.every((d) => d.to !== null && d.source.publicationId.length > 0));
  assert.equal(screenWithIndex(index, 'Advanced Micro-Fabrication Equipment Inc. China', { asOf: TODAY, includeInactive: false }).hits.length, 0);
});
test('explanations say which name matched, how, and what was discounted', () => {
  const h = top('Tencent Holdings Co., Ltd.');
  assert.ok(h);
  assert.equal(h.explanation.matchedName, 'Tencent Holdings Limited');
  assert.ok(h.explanation.features.some((f) => f.feature === 'query_coverage' && f.weight > 0));
  assert.ok(h.explanation.discounted.some((d) => d.startsWith('co ')));
});
test('an unverified Chinese hint may match but is labelled unverified', () => {
  const hint = source.entities.flatMap((e) => e.names.filter((n) => !n.verified && n.kind === 'zh-hans').map((n) => ({ e, n })))[0];
  assert.ok(hint, 'the dataset has unverified Chinese names');
  const h = screen(hint.n.name).hits.find((x) => x.entityId === hint.e.id);
  assert.ok(h, `${hint.n.name} finds ${hint.e.id}`);
  assert.equal(h.explanation.matchedNameVerified, false);
  assert.match(h.explanation.summary, /UNVERIFIED/);
});
test('threshold: a higher threshold returns fewer hits; out-of-range is rejected', () => {
  const lo = screenWithIndex(index, 'China Electronics Technology', { asOf: TODAY, threshold: 0.5 }).hits.length;
  const hi = screenWithIndex(index, 'China Electronics Technology', { asOf: TODAY, threshold: 0.95 }).hits.length;
  assert.ok(lo > hi);
  assert.throws(() => screenWithIndex(index, 'x', { asOf: TODAY, threshold: 2 }), /threshold/);
});
test('a snapshot rebuilds into an index that answers the same', () => {
  const again = indexFromSnapshot(JSON.parse(JSON.stringify(buildSnapshot(source))));
  assert.deepEqual(screenWithIndex(again, '腾讯', { asOf: TODAY }), screen('腾讯'));
});
test('pinyin with a space between every syllable, and with tone numbers', () => {
  expectTop('Teng Xun Kong Gu', 'tencent-holdings');
  expectTop('teng2xun4', 'tencent-holdings');
});
test('an inactive or better-scoring hit never hides an active listed entity (Megvii, CNEC)', () => {
  const megvii = screen('Megvii').hits;
  assert.ok(megvii.some((h) => h.entityId === 'megvii-technology' && h.active), megvii.map((h) => h.entityId).join(', '));
  const cnec = screen('China Nuclear Engineering & Construction Corporation').hits;
  assert.ok(cnec.some((h) => h.entityId === 'china-nuclear-engineering' && h.active), cnec.map((h) => h.entityId).join(', '));
});
test('identifiers in the record find their entity: ISIN, USCC, ticker (normalised)', () => {
  const hik = top('91330000733796106P')?.entityId;
  assert.ok(hik && hik.includes('hikvision'), String(hik));
  for (const q of ['CNE100000PM8', 'cne1 0000 0pm8', '002415', '002415.SZ']) assert.equal(top(q)?.entityId, hik, q);
  const cm = top('HK0941009539');
  assert.equal(cm?.entityId, 'china-mobile');
  assert.equal(cm?.explanation.queryForm.split(':')[0], 'identifier');
  assert.match(cm?.explanation.summary ?? '', /ISIN HK0941009539/);
});
test('a Chinese company name read as pinyin does not match a Latin name on one syllable', () => {
  assert.equal(screen('美的集团股份有限公司').hits.length, 0);
});

test('near-identical listed names are grouped as siblings, each still a hit of its own', async () => {
  const { indexOf } = await import('../../test-support/small-index.js');
  const idx = indexOf([['Deutsche Bank AG'], ['Deutsche Bank Aktiengesellschaft'], ['Deutsche Bank Trust Company'], ['Commerzbank AG']]);
  const r = screenWithIndex(idx, 'Deutsche Bank AG', { asOf: TODAY });
  const byId = new Map(r.hits.map((h) => [h.entityId, h]));
  assert.deepEqual(byId.get('e0')?.siblings, ['e1']);
  assert.deepEqual(byId.get('e1')?.siblings, ['e0']);
  assert.equal(byId.get('e2')?.siblings, undefined, 'other core words: not a sibling');
  const { formatScreen } = await import('../../cli/commands/screen.js');
  const text = formatScreen(r).join('\n');
  assert.match(text, /near-identical listed name: see #\d/);
});
