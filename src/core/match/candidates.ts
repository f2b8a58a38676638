import { deletions, hanGrams, pinyinGrams } from './build-index.js';
import { MIN_TYPO_LENGTH, withinOneEdit } from './similarity.js';
import type { QueryForm } from './query.js';
import type { ScreenIndex } from './types.js';

/** How many candidate names each query form passes on to full scoring. */
export const MAX_CANDIDATES = 40;

/** Share of a query form's weight a name must reach in the index before it is scored at all. */
export const MIN_CANDIDATE_SHARE = 0.3;

function addAll(acc: Map<number, number>, ids: readonly number[] | undefined, w: number): void {
  if (!ids) return;
  for (const id of ids) acc.set(id, (acc.get(id) ?? 0) + w);
}

function top(acc: Map<number, number>, minScore: number): number[] {
  const arr: [number, number][] = [];
  for (const [id, s] of acc) if (s >= minScore) arr.push([id, s]);
  arr.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return arr.slice(0, MAX_CANDIDATES).map((x) => x[0]);
}

/**
 * Latin candidates from the token index: exact tokens and accepted abbreviations, tokens one
 * edit away (through the one-deletion keys), and two query words written as one. Postings
 * of very common tokens are skipped while rarer tokens exist, so no query scans the index.
 */
export function latinCandidates(form: QueryForm, index: ScreenIndex): number[] {
  const q = form.latin;
  if (!q) return [];
  const acc = new Map<number, number>();
  let total = 0;
  const rareExists = q.tokens.some((t, i) => q.kinds[i] !== 'stop' && (index.tokens.get(t)?.length ?? 0) <= index.commonDf && (index.tokens.get(t)?.length ?? 0) > 0);
  for (let i = 0; i < q.tokens.length; i++) {
    const t = q.tokens[i] ?? '';
    const w = q.weights[i] ?? 0;
    if (q.kinds[i] === 'stop' || w === 0) continue;
    total += w;
    const keys = [t, ...(q.alts[i] ?? [])];
    for (const k of keys) {
      const ids = index.tokens.get(k);
      if (ids && (ids.length <= index.commonDf || !rareExists)) addAll(acc, ids, w);
    }
    if (t.length >= MIN_TYPO_LENGTH && !index.tokens.has(t)) {
      const near = new Set<string>();
      for (const k of [t, ...deletions(t)]) for (const cand of index.deletions.get(k) ?? []) if (cand !== t && withinOneEdit(t, cand)) near.add(cand);
      for (const cand of near) addAll(acc, index.tokens.get(cand), w * 0.8);
    }
    if (i + 1 < q.tokens.length) addAll(acc, index.tokens.get(t + (q.tokens[i + 1] ?? '')), w);
    addAll(acc, index.joined.get(t), w);
  }
  return top(acc, total * MIN_CANDIDATE_SHARE);
}

/** Han candidates: names sharing character bigrams of the query's core. */
export function hanCandidates(form: QueryForm, index: ScreenIndex): number[] {
  if (!form.han) return [];
  const acc = new Map<number, number>();
  const grams = new Set([...hanGrams(form.han.coreNoPlace), ...hanGrams(form.han.core)]);
  for (const g of grams) addAll(acc, index.hanGrams.get(g), 1);
  return top(acc, 1);
}

/** Pinyin candidates: Chinese names sharing syllable bigrams with the query read as pinyin. */
export function pinyinCandidates(form: QueryForm, index: ScreenIndex): number[] {
  if (!form.pinyin) return [];
  const acc = new Map<number, number>();
  for (const g of new Set(pinyinGrams(form.pinyin))) addAll(acc, index.pinyinGrams.get(g), 1);
  return top(acc, 1);
}
