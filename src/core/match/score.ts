import { alignLatin, coverage, exactCore, legalAgreement, orderAgreement, placeConflict, unmatchedCore, type LatinAlignment, type WeightedTokens } from './latin-features.js';
import { LEGAL_CANONICAL } from '../normalise/vocab.js';
import { levenshtein } from './similarity.js';
import { hanGrams } from './build-index.js';
import { dice } from './similarity.js';

/** A named feature value in [0, 1]. */
export interface FeatureValue {
  feature: string;
  value: number;
  detail?: string;
}

/** A scoring algorithm: a list of (feature, weight). The score is Σ weight × value, clamped to [0, 1]. */
export type Weights = Readonly<Record<string, number>>;

/**
 * Latin-script scoring. The two coverages carry the score: a query token the name does not
 * explain (weighted by its rarity) costs as much as a name token the query lacks, so
 * "China Baoli Construction Engineering" misses "China State Construction Engineering" on
 * both sides. Order and exactness break ties; a clash of places costs a little.
 */
export const LATIN_WEIGHTS: Weights = {
  query_coverage: 0.5,
  name_coverage: 0.4,
  token_order: 0.03,
  exact_core: 0.04,
  legal_form_agreement: 0.03,
  unmatched_query_words: -0.06,
  place_conflict: -0.1,
  unverified_name: -0.02,
  query_part: -0.05,
  name_kind: -0.04,
};

/** Chinese-script scoring: the core (legal form, branch and place removed) compared as characters. */
export const HAN_WEIGHTS: Weights = { han_core: 1, unverified_name: -0.02, query_part: -0.05, name_kind: -0.04 };

/** Pinyin scoring: the query read as pinyin syllables against the pinyin of the Chinese core. */
export const PINYIN_WEIGHTS: Weights = { pinyin_core: 0.97, unverified_name: -0.02, query_part: -0.05, name_kind: -0.04 };

/**
 * How far a kind of name is from "the name the list printed": a former name identifies the
 * entity less surely than a printed one (another entity may carry it now), an English alias
 * or acronym a little less. Chinese names and short forms are how the entity is written in
 * Chinese, so they count as printed.
 */
export const NAME_KIND_DISTANCE: Readonly<Record<string, number>> = { alias: 0.25, acronym: 0.25, short: 0.25, previous: 1 };

/** Σ weight × value, clamped; features without a weight count 0. */
export function combine(weights: Weights, features: readonly FeatureValue[]): number {
  let s = 0;
  for (const f of features) s += (weights[f.feature] ?? 0) * f.value;
  return Math.max(0, Math.min(1, s));
}

/** Latin features of one query form against one name. */
export function latinFeatures(q: WeightedTokens, n: WeightedTokens): { features: FeatureValue[]; alignment: LatinAlignment } {
  const a = alignLatin(q, n);
  const qc = coverage(q.weights, a.qSim);
  const nc = coverage(n.weights, a.nSim);
  const features: FeatureValue[] = [
    { feature: 'query_coverage', value: qc, detail: 'rarity-weighted share of the query the name explains' },
    { feature: 'name_coverage', value: nc, detail: 'rarity-weighted share of the name the query explains' },
    { feature: 'token_order', value: orderAgreement(a.qTo) },
    { feature: 'exact_core', value: exactCore(q, n) },
    { feature: 'legal_form_agreement', value: legalAgreement(q, n, LEGAL_CANONICAL), detail: 'legal forms and structure words agree' },
  ];
  const um = unmatchedCore(q, a);
  if (um) features.push({ feature: 'unmatched_query_words', value: um, detail: 'query words the name does not contain' });
  const pc = placeConflict(q, n, a);
  if (pc) features.push({ feature: 'place_conflict', value: pc, detail: 'different places' });
  return { features, alignment: a };
}

/** A Han core pair: 1 for an identical core (with or without leading place), else character-bigram Dice. */
export function hanFeature(q: { core: string; coreNoPlace: string }, n: { core: string; coreNoPlace: string }): FeatureValue {
  const exact = q.core === n.core || q.coreNoPlace === n.coreNoPlace || q.core === n.coreNoPlace || q.coreNoPlace === n.core;
  if (exact) return { feature: 'han_core', value: 1, detail: `${q.coreNoPlace} = ${n.coreNoPlace}` };
  const v = dice(hanGrams(q.coreNoPlace), hanGrams(n.coreNoPlace));
  return { feature: 'han_core', value: v, detail: `${q.coreNoPlace} ~ ${n.coreNoPlace} (bigram Dice)` };
}

/** A pinyin pair: 1 − edit distance ÷ length of the joined syllables (tones and spaces ignored). */
export function pinyinFeature(q: readonly string[], n: readonly string[]): FeatureValue {
  const a = q.join('');
  const b = n.join('');
  const len = Math.max(a.length, b.length);
  const v = len === 0 ? 0 : 1 - levenshtein(a, b) / len;
  return { feature: 'pinyin_core', value: v, detail: `${q.join(' ')} ~ ${n.join(' ')}` };
}
