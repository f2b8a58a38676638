import { hanGrams, pinyinGrams } from './build-index.js';
import { MIN_TYPO_LENGTH, withinOneEdit } from './similarity.js';
import { TOKEN_SIM } from './latin-features.js';
import type { QueryForm } from './query.js';
import type { ScreenIndex } from './types.js';

/** How many candidate names each query form passes on to full scoring. */
export const MAX_CANDIDATES = 25;

/**
 * Share of a query form's weight a name must reach in the index before it is scored at all,
 * for a threshold. A Latin score is at most 0.5 × query coverage + 0.5, so a name explaining
 * less than (threshold − 0.5) / 0.5 of the query cannot reach the threshold; the index count
 * misses prefix abbreviations (similarity 0.7), hence the slack.
 */
const PREFIX_SLACK = 0.08;

export function minCandidateShare(threshold: number): number {
  return Math.min(0.9, Math.max(0.2, (threshold - 0.5) / 0.5 - PREFIX_SLACK));
}

const DIGIT = /\d/;

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
export function latinCandidates(form: QueryForm, index: ScreenIndex, threshold: number): number[] {
  const q = form.latin;
  if (!q) return [];
  const acc = new Map<number, number>();
  let total = 0;
  let skipped = 0;
  const postings = q.tokens.map((t) => index.tokens.get(t));
  const rareExists = postings.some((p, i) => q.kinds[i] !== 'stop' && p !== undefined && p.length <= index.commonDf);
  // Legal forms and filler words weigh (almost) nothing, but their postings are the longest.
  const onlyWeak = q.kinds.every((k) => k === 'legal' || k === 'stop');
  for (let i = 0; i < q.tokens.length; i++) {
    const t = q.tokens[i] ?? '';
    const w = q.weights[i] ?? 0;
    if (q.kinds[i] === 'stop' || w === 0) continue;
    total += w;
    if (q.kinds[i] === 'legal' && !onlyWeak) continue;
    const own = postings[i];
    if (own && (own.length <= index.commonDf || !rareExists)) addAll(acc, own, w);
    else if (own) skipped += w; // not looked up: any candidate may hold it, so the cut-off must allow for it
    for (const k of q.alts[i] ?? []) {
      const ids = k === t ? undefined : index.tokens.get(k);
      if (ids && (ids.length <= index.commonDf || !rareExists)) addAll(acc, ids, w);
    }
    // Typo neighbours even of a token the index knows: "Wang" may be a typo of "Wong".
    if (t.length >= MIN_TYPO_LENGTH && !DIGIT.test(t)) {
      let near: Set<string> | null = null;
      const look = (k: string): void => {
        const found = index.deletions.get(k);
        if (found) for (const cand of found) if (cand !== t && withinOneEdit(t, cand)) (near ??= new Set()).add(cand);
      };
      look(t);
      for (let d = 0; d < t.length; d++) look(t.slice(0, d) + t.slice(d + 1));
      if (near) {
        for (const cand of near as Set<string>) {
          const ids = index.tokens.get(cand);
          if (ids && (ids.length <= index.commonDf || !rareExists)) addAll(acc, ids, w * TOKEN_SIM.typo);
        }
      }
    }
    if (i + 1 < q.tokens.length) addAll(acc, index.tokens.get(t + (q.tokens[i + 1] ?? '')), w);
    addAll(acc, index.joined.get(t), w);
  }
  return top(acc, total * minCandidateShare(threshold) - skipped);
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
