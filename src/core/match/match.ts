import { hanCandidates, latinCandidates, pinyinCandidates } from './candidates.js';
import { analyseQuery, type QueryForm } from './query.js';
import { HAN_WEIGHTS, LATIN_WEIGHTS, NAME_KIND_DISTANCE, PINYIN_WEIGHTS, SHORT_FORM_RARE_START, hanFeature, latinFeatures, latinScore, pinyinFeature, type FeatureValue, type Weights } from './score.js';
import type { IndexedName, ScreenIndex } from './types.js';
import { identifierKeys } from './build-index.js';
import type { TokenKind } from '../normalise/latin.js';
import { SPELLING_WEIGHTS, oneWordSpelling, spellingCandidates, writtenLength } from './spelling.js';

/**
 * The default score threshold, tuned on the development set (see bench/accuracy.ts):
 * the lowest value that keeps specificity on hard negatives without losing typo recall.
 */
export const DEFAULT_THRESHOLD = 0.8;

/**
 * Characters of a query the matcher reads: a company or person name is far shorter, and the
 * cap bounds the work of one query whatever is pasted (a 100,000-character "name").
 */
export const MAX_QUERY_CHARS = 1000;

/**
 * Which comparison produced a match: `latin` normalised tokens; `han` Chinese characters;
 * `pinyin` a Latin query read as pinyin against a listed Chinese name; `han-pinyin` a Chinese
 * query read as pinyin against a name the list prints in Latin letters; `identifier` the query is
 * an identifier the record holds (ISIN, USCC, ticker, LEI).
 */
export type MatchPath = 'latin' | 'han' | 'pinyin' | 'han-pinyin' | 'identifier';

/** The best match of a query on one entity, with everything its explanation needs. */
export interface EntityMatch {
  /** Index of the entity in the snapshot. */
  entity: number;
  /** Index of the matched name in the snapshot. */
  name: number;
  score: number;
  path: MatchPath;
  /** The query form that matched (whole query or a part). */
  queryText: string;
  features: (FeatureValue & { weight: number })[];
  /** Normalisation and alignment notes (branch ignored, typo x~y, abbreviation a→b…). */
  notes: string[];
  /** Tokens that counted little or nothing: legal forms, places, filler words. */
  discounted: string[];
}

const KIND_LABEL: Record<TokenKind, string> = { core: 'word', structure: 'structure word', legal: 'legal form', place: 'place', stop: 'filler', minor: 'number or initial' };

function extraFeatures(unverified: boolean, form: QueryForm, kind: string): FeatureValue[] {
  const all: FeatureValue[] = [];
  if (unverified) all.push({ feature: 'unverified_name', value: 1, detail: 'matched name is an unverified hint' });
  if (form.part) all.push({ feature: 'query_part', value: 1, detail: `only part of the query matched: "${form.text}"` });
  const kd = NAME_KIND_DISTANCE[kind] ?? 0;
  if (kd > 0) all.push({ feature: 'name_kind', value: kd, detail: `matched a${kind === 'alias' || kind === 'acronym' ? 'n' : ''} ${kind} name, not a printed one` });
  return all;
}

/** Σ weight × value of the path features plus the name/query extras, clamped; no allocation (hot path). */
function quickScore(weights: Weights, f: readonly FeatureValue[], unverified: boolean, form: QueryForm, kind: string): number {
  let s = 0;
  for (const x of f) s += (weights[x.feature] ?? 0) * x.value;
  if (unverified) s += weights.unverified_name ?? 0;
  if (form.part) s += weights.query_part ?? 0;
  s += (weights.name_kind ?? 0) * (NAME_KIND_DISTANCE[kind] ?? 0);
  return Math.max(0, Math.min(1, s));
}

function weighted(weights: Weights, f: readonly FeatureValue[]): (FeatureValue & { weight: number })[] {
  return f.map((x) => ({ ...x, weight: weights[x.feature] ?? 0 }));
}

function scoreLatin(form: QueryForm, nameId: number, index: ScreenIndex, minScore: number): EntityMatch | null {
  const q = form.latin;
  const n = index.latinNames[nameId];
  const meta = index.snapshot.names[nameId];
  if (!q || !n || !meta) return null;
  // Most candidates miss: rule them out with the same score computed without allocation.
  if (latinScore(q, n, !meta.verified, form.part, NAME_KIND_DISTANCE[meta.kind] ?? 0, minScore) < minScore) return null;
  const { features, alignment } = latinFeatures(q, n);
  // The same gate as latinScore: a name that explains nothing of the query is no match.
  const score = features[0]?.value === 0 ? 0 : quickScore(LATIN_WEIGHTS, features, !meta.verified, form, meta.kind);
  if (score < minScore) return null;
  // Only hits pay for their explanation.
  const fw = weighted(LATIN_WEIGHTS, [...features, ...extraFeatures(!meta.verified, form, meta.kind)]);
  const discounted: string[] = [];
  q.tokens.forEach((t, i) => { const k = q.kinds[i] ?? 'core'; if (k !== 'core') discounted.push(`${t} (${KIND_LABEL[k]})`); });
  n.tokens.forEach((t, j) => { const k = n.kinds[j] ?? 'core'; if (k !== 'core' && !alignment.nSim[j]) discounted.push(`${t} (${KIND_LABEL[k]}, name)`); });
  return { entity: meta.entity, name: nameId, score, path: form.reading === 'pinyin' ? 'han-pinyin' : 'latin', queryText: form.text, features: fw, notes: [...form.notes, ...alignment.notes], discounted };
}

/**
 * One word spelled differently in a long name (see spelling.ts); not for the pinyin reading of a
 * Chinese query. `queryLength` gives the query's `writtenLength`, worked out once per form.
 */
function scoreSpelling(form: QueryForm, nameId: number, index: ScreenIndex, minScore: number, queryLength: () => number): EntityMatch | null {
  const q = form.latin;
  const n = index.latinNames[nameId];
  const meta = index.snapshot.names[nameId];
  if (!q || !n || !meta || form.reading === 'pinyin') return null;
  const m = oneWordSpelling(q, n, () => Math.max(queryLength(), writtenLength(meta.text)));
  if (!m) return null;
  const f: FeatureValue[] = [{ feature: 'one_word_spelling', value: m.value, detail: `"${m.query}" ~ "${m.name}": ${m.edits} edit${m.edits > 1 ? 's' : ''} in a ${m.length}-character name, every other word the same` }];
  const score = quickScore(SPELLING_WEIGHTS, f, !meta.verified, form, meta.kind);
  if (score < minScore) return null;
  const fw = weighted(SPELLING_WEIGHTS, [...f, ...extraFeatures(!meta.verified, form, meta.kind)]);
  return { entity: meta.entity, name: nameId, score, path: 'latin', queryText: form.text, features: fw, notes: [...form.notes, `spelling ${m.query}~${m.name}`], discounted: [] };
}

/** What the Chinese name lost on the way to its core: a leading place and a legal-form suffix. */
function hanDiscounted(meta: IndexedName): string[] {
  const out: string[] = [];
  const h = meta.han;
  if (!h) return out;
  const at = meta.text.indexOf(h.core);
  if (at >= 0 && at + h.core.length < meta.text.length) out.push(`${meta.text.slice(at + h.core.length)} (legal form, name)`);
  if (h.coreNoPlace !== h.core && h.core.endsWith(h.coreNoPlace)) out.push(`${h.core.slice(0, h.core.length - h.coreNoPlace.length)} (place, name)`);
  return out;
}

function scoreHan(form: QueryForm, nameId: number, index: ScreenIndex, minScore: number): EntityMatch | null {
  const meta = index.snapshot.names[nameId];
  if (!form.han || !meta?.han) return null;
  const start = form.han.coreNoPlace.slice(0, 2);
  // Rare: held by at most 1 % of the Chinese names (at least one, at most SHORT_FORM_RARE_START).
  const rare = Math.max(1, Math.min(SHORT_FORM_RARE_START, Math.floor(index.hanNameCount / 100)));
  const f = [hanFeature(form.han, meta.han, (index.hanGrams.get(start)?.length ?? 0) <= rare)];
  const score = quickScore(HAN_WEIGHTS, f, !meta.verified, form, meta.kind);
  if (score < minScore) return null;
  const fw = weighted(HAN_WEIGHTS, [...f, ...extraFeatures(!meta.verified, form, meta.kind)]);
  return { entity: meta.entity, name: nameId, score, path: 'han', queryText: form.text, features: fw, notes: [...form.notes], discounted: hanDiscounted(meta) };
}

function scorePinyin(form: QueryForm, nameId: number, index: ScreenIndex, minScore: number): EntityMatch | null {
  const meta = index.snapshot.names[nameId];
  if (!form.pinyin || !meta?.han) return null;
  const f = [pinyinFeature(form.pinyin, meta.han.pinyin)];
  const score = quickScore(PINYIN_WEIGHTS, f, !meta.verified, form, meta.kind);
  if (score < minScore) return null;
  const fw = weighted(PINYIN_WEIGHTS, [...f, ...extraFeatures(!meta.verified, form, meta.kind)]);
  return { entity: meta.entity, name: nameId, score, path: 'pinyin', queryText: form.text, features: fw, notes: [...form.notes], discounted: hanDiscounted(meta) };
}

/**
 * Entities whose recorded identifier (ISIN, USCC, ticker, LEI) the query is, exactly once
 * normalised (case, spaces, dashes, an exchange mark after a ticker): score 1, feature
 * `identifier` naming the scheme and value.
 */
function identifierMatches(index: ScreenIndex, text: string): readonly EntityMatch[] {
  const keys = identifierKeys(text);
  // Most queries are names, with no key: nothing allocated for them.
  if (!keys.length) return NO_MATCHES;
  const out: EntityMatch[] = [];
  const seen = new Set<number>();
  for (const k of keys) {
    for (const hit of index.identifiers.get(k) ?? []) {
      if (seen.has(hit.entity)) continue;
      seen.add(hit.entity);
      const name = index.snapshot.names.findIndex((n) => n.entity === hit.entity);
      if (name < 0) continue;
      const detail = `${hit.scheme.toUpperCase()} ${hit.value}`;
      out.push({ entity: hit.entity, name, score: 1, path: 'identifier', queryText: text, features: [{ feature: 'identifier', value: 1, weight: 1, detail }], notes: [`identifier ${detail} in the record`], discounted: [] });
    }
  }
  return out;
}

const NO_MATCHES: readonly EntityMatch[] = [];

/** Which names of the index one query form is scored against. */
type CandidateSource = (form: QueryForm, index: ScreenIndex, minScore: number) => { latin: Iterable<number>; han: Iterable<number>; pinyin: Iterable<number>; spelling: Iterable<number> };

const fromIndex: CandidateSource = (form, index, minScore) => ({
  latin: latinCandidates(form, index, minScore),
  han: hanCandidates(form, index),
  pinyin: pinyinCandidates(form, index, minScore),
  spelling: spellingCandidates(form, index),
});

function run(index: ScreenIndex, raw: string, minScore: number, candidates: CandidateSource): EntityMatch[] {
  const best = new Map<number, EntityMatch>();
  const keep = (m: EntityMatch | null): void => {
    // A score of 0 is no match at any threshold.
    if (!m || m.score <= 0) return;
    const cur = best.get(m.entity);
    if (!cur || m.score > cur.score || (m.score === cur.score && m.name < cur.name)) best.set(m.entity, m);
  };
  const text = raw.length > MAX_QUERY_CHARS ? raw.slice(0, MAX_QUERY_CHARS) : raw;
  for (const m of identifierMatches(index, text)) keep(m);
  for (const form of analyseQuery(text, index)) {
    const c = candidates(form, index, minScore);
    for (const id of c.latin) keep(scoreLatin(form, id, index, minScore));
    for (const id of c.han) keep(scoreHan(form, id, index, minScore));
    for (const id of c.pinyin) keep(scorePinyin(form, id, index, minScore));
    let qLen: number | undefined;
    const queryLength = (): number => (qLen ??= writtenLength(form.text));
    for (const id of c.spelling) keep(scoreSpelling(form, id, index, minScore, queryLength));
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.entity - b.entity);
}

/**
 * Matches one query against the index: every query form, its candidates from the index
 * (never a full scan, and lossless: every name that scores ≥ `minScore` is a candidate, see
 * candidates.ts and the property test), scored by named features; keeps the best match per
 * entity. Returns EVERY entity scoring ≥ `minScore` (and > 0), best first, ties by entity
 * order: a weaker or inactive hit never hides another. Only the first MAX_QUERY_CHARS
 * characters of `raw` are read.
 */
export function matchQuery(index: ScreenIndex, raw: string, minScore: number): EntityMatch[] {
  return run(index, raw, minScore, fromIndex);
}

/**
 * The reference answer: `matchQuery` with every listed name scored (no index lookups). Slow;
 * for tests that prove the index loses nothing.
 */
export function matchQueryBruteForce(index: ScreenIndex, raw: string, minScore: number): EntityMatch[] {
  const all = index.snapshot.names.map((_, i) => i);
  return run(index, raw, minScore, () => ({ latin: all, han: all, pinyin: all, spelling: all }));
}
