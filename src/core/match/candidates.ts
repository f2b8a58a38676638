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

/** Unknown words remembered per index before the memo of unknown words starts afresh. */
const UNKNOWN_CACHE_MAX = 20_000;

/** Tokens of the index one edit from `t` (excluding `t`), through the one-deletion keys. */
export function typoNeighbours(t: string, index: ScreenIndex): readonly string[] {
  // The memos first: once warm, a token is found in one lookup (only indexed tokens are in the first).
  const memo = index.neighbourCache.get(t) ?? index.unknownNeighbourCache.get(t);
  if (memo) return memo;
  const known = index.tokens.has(t);
  const cache = known ? index.neighbourCache : index.unknownNeighbourCache;
  let near: string[] | null = null;
  const look = (k: string): void => {
    const found = index.deletions.get(k);
    if (found) for (const cand of found) if (cand !== t && withinOneEdit(t, cand) && !(near ??= []).includes(cand)) near.push(cand);
  };
  look(t);
  for (let d = 0; d < t.length; d++) look(t.slice(0, d) + t.slice(d + 1));
  const out: readonly string[] = near ?? NONE;
  // The index's own vocabulary is finite, so its neighbours are kept; unknown words are not
  // bounded, but a batch repeats them (brands, surnames), so a bounded memo keeps the recent ones.
  if (!known && cache.size >= UNKNOWN_CACHE_MAX) cache.clear();
  cache.set(t, out);
  return out;
}

const NONE: readonly string[] = [];

/** Whether sorted `ids` holds `id` (postings are in ascending name order). */
function holds(ids: readonly number[], id: number): boolean {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ids[mid] ?? 0;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

interface Source {
  ids: readonly number[];
  w: number;
}

/**
 * Latin candidates from the token index: exact tokens and accepted abbreviations, tokens one
 * edit away (through the one-deletion keys), and two words written as one. Rare tokens are
 * looked up first; once the tokens left could not lift a new name to the cut-off, the longer
 * postings only update names already found. Postings of very common tokens are skipped while
 * rarer tokens exist (their weight then lowers the cut-off), so no query scans the index and
 * no name that could reach the threshold is missed.
 */
export function latinCandidates(form: QueryForm, index: ScreenIndex, threshold: number): number[] {
  const q = form.latin;
  if (!q) return [];
  let total = 0;
  let skipped = 0;
  const postings = q.tokens.map((t) => index.tokens.get(t));
  const rareExists = postings.some((p, i) => q.kinds[i] !== 'stop' && p !== undefined && p.length <= index.commonDf);
  const usable = (ids: readonly number[] | undefined): ids is readonly number[] => ids !== undefined && (ids.length <= index.commonDf || !rareExists);
  // Legal forms and filler words weigh (almost) nothing, but their postings are the longest.
  const onlyWeak = q.kinds.every((k) => k === 'legal' || k === 'stop');
  const groups: { w: number; size: number; sources: Source[] }[] = [];
  for (let i = 0; i < q.tokens.length; i++) {
    const t = q.tokens[i] ?? '';
    const w = q.weights[i] ?? 0;
    if (q.kinds[i] === 'stop' || w === 0) continue;
    total += w;
    if (q.kinds[i] === 'legal' && !onlyWeak) continue;
    const sources: Source[] = [];
    const own = postings[i];
    if (usable(own)) sources.push({ ids: own, w });
    else if (own) skipped += w; // not looked up: any name may hold it, so the cut-off allows for it
    for (const k of q.alts[i] ?? []) {
      const ids = k === t ? undefined : index.tokens.get(k);
      if (usable(ids)) sources.push({ ids, w });
    }
    // Typo neighbours even of a token the index knows: "Wang" may be a typo of "Wong".
    if (t.length >= MIN_TYPO_LENGTH && !DIGIT.test(t)) {
      let skippedNear = false;
      for (const cand of q.near?.[i] ?? typoNeighbours(t, index)) {
        const ids = index.tokens.get(cand);
        if (usable(ids)) sources.push({ ids, w: w * TOKEN_SIM.typo });
        else if (ids) skippedNear = true;
      }
      if (skippedNear && !own) skipped += w * TOKEN_SIM.typo;
    }
    const pair = i + 1 < q.tokens.length ? index.tokens.get(t + (q.tokens[i + 1] ?? '')) : undefined;
    if (pair) sources.push({ ids: pair, w });
    const joined = index.joined.get(t);
    if (joined) sources.push({ ids: joined, w });
    if (sources.length) groups.push({ w, size: sources.reduce((n, x) => n + x.ids.length, 0), sources });
  }
  const cut = total * minCandidateShare(threshold) - skipped;
  groups.sort((a, b) => a.size - b.size);
  let remaining = groups.reduce((n, g) => n + g.w, 0);
  // Sums live in arrays indexed by name id (reused across queries) rather than a Map: the
  // postings loops are the hottest code of a batch. Same sums, added in the same order.
  const acc = scratchOf(index);
  const { score, held, touched } = acc;
  let n = 0;
  try {
    for (const g of groups) {
      const allowNew = remaining >= cut;
      remaining -= g.w;
      for (const src of g.sources) {
        const ids = src.ids;
        const w = src.w;
        if (allowNew) {
          for (let k = 0; k < ids.length; k++) {
            const id = ids[k] as number;
            if (held[id]) score[id] = (score[id] as number) + w;
            else {
              held[id] = 1;
              score[id] = w;
              touched[n++] = id;
            }
          }
        } else if (n * 8 < ids.length) {
          for (let k = 0; k < n; k++) {
            const id = touched[k] as number;
            if (holds(ids, id)) score[id] = (score[id] as number) + w;
          }
        } else {
          for (let k = 0; k < ids.length; k++) {
            const id = ids[k] as number;
            if (held[id]) score[id] = (score[id] as number) + w;
          }
        }
      }
    }
    const arr: number[] = [];
    for (let k = 0; k < n; k++) if ((score[touched[k] as number] as number) >= cut) arr.push(touched[k] as number);
    // Ties (e.g. 100+ Entity List names holding "Huawei Technologies") go to the names with the
    // least weight left unexplained, so the cut at MAX_CANDIDATES keeps the closest names.
    const nw = nameWeights(index);
    arr.sort((a, b) => (score[b] as number) - (score[a] as number) || (nw[a] as number) - (nw[b] as number) || a - b);
    if (arr.length > MAX_CANDIDATES) arr.length = MAX_CANDIDATES;
    return arr;
  } finally {
    for (let k = 0; k < n; k++) held[touched[k] as number] = 0;
  }
}

const NAME_WEIGHTS = new WeakMap<ScreenIndex, Float64Array>();

/** Total token weight of each Latin name of the index (computed once per index). */
function nameWeights(index: ScreenIndex): Float64Array {
  let w = NAME_WEIGHTS.get(index);
  if (!w) {
    w = new Float64Array(index.latinNames.length);
    index.latinNames.forEach((n, i) => { w![i] = n?.weights.reduce((x, y) => x + y, 0) ?? 0; });
    NAME_WEIGHTS.set(index, w);
  }
  return w;
}

/** Per-index arrays of the candidate search: a sum and a "seen" flag per name, and the names seen. */
interface Scratch {
  score: Float64Array;
  held: Uint8Array;
  touched: Int32Array;
}

const scratches = new WeakMap<ScreenIndex, Scratch>();

function scratchOf(index: ScreenIndex): Scratch {
  let s = scratches.get(index);
  if (!s) {
    const size = index.snapshot.names.length;
    s = { score: new Float64Array(size), held: new Uint8Array(size), touched: new Int32Array(size) };
    scratches.set(index, s);
  }
  return s;
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
