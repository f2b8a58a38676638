import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FULL_COVERAGE_FEATURES, HAN_WEIGHTS, LATIN_WEIGHTS, PINYIN_WEIGHTS, combine, hanFeature, latinFeatures, pinyinFeature } from './score.js';
import type { WeightedTokens } from './latin-features.js';

const w = (tokens: string[], kinds: WeightedTokens['kinds'], weights: number[]): WeightedTokens => ({ tokens, kinds, alts: tokens.map(() => null), weights });

test('the positive weights of each algorithm sum to 1, so a perfect match scores 1', () => {
  for (const ws of [LATIN_WEIGHTS, HAN_WEIGHTS, PINYIN_WEIGHTS]) {
    // distinctive_name and omitted_given_names are bonuses for a query that leaves part of the
    // name unexplained (FULL_COVERAGE_FEATURES), so they never add to a perfect match (and the
    // score is clamped to 1).
    const pos = Object.entries(ws).filter(([k, x]) => x > 0 && !FULL_COVERAGE_FEATURES.includes(k)).reduce((a, [, b]) => a + b, 0);
    assert.ok(pos <= 1 && pos >= 0.97, String(pos));
  }
});
test('latin features: an unmatched rare query word costs both coverages (China Baoli vs China State)', () => {
  const q = w(['china', 'baoli', 'construction', 'engineering'], ['core', 'core', 'core', 'core'], [1, 9, 4, 3]);
  const n = w(['china', 'state', 'construction', 'engineering', 'corporation'], ['core', 'core', 'core', 'core', 'legal'], [1, 3, 4, 3, 0.05]);
  const { features } = latinFeatures(q, n);
  const f = Object.fromEntries(features.map((x) => [x.feature, x.value]));
  assert.ok((f.query_coverage ?? 1) < 0.5);
  assert.equal(f.unmatched_query_words, 1);
  assert.ok(combine(LATIN_WEIGHTS, features) < 0.7);
});
test('latin features: a typo is credited, not ignored', () => {
  const q = w(['secerity'], ['core'], [5]);
  const n = w(['security'], ['core'], [5]);
  const { features, alignment } = latinFeatures(q, n);
  assert.deepEqual(alignment.notes, ['typo secerity~security']);
  assert.ok(combine(LATIN_WEIGHTS, features) > 0.8);
});
test('han and pinyin features', () => {
  assert.equal(hanFeature({ core: '腾讯', coreNoPlace: '腾讯' }, { core: '腾讯', coreNoPlace: '腾讯' }).value, 1);
  assert.ok(hanFeature({ core: '招商银行', coreNoPlace: '招商银行' }, { core: '招商局', coreNoPlace: '招商局' }).value < 0.5);
  assert.equal(pinyinFeature(['teng', 'xun'], ['teng', 'xun']).value, 1);
  assert.ok(pinyinFeature(['mei', 'de'], ['teng', 'xun']).value < 0.3);
});
