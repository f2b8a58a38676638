import { alignInto, alignLatin, coverage, exactCore, legalAgreement, orderAgreement, personShaped, placeConflict, unmatchedCore, type LatinAlignment, type WeightedTokens } from './latin-features.js';
import { LEGAL_CANONICAL } from '../normalise/vocab.js';
import { ROMAN_NUMERAL } from '../normalise/text.js';
import { sameJurisdictionForms } from '../normalise/legal-forms.js';
import { levenshtein } from './similarity.js';
import { GENERIC_WORDS } from './generic-words.generated.js';
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
  distinctive_name: 0.2,
  omitted_given_names: 0.3,
  exact_core: 0.04,
  legal_form_agreement: 0.03,
  unmatched_query_words: -0.06,
  place_conflict: -0.1,
  initial_conflict: -0.1,
  generic_words_only: -0.1,
  legal_form_conflict: -0.2,
  series_conflict: -0.2,
  trailing_qualifier: -0.05,
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
    { feature: 'token_order', value: personShaped(q) && personShaped(n) ? 1 : orderAgreement(a.qTo), detail: 'matched words in the same order (any order for two persons\' names)' },
    { feature: 'exact_core', value: exactCore(q, n) },
    { feature: 'legal_form_agreement', value: undecidedLegal(legalAgreement(q, n, LEGAL_CANONICAL), q, n), detail: 'legal forms and structure words agree' },
  ];
  const um = unmatchedCore(q, a);
  if (um) features.push({ feature: 'unmatched_query_words', value: um, detail: 'query words the name does not contain' });
  const pc = placeConflict(q, n, a);
  if (pc) features.push({ feature: 'place_conflict', value: pc, detail: 'different places' });
  const ic = initialConflict(q, n, a.qSim, a.nSim);
  if (ic) features.push({ feature: 'initial_conflict', value: ic, detail: 'different initials' });
  if (trailingQualifier(q, n, qc, a.qSim, a.nSim)) features.push({ feature: 'trailing_qualifier', value: 1, detail: 'the name is the query plus a distinctive word after it (a subsidiary such as "… Mexico")' });
  const sc = seriesConflict(q, n, a.qSim, a.nSim);
  if (sc) features.push({ feature: 'series_conflict', value: 1, detail: 'a numbered member of a series against a name without a number' });
  const lc = legalFormConflict(q, n);
  if (lc) features.push({ feature: 'legal_form_conflict', value: 1, detail: `different legal forms of one jurisdiction (${lc})` });
  if (distinctiveName(q, n, qc, a.qSim, a.nSim)) features.push({ feature: 'distinctive_name', value: 1, detail: 'the query is the distinctive (brand) part of the name' });
  const og = omittedGivenNames(q, n, qc, nc, a.qSim, a.nSim);
  if (og) features.push({ feature: 'omitted_given_names', value: og, detail: 'the query is the name with given or middle names left out' });
  if (genericWordsOnly(q, n, a.qSim, a.nSim)) features.push({ feature: 'generic_words_only', value: 1, detail: 'the query matched only generic business words, and the name has a word between them that the query lacks' });
  return { features, alignment: a };
}

/** 1 when both sides carry a one-letter initial that nothing on the other side explains ("William G." vs "William W"). */
export function initialConflict(q: WeightedTokens, n: WeightedTokens, qSim: ArrayLike<number>, nSim: ArrayLike<number>): number {
  let qi = false;
  for (let i = 0; i < q.tokens.length; i++) if (!qSim[i] && q.kinds[i] === 'minor' && (q.tokens[i] ?? '').length === 1) qi = true;
  if (!qi) return 0;
  for (let j = 0; j < n.tokens.length; j++) if (!nSim[j] && n.kinds[j] === 'minor' && (n.tokens[j] ?? '').length === 1) return 1;
  return 0;
}

/**
 * True when the name is the query's company name followed by a distinctive word the query lacks
 * ("Banco Santander Mexico, S.A." for "Banco Santander, S.A."): the query is explained entirely
 * (2+ name words, coverage ≥ DISTINCTIVE_MIN_QC), every name word it lacks comes after the last
 * name word it matched and is not a generic business word (GENERIC_WORDS: "Holdings",
 * "Technology" do not make a subsidiary), and the two are not persons' names. Such a name is
 * usually a subsidiary or a national arm, a different entity from the parent the query names. A
 * word the list prints in parentheses is a qualifier a user leaves out ("… (QinHuangDao) Co.,
 * Ltd."): never one.
 */
export function trailingQualifier(q: WeightedTokens, n: WeightedTokens, qc: number, qSim: ArrayLike<number>, nSim: ArrayLike<number>): boolean {
  if (qc < DISTINCTIVE_MIN_QC) return false;
  let qCore = 0;
  for (let i = 0; i < q.tokens.length; i++) {
    if (q.kinds[i] !== 'core') continue;
    if (!qSim[i]) return false;
    qCore++;
  }
  if (qCore < 2 || (personShaped(q) && personShaped(n))) return false;
  let lastMatched = -1;
  for (let j = 0; j < n.tokens.length; j++) if (nSim[j] && n.kinds[j] === 'core') lastMatched = j;
  let extra = false;
  for (let j = 0; j < n.tokens.length; j++) {
    if (n.kinds[j] !== 'core' || nSim[j] || n.paren?.[j]) continue;
    if (j < lastMatched || GENERIC_WORDS.has(n.tokens[j] ?? '')) return false;
    extra = true;
  }
  return extra;
}

function unmatchedSeries(w: WeightedTokens, sim: ArrayLike<number>): boolean {
  for (let i = 0; i < w.tokens.length; i++) {
    const t = w.tokens[i] ?? '';
    // A Roman numeral of two or more letters (II to XXXIX): a series mark, never an initial.
    if (!sim[i] && w.kinds[i] === 'minor' && t.length >= 2 && ROMAN_NUMERAL.test(t)) return true;
  }
  return false;
}

function unmatchedMinor(w: WeightedTokens, sim: ArrayLike<number>): boolean {
  for (let i = 0; i < w.tokens.length; i++) if (!sim[i] && w.kinds[i] === 'minor') return true;
  return false;
}

/**
 * 1 when one side is a numbered member of a series ("Bowne Global Solutions II") and the other
 * is the name without a number ("Bowne Global Solutions"): the first company of a family and
 * its second are different entities. A number against another number ("Fund IV" vs "Fund V")
 * is a vintage swap, left to the coverages. Only Roman numerals of 2+ letters (one letter may
 * be an initial).
 */
export function seriesConflict(q: WeightedTokens, n: WeightedTokens, qSim: ArrayLike<number>, nSim: ArrayLike<number>): number {
  if (unmatchedSeries(n, nSim)) return unmatchedMinor(q, qSim) ? 0 : 1;
  if (unmatchedSeries(q, qSim)) return unmatchedMinor(n, nSim) ? 0 : 1;
  return 0;
}

/**
 * Legal-form agreement when the two sides' forms share nothing: 0 when they are forms of one
 * jurisdiction (they disagree) or either side has none, but 0.5 — undecided — when both carry
 * forms and no two are of one jurisdiction ("OAO" vs "JSC": a Russian form and a form written
 * in English may be the same company's). `value` is the Jaccard agreement; it is kept when > 0.
 */
export function undecidedLegal(value: number, q: WeightedTokens, n: WeightedTokens): number {
  if (value !== 0) return value;
  let qAny = false;
  let nAny = false;
  for (let i = 0; i < q.tokens.length; i++) {
    if (q.kinds[i] !== 'legal') continue;
    qAny = true;
    for (let j = 0; j < n.tokens.length; j++) {
      if (n.kinds[j] !== 'legal') continue;
      nAny = true;
      if (sameJurisdictionForms(q.tokens[i] ?? '', n.tokens[j] ?? '')) return 0;
    }
  }
  return qAny && nAny ? 0.5 : 0;
}

/** Legal forms written many ways for one company ("Co., Ltd." = "Corp." = "Limited"): never a conflict. */
const INTERCHANGEABLE_FORMS: ReadonlySet<string> = new Set([...Object.keys(LEGAL_CANONICAL), ...Object.values(LEGAL_CANONICAL)]);

/**
 * "a≠b" when the query and the name each carry a legal form, share none, and two of them are
 * different forms of one jurisdiction in GLEIF's list ("Deutsche Bank AG" vs "Deutsche Bank
 * GmbH": a German company is one or the other); else null. The English forms that suppliers
 * swap freely (Co., Ltd., Corp., Inc.) never conflict.
 */
export function legalFormConflict(q: WeightedTokens, n: WeightedTokens): string | null {
  let pair: string | null = null;
  for (let i = 0; i < q.tokens.length; i++) {
    if (q.kinds[i] !== 'legal') continue;
    const a = q.tokens[i] ?? '';
    if (INTERCHANGEABLE_FORMS.has(a)) continue;
    for (let j = 0; j < n.tokens.length; j++) {
      if (n.kinds[j] !== 'legal') continue;
      const b = n.tokens[j] ?? '';
      if (a === b) return null;
      if (!pair && !INTERCHANGEABLE_FORMS.has(b) && sameJurisdictionForms(a, b)) pair = `${a}≠${b}`;
    }
  }
  // (A specific form the two sides share returned null above: the conflict is only apparent.)
  return pair;
}

/**
 * Features that only apply when the query is explained (almost) entirely (query coverage ≥
 * DISTINCTIVE_MIN_QC), so the candidate search may leave their weight out of its bound for
 * lower coverages (see minCandidateShare in candidates.ts).
 */
export const FULL_COVERAGE_FEATURES: readonly string[] = ['distinctive_name', 'omitted_given_names'];

/**
 * A person's name with given or middle names left out ("Boris Johnson" for "Alexandre Boris
 * de Pfeffel Johnson"): the query is explained entirely (coverage ≥ DISTINCTIVE_MIN_QC, no
 * unmatched query word) by 2+ words of the name including its last word (the surname); neither
 * side has a legal form, structure word or place (a company name is not shortened this way);
 * the name has no filler that joins a company's words ("of", "and": "Agricultural Bank of
 * China" is no person); and every name word left out comes before that last word and is not
 * a generic business word (GENERIC_WORDS).
 * The value is the share of the name left out (1 − name coverage), so the feature gives back
 * part of what the omission cost; 0 when it does not apply.
 */
export function omittedGivenNames(q: WeightedTokens, n: WeightedTokens, qc: number, nc: number, qSim: ArrayLike<number>, nSim: ArrayLike<number>): number {
  if (qc < DISTINCTIVE_MIN_QC || nc >= 1) return 0;
  let matched = 0;
  for (let i = 0; i < q.tokens.length; i++) {
    const k = q.kinds[i];
    if (k === 'legal' || k === 'structure' || k === 'place') return 0;
    if (k === 'core') {
      if (!qSim[i]) return 0;
      matched++;
    }
  }
  if (matched < 2) return 0;
  if (!personShaped(n)) return 0;
  let last = -1;
  for (let j = 0; j < n.tokens.length; j++) if (n.kinds[j] === 'core') last = j;
  if (last < 0 || !nSim[last]) return 0;
  for (let j = 0; j < last; j++) if (n.kinds[j] === 'core' && !nSim[j] && GENERIC_WORDS.has(n.tokens[j] ?? '')) return 0;
  return 1 - nc;
}

/**
 * True when every core word of the query that the name explains is a generic business word
 * (GENERIC_WORDS: "China", "Technology", "Electronics") and the name has a core word the query
 * does not explain between two it does: generic words alone describe a kind of business, and
 * leaving a word out of the middle of such a name names another one ("China Technology Group"
 * is not "China Electronics Technology Group Corporation"). A name the query explains up to its
 * end ("Aviation Industry Corporation" of China, a subsidiary's "(USA)") is not concerned, nor
 * is a query with a distinctive word.
 */
export function genericWordsOnly(q: WeightedTokens, n: WeightedTokens, qSim: ArrayLike<number>, nSim: ArrayLike<number>): boolean {
  for (let i = 0; i < q.tokens.length; i++) {
    if (q.kinds[i] === 'core' && qSim[i] && !GENERIC_WORDS.has(q.tokens[i] ?? '')) return false;
  }
  let matchedBefore = false;
  let gap = false;
  for (let j = 0; j < n.tokens.length; j++) {
    if (n.kinds[j] !== 'core') continue;
    if (nSim[j]) {
      if (gap) return true;
      matchedBefore = true;
    } else if (matchedBefore) gap = true;
  }
  return false;
}

/** Query coverage a distinctive-name match needs: the query must be explained (almost) entirely. */
export const DISTINCTIVE_MIN_QC = 0.95;

/**
 * True when the query is the distinctive part of the name, as a brand is: the query is fully
 * explained (coverage ≥ DISTINCTIVE_MIN_QC, no unmatched query word), it explains the name's
 * leading words (places, legal forms and filler aside) and at least one of them is not a
 * generic business word, and what it leaves of the name includes a generic word
 * ("Quectel" ↔ "Quectel Wireless Solutions Co., Ltd."; "Zhongguancun" ↔ "Beijing Zhongguancun
 * Development Investment Center"). Generic words alone ("China", "Technology") never are.
 * Generic words: GENERIC_WORDS, derived from the published lists (scripts/generic-words).
 */
export function distinctiveName(q: WeightedTokens, n: WeightedTokens, qc: number, qSim: ArrayLike<number>, nSim: ArrayLike<number>): boolean {
  if (qc < DISTINCTIVE_MIN_QC) return false;
  for (let i = 0; i < q.tokens.length; i++) if (q.kinds[i] === 'core' && !qSim[i]) return false;
  let prefix = true;
  let distinct = false;
  let genericLeft = false;
  for (let j = 0; j < n.tokens.length; j++) {
    if (n.kinds[j] !== 'core') continue;
    const t = n.tokens[j] ?? '';
    if (nSim[j]) {
      if (!prefix) return false;
      if (!GENERIC_WORDS.has(t)) distinct = true;
    } else {
      prefix = false;
      if (GENERIC_WORDS.has(t)) genericLeft = true;
    }
  }
  return distinct && genericLeft;
}

// Reused by latinScore: one query is scored against one name at a time.
let qSimBuf = new Float64Array(32);
let nSimBuf = new Float64Array(32);
let qToBuf = new Int32Array(32);

function isLegalish(k: string | undefined): boolean {
  return k === 'legal' || k === 'structure';
}

/** Distinct canonical legal/structure tokens of `w` into `out` (cleared first); returns `out`. */
function legalSet(w: WeightedTokens, out: string[]): string[] {
  out.length = 0;
  for (let i = 0; i < w.tokens.length; i++) {
    if (!isLegalish(w.kinds[i])) continue;
    const t = w.tokens[i] ?? '';
    const c = LEGAL_CANONICAL[t] ?? t;
    if (!out.includes(c)) out.push(c);
  }
  return out;
}
const qLegal: string[] = [];
const nLegal: string[] = [];

/** Σ of the positive Latin weights besides the two coverages and FULL_COVERAGE_FEATURES (each feature value ≤ 1). */
const LATIN_OTHER_POSITIVE = Object.entries(LATIN_WEIGHTS).reduce((a, [k, w]) => (w > 0 && k !== 'query_coverage' && k !== 'name_coverage' && !FULL_COVERAGE_FEATURES.includes(k) ? a + w : a), 0);
/** Σ of the positive weights of FULL_COVERAGE_FEATURES. */
const LATIN_FULL_POSITIVE = FULL_COVERAGE_FEATURES.reduce((a, k) => a + Math.max(0, LATIN_WEIGHTS[k] ?? 0), 0);

/**
 * The most a Latin score can be with query coverage `qc` and name coverage `nc` (or upper bounds
 * of them): the other features add at most their positive weights, those of
 * FULL_COVERAGE_FEATURES only from DISTINCTIVE_MIN_QC on; the name and query extras only lower it.
 */
export function latinBound(qc: number, nc: number): number {
  return (LATIN_WEIGHTS.query_coverage ?? 0) * qc + (LATIN_WEIGHTS.name_coverage ?? 0) * nc + LATIN_OTHER_POSITIVE + (qc >= DISTINCTIVE_MIN_QC ? LATIN_FULL_POSITIVE : 0);
}

/**
 * The Latin score of `q` against `n` — exactly `quickScore`-style Σ weight × value of
 * `latinFeatures(q, n).features` plus the name/query extras, clamped — without building
 * features, alignment arrays or notes: most candidates miss the threshold, and only hits need
 * their explanation. The same operations in the same order as the full path, so the same number.
 * With `minScore`, a pair whose score is below it may return 0 early (any score ≥ it is exact).
 */
export function latinScore(q: WeightedTokens, n: WeightedTokens, unverified: boolean, part: boolean, kindDistance: number, minScore?: number): number {
  const ql = q.tokens.length;
  const nl = n.tokens.length;
  if (qSimBuf.length < ql) { qSimBuf = new Float64Array(ql * 2); qToBuf = new Int32Array(ql * 2); }
  if (nSimBuf.length < nl) nSimBuf = new Float64Array(nl * 2);
  const qSim = qSimBuf;
  const nSim = nSimBuf;
  const qTo = qToBuf;
  qSim.fill(0, 0, ql);
  nSim.fill(0, 0, nl);
  qTo.fill(-1, 0, ql);
  alignInto(q, n, qSim, nSim, qTo, null);
  const qc = coverage(q.weights, qSim);
  const nc = coverage(n.weights, nSim);
  // Most candidates miss by far: once the two coverages are known, the other features can add
  // at most their positive weights (those of FULL_COVERAGE_FEATURES only from DISTINCTIVE_MIN_QC
  // on). A name that cannot reach `minScore` even so scores 0 here without the rest (the
  // tolerance keeps a name whose bound only rounds below it).
  if (minScore !== undefined && qc > 0) {
    let bound = latinBound(qc, nc);
    if (unverified) bound += LATIN_WEIGHTS.unverified_name ?? 0;
    if (part) bound += LATIN_WEIGHTS.query_part ?? 0;
    bound += (LATIN_WEIGHTS.name_kind ?? 0) * kindDistance;
    if (bound < minScore - 1e-9) return 0;
  }
  const order = personShaped(q) && personShaped(n) ? 1 : orderAgreement(qTo, ql);
  const exact = exactCore(q, n);
  // legalAgreement(q, n, LEGAL_CANONICAL)
  const la = legalSet(q, qLegal);
  const lb = legalSet(n, nLegal);
  let legal = 1;
  if (la.length !== 0 || lb.length !== 0) {
    let common = 0;
    for (const x of la) if (lb.includes(x)) common++;
    legal = undecidedLegal(common / (la.length + lb.length - common), q, n);
  }
  // unmatchedCore(q, a) and placeConflict(q, n, a)
  let um = 0;
  let qPlace = false;
  for (let i = 0; i < ql; i++) {
    if (q.kinds[i] === 'core' && !qSim[i]) um++;
    if (q.kinds[i] === 'place' && !qSim[i]) qPlace = true;
  }
  let nPlace = false;
  for (let j = 0; j < nl; j++) if (n.kinds[j] === 'place' && !nSim[j]) nPlace = true;
  const pc = qPlace && nPlace ? 1 : 0;
  const ic = initialConflict(q, n, qSim, nSim);
  // A name that explains nothing of the query is no match, whatever its other features.
  if (qc === 0) return 0;
  const W = LATIN_WEIGHTS;
  let s = 0;
  s += (W.query_coverage ?? 0) * qc;
  s += (W.name_coverage ?? 0) * nc;
  s += (W.token_order ?? 0) * order;
  s += (W.exact_core ?? 0) * exact;
  s += (W.legal_form_agreement ?? 0) * legal;
  if (um) s += (W.unmatched_query_words ?? 0) * um;
  if (pc) s += (W.place_conflict ?? 0) * pc;
  if (ic) s += (W.initial_conflict ?? 0) * ic;
  if (seriesConflict(q, n, qSim, nSim)) s += W.series_conflict ?? 0;
  if (trailingQualifier(q, n, qc, qSim, nSim)) s += W.trailing_qualifier ?? 0;
  if (legalFormConflict(q, n)) s += W.legal_form_conflict ?? 0;
  if (distinctiveName(q, n, qc, qSim, nSim)) s += W.distinctive_name ?? 0;
  const og = omittedGivenNames(q, n, qc, nc, qSim, nSim);
  if (og) s += (W.omitted_given_names ?? 0) * og;
  if (genericWordsOnly(q, n, qSim, nSim)) s += W.generic_words_only ?? 0;
  if (unverified) s += W.unverified_name ?? 0;
  if (part) s += W.query_part ?? 0;
  s += (W.name_kind ?? 0) * kindDistance;
  return Math.max(0, Math.min(1, s));
}

/** Shortest Chinese short form credited as a contiguous part of a listed name's core. */
export const SHORT_FORM_MIN = 3;
/** The han_core value of a short form (a contiguous part of the name's core). */
export const SHORT_FORM_VALUE = 0.88;

/** A short form must start with a character pair held by at most this many listed names. */
export const SHORT_FORM_RARE_START = 5;

/** A Han core pair: 1 for an identical core (with or without leading place), else character-bigram Dice. */
export function hanFeature(q: { core: string; coreNoPlace: string }, n: { core: string; coreNoPlace: string }, distinctiveStart = false): FeatureValue {
  const exact = q.core === n.core || q.coreNoPlace === n.coreNoPlace || q.core === n.coreNoPlace || q.coreNoPlace === n.core;
  if (exact) return { feature: 'han_core', value: 1, detail: `${q.coreNoPlace} = ${n.coreNoPlace}` };
  const v = dice(hanGrams(q.coreNoPlace), hanGrams(n.coreNoPlace));
  // A short form: the query is a contiguous part (3+ characters) of the name's core, as 大疆创新
  // is of 深圳市大疆创新科技有限公司 (place and legal form already off), and starts with a rare
  // pair of characters (大疆, not 中国): the caller says so from the index.
  if (distinctiveStart && q.coreNoPlace.length >= SHORT_FORM_MIN && n.coreNoPlace.includes(q.coreNoPlace) && v < SHORT_FORM_VALUE) {
    return { feature: 'han_core', value: SHORT_FORM_VALUE, detail: `${q.coreNoPlace} ⊂ ${n.coreNoPlace} (short form)` };
  }
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
