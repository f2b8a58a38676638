import { hanGrams, pinyinCharKeys } from './build-index.js';
import { findKey, forEachDeletion } from './deletion-table.js';
import { joinedNames } from './joined.js';
import { holds } from './postings.js';
import { MAX_TYPO_LENGTH, MIN_TYPO_LENGTH, typoEdits } from './similarity.js';
import { MIN_TRUNCATED, TOKEN_SIM, gluedToFoldedPlural, mayBeInitials, shortTruncationAllowed } from './latin-features.js';
import { DISTINCTIVE_MIN_QC, FULL_COVERAGE_FEATURES, LATIN_WEIGHTS, PINYIN_WEIGHTS, latinBound } from './score.js';
import { tokenKind } from '../normalise/latin.js';
import type { QueryForm } from './query.js';
import type { ScreenIndex } from './types.js';

/**
 * Share of a query form's weight (Σ IDF × kind) a name must explain for its Latin score to
 * reach `threshold`. The score is Σ weight × feature value, every value in [0, 1]; apart from
 * query coverage, the positive weights can add at most their sum. So a name whose query
 * coverage is below (threshold − that sum) / weight of query coverage cannot reach the
 * threshold: exactly, with no slack, which is what lets the candidate search be lossless.
 */
export function minCandidateShare(threshold: number): number {
  // Every query of a batch asks with the same threshold: the last answer is kept.
  if (threshold === lastShare.threshold) return lastShare.share;
  const share = candidateShare(threshold);
  lastShare = { threshold, share };
  return share;
}

let lastShare = { threshold: NaN, share: 0 };

function candidateShare(threshold: number): number {
  const w = LATIN_WEIGHTS;
  let other = 0;
  let full = 0;
  for (const [k, v] of Object.entries(w)) {
    if (k === 'query_coverage' || v <= 0) continue;
    if (FULL_COVERAGE_FEATURES.includes(k)) full += v;
    else other += v;
  }
  const qc = w.query_coverage ?? 1;
  const plain = (threshold - other) / qc;
  // A distinctive-name or omitted-given-names match adds its weight, but only with coverage ≥ DISTINCTIVE_MIN_QC.
  const distinct = Math.max(DISTINCTIVE_MIN_QC, (threshold - other - full) / qc);
  return Math.max(0, Math.min(plain, distinct));
}

const DIGIT = /\d/;

function addAll(acc: Map<number, number>, ids: readonly number[] | undefined, w: number): void {
  if (!ids) return;
  for (const id of ids) acc.set(id, (acc.get(id) ?? 0) + w);
}

function keysAtLeast(acc: Map<number, number>, min: number): number[] {
  const arr: number[] = [];
  for (const [id, s] of acc) if (s >= min) arr.push(id);
  return arr.sort((a, b) => a - b);
}

/** Unknown words remembered per index before the memo of unknown words starts afresh. */
const UNKNOWN_CACHE_MAX = 20_000;

/**
 * Tokens of the index within the edits their length allows (`typoEdits`: one edit from 4
 * letters, two when both have 9+), excluding `t`, through the deletion keys (symmetric
 * deletion: two strings within k edits share a string made by at most k deletions from each).
 * Tokens longer than MAX_TYPO_LENGTH get none, so the work per token is bounded.
 */
export function typoNeighbours(t: string, index: ScreenIndex): readonly string[] {
  if (t.length < MIN_TYPO_LENGTH || t.length > MAX_TYPO_LENGTH) return NONE;
  // The memos first: once warm, a token is found in one lookup (only indexed tokens are in the first).
  const memo = index.neighbourCache.get(t) ?? index.unknownNeighbourCache.get(t);
  if (memo) return memo;
  const known = index.tokens.has(t);
  const cache = known ? index.neighbourCache : index.unknownNeighbourCache;
  let near: string[] | null = null;
  const { postStart, posts } = index.deletions;
  // The keys of deletionKeys(t) in its order, found without making them: a key met again gives
  // only tokens already taken or refused.
  forEachDeletion(t, (s1, s2) => {
    const key = findKey(index.deletions, t, s1, s2);
    if (key < 0) return;
    for (let p = postStart[key] as number, end = postStart[key + 1] as number; p < end; p++) {
      const cand = index.tokenList[posts[p] as number] as string;
      if (cand !== t && !(near ?? NONE).includes(cand) && typoEdits(t, cand) !== null) (near ??= []).push(cand);
    }
  });
  const out: readonly string[] = near ?? NONE;
  // The index's own vocabulary is finite, so its neighbours are kept; unknown words are not
  // bounded, but a batch repeats them (brands, surnames), so a bounded memo keeps the recent ones.
  if (!known && cache.size >= UNKNOWN_CACHE_MAX) cache.clear();
  cache.set(t, out);
  return out;
}

const NONE: readonly string[] = [];

/**
 * Latin candidates from the token index: exact tokens and accepted abbreviations, tokens one
 * edit away (through the one-deletion keys), and two words written as one. Rare tokens are
 * looked up first; once the tokens left could not lift a new name to the cut-off, the longer
 * postings only update names already found. Postings of very common tokens are skipped while
 * rarer tokens exist (their weight then lowers the cut-off), so no query scans the index and
 * no name that could reach the threshold is missed. Past the cut-off, the same sums on the
 * name's side bound its name coverage: a name the query explains too little of to reach the
 * threshold whatever its other features (`latinBound`) is left out.
 */
export function latinCandidates(form: QueryForm, index: ScreenIndex, threshold: number): number[] {
  const q = form.latin;
  if (!q) return [];
  const first = latinSearch(q, index, threshold, true);
  // When the skipped common postings alone could carry a name to the threshold, nothing can be
  // skipped: search again through every posting (low thresholds, or queries of common words).
  return first ?? latinSearch(q, index, threshold, false) ?? [];
}

/** The first position in the sorted vocabulary `v` whose token is not less than `p` (binary search). */
function lowerBound(v: readonly string[], p: string): number {
  let lo = 0;
  let hi = v.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((v[mid] as string) < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Vocabulary tokens that extend `p` (longer, same start) and are name words, in order. */
function prefixExtensions(p: string, index: ScreenIndex): string[] {
  const v = index.vocabulary;
  const lo = lowerBound(v, p);
  const out: string[] = [];
  for (let k = lo; k < v.length && (v[k] as string).startsWith(p); k++) {
    const t = v[k] as string;
    if (t.length > p.length && tokenKind(t) === 'core') out.push(t);
  }
  return out;
}

/**
 * What the candidate search looks up for one query token, whatever query it comes in: its
 * postings, the names whose abbreviation accepts it, the postings of its typo neighbours and of
 * the name words it abbreviates, the names that write it as joined words, and whether a longer
 * indexed token starts with it. Memoised per index (a batch repeats its words), so a word costs
 * one lookup instead of a dozen; the search reads exactly the postings it read before, in the same order.
 */
export interface TokenLookups {
  /** The typo neighbours the entry was made from (`typoNeighbours`, or the query's own `near`). */
  near: readonly string[];
  own: readonly number[] | undefined;
  /** IDF of the token, undefined when no indexed name has it. */
  idf: number | undefined;
  /** Of `near`, the token held by the most names (`commonest`), or null. */
  commonest: string | null;
  altNames: readonly number[] | undefined;
  /** Postings of `near`, in its order (the neighbours that have postings). */
  typo: (readonly number[])[];
  /** The IDF of each of `typo`'s tokens (what it can explain of a name, see `Gather.nw`). */
  typoIdf: number[];
  /** Postings of `prefixExtensions(t)` (tokens of 3+ letters), in vocabulary order. */
  prefix: (readonly number[])[];
  /** The IDF of each of `prefix`'s tokens. */
  prefixIdf: number[];
  joined: readonly number[] | undefined;
  /** Some longer indexed token starts with this one (else no join with the next words is a token). */
  extended: boolean;
  digit: boolean;
}

const lookupMemos = new WeakMap<ScreenIndex, { known: Map<string, TokenLookups>; unknown: Map<string, TokenLookups> }>();

/** The memoised lookups of one token (see `TokenLookups`); `near` when the query already found its typo neighbours. */
export function tokenLookups(t: string, near: readonly string[] | undefined, index: ScreenIndex): TokenLookups {
  let memo = lookupMemos.get(index);
  if (!memo) lookupMemos.set(index, (memo = { known: new Map(), unknown: new Map() }));
  const hit = memo.known.get(t) ?? memo.unknown.get(t);
  // `near` of a query token is the entry's own list (query.ts); an entry made from other neighbours is remade.
  if (hit && (near === undefined || near === hit.near)) return hit;
  const own = index.tokens.get(t);
  const digit = DIGIT.test(t);
  const nb = near ?? (digit ? NONE : typoNeighbours(t, index));
  const typo: (readonly number[])[] = [];
  const typoIdf: number[] = [];
  let commonest: string | null = null;
  let bestDf = 0;
  for (const c of nb) {
    const ids = index.tokens.get(c);
    if (!ids) continue;
    typo.push(ids);
    typoIdf.push(idfOf(c, index));
    if (ids.length > bestDf) {
      commonest = c;
      bestDf = ids.length;
    }
  }
  const prefix: (readonly number[])[] = [];
  const prefixIdf: number[] = [];
  if (t.length >= 3) for (const ext of prefixExtensions(t, index)) {
    const ids = index.tokens.get(ext);
    if (ids) {
      prefix.push(ids);
      prefixIdf.push(idfOf(ext, index));
    }
  }
  const entry: TokenLookups = { near: nb, own, idf: index.idf.get(t), commonest, altNames: index.altTokens.get(t), typo, typoIdf, prefix, prefixIdf, joined: joinedNames(t, index), extended: extendedToken(t, index), digit };
  const map = own ? memo.known : memo.unknown;
  // Indexed words are bounded by the vocabulary; other words are not, so their memo starts afresh when full.
  if (!own && map.size >= UNKNOWN_CACHE_MAX) map.clear();
  map.set(t, entry);
  return entry;
}

/** Whether a vocabulary token longer than `p` starts with `p` (the sorted vocabulary puts it right after `p`). */
function extendedToken(p: string, index: ScreenIndex): boolean {
  const v = index.vocabulary;
  let lo = lowerBound(v, p);
  if (v[lo] === p) lo++;
  return lo < v.length && (v[lo] as string).startsWith(p);
}

/** IDF of an indexed token, 0 for one no name has. */
function idfOf(t: string, index: ScreenIndex): number {
  return index.idf.get(t) ?? 0;
}

/**
 * The sources of a query, one token at a time (`next`), and what the search leaves out: the
 * most the token can add to a name it is not looked up in (`skip`, query side) and, over all
 * tokens, what the left-out sources can explain of any name (`nameSkipped`). Postings longer than
 * `maxDf` are left out. A source is three parallel entries (its postings, what it adds to the
 * query's matched weight, `w`, and to the name's, `nw`: name-side IDF × kind factor ≤ IDF); a
 * token's sources are a group, `groupStart[k] … groupStart[k] + groupCount[k]`. One instance is
 * reused by every query (`GATHER`): a query's sources are read (sumPostings) before the next
 * query gathers, and the search allocated about a fifth of a batch's memory in source objects.
 */
class Gather {
  ids: (readonly number[])[] = [];
  w: number[] = [];
  nw: number[] = [];
  /** Sources of the query so far. */
  n = 0;
  /** First source of the current token. */
  private first = 0;
  skip = 0;
  nameSkipped = 0;
  private maxDf = Infinity;
  /** Per group (token with sources): first source, number of sources, the most any adds, total postings length. */
  groupStart: number[] = [];
  groupCount: number[] = [];
  groupW: number[] = [];
  groupSize: number[] = [];
  groups = 0;
  /** The groups' numbers in `bySize` order (reused). */
  private order: number[] = [];

  /** Starts a query: no sources, postings longer than `maxDf` left out. */
  reset(maxDf: number): this {
    this.n = 0;
    this.groups = 0;
    this.nameSkipped = 0;
    this.maxDf = maxDf;
    return this;
  }

  /** Starts the next token's sources. */
  next(): this {
    this.first = this.n;
    this.skip = 0;
    return this;
  }

  /** Looks `ids` up, or leaves it out when its postings are too long (common words). */
  add(ids: readonly number[] | undefined, w: number, nw: number): void {
    if (!ids) return;
    if (ids.length <= this.maxDf) {
      this.ids[this.n] = ids;
      this.w[this.n] = w;
      this.nw[this.n] = nw;
      this.n++;
    } else {
      this.skip = Math.max(this.skip, w);
      this.nameSkipped += nw;
    }
  }

  /**
   * `add`, unless the token's own matches are not looked up (`notLookedUp`: a legal form, a
   * weightless word): their query weight is already off the cut-off, but the name words they may
   * still explain count on the name's side for every name.
   */
  own(ids: readonly number[] | undefined, w: number, nw: number, notLookedUp: boolean): void {
    if (!notLookedUp) this.add(ids, w, nw);
    else if (ids) this.nameSkipped += nw;
  }

  /** A match no lookup finds (initials, a cut-off last word): lowers both cut-offs. */
  skipAny(w: number, nw: number): void {
    this.skip = Math.max(this.skip, w);
    this.nameSkipped += nw;
  }

  /** Ends the current token: its sources, if any, become a group. */
  endToken(): void {
    if (this.n === this.first) return;
    let gw = 0;
    let size = 0;
    for (let k = this.first; k < this.n; k++) {
      gw = Math.max(gw, this.w[k] as number);
      size += (this.ids[k] as readonly number[]).length;
    }
    const g = this.groups++;
    this.groupStart[g] = this.first;
    this.groupCount[g] = this.n - this.first;
    this.groupW[g] = gw;
    this.groupSize[g] = size;
  }

  /** The groups' numbers by total postings length, shortest first; equal lengths in token order (a stable insertion sort: a query has at most MAX_QUERY_TOKENS groups). */
  bySize(): number[] {
    const order = this.order;
    for (let g = 0; g < this.groups; g++) {
      const size = this.groupSize[g] as number;
      let k = g;
      while (k > 0 && (this.groupSize[order[k - 1] as number] as number) > size) {
        order[k] = order[k - 1] as number;
        k--;
      }
      order[k] = g;
    }
    order.length = this.groups;
    return order;
  }
}

/** The gather scratch every query reuses (see Gather). */
const GATHER = new Gather();
/** Each query token's lookups, reused likewise. */
const LOOKUPS: TokenLookups[] = [];

/** What the gather pass of `latinSearch` found: the sources per query token (in `GATHER`) and the cut-off's terms. */
interface Gathered {
  gather: Gather;
  /** Σ of the query's weights. */
  total: number;
  /** What the sources not looked up could add on the query's side. */
  skipped: number;
}

/**
 * One pass of the search: sources per query token (`gatherSources`), the cut-off, then the
 * postings (`sumPostings`). With `skipCommon`, postings longer than `commonDf` are left out while
 * rarer tokens exist (their weight lowers the cut-off); returns null when that makes the cut-off
 * non-positive, since then a name holding only skipped words could still qualify. (Two functions
 * of their own: V8 compiles, and recompiles when a rare branch first runs, each alone.)
 */
function latinSearch(q: NonNullable<QueryForm['latin']>, index: ScreenIndex, threshold: number, skipCommon: boolean): number[] | null {
  const g = gatherSources(q, index, skipCommon);
  // A tiny tolerance for floating-point sums: a name exactly at the cut-off must stay in.
  const cut = g.total * minCandidateShare(threshold) - g.skipped - 1e-9;
  if (cut <= 0 && g.skipped > 0 && skipCommon) return null;
  return sumPostings(g, cut, index, threshold);
}

/** The gather pass of `latinSearch`: each query token's sources, what is left out, and the weights. */
function gatherSources(q: NonNullable<QueryForm['latin']>, index: ScreenIndex, skipCommon: boolean): Gathered {
  let total = 0;
  let skipped = 0;
  // The same bound on the name's side: what the sources a name is found in can explain of it,
  // plus what the sources not looked up could explain of any name (`nameSkipped`). A name token
  // that is not known from the source (the words a query word joins or stands for as initials,
  // or an abbreviation of the name's own) counts the highest IDF a token can have.
  const anyIdf = index.unknownIdf;
  // (Loops over a reused array rather than map/some/every: this runs for every query form.)
  const lookups = LOOKUPS;
  lookups.length = q.tokens.length;
  let rareExists = false;
  // Legal forms and filler words weigh (almost) nothing, but their postings are the longest.
  let onlyWeak = true;
  for (let i = 0; i < q.tokens.length; i++) {
    const l = tokenLookups(q.tokens[i] as string, q.near?.[i], index);
    lookups[i] = l;
    const kind = q.kinds[i];
    if (skipCommon && kind !== 'stop' && l.own !== undefined && l.own.length <= index.commonDf) rareExists = true;
    if (kind !== 'legal' && kind !== 'stop') onlyWeak = false;
  }
  const gather = GATHER.reset(rareExists ? index.commonDf : Infinity);
  for (let i = 0; i < q.tokens.length; i++) {
    const t = q.tokens[i] ?? '';
    const lk = lookups[i] as TokenLookups;
    const w = q.weights[i] ?? 0;
    const weightless = q.kinds[i] === 'stop' || w === 0;
    if (!weightless) total += w;
    // A legal form's own postings are the longest and it weighs almost nothing: not looked up
    // (its weight lowers the cut-off), but it may still be joined to the next word ("JSCARGUMENT").
    // A filler word weighs nothing itself, but may be joined to the next words ("A VIC" = "AVIC").
    const skipOwn = weightless || (q.kinds[i] === 'legal' && !onlyWeak && skipCommon);
    if (skipOwn && !weightless) skipped += w;
    const g = gather.next();
    g.own(lk.own, w, lk.idf ?? 0, skipOwn);
    for (const k of q.alts[i] ?? NONE) if (k !== t) g.own(index.tokens.get(k), w, idfOf(k, index), skipOwn);
    // A name whose own abbreviation accepts this word ("elec" → electric).
    g.own(lk.altNames, w, anyIdf, skipOwn);
    if (!lk.digit) {
      // Typo neighbours even of a token the index knows: "Wang" may be a typo of "Wong".
      for (let k = 0; k < lk.typo.length; k++) g.own(lk.typo[k], w * TOKEN_SIM.typo, lk.typoIdf[k] ?? 0, skipOwn);
      // A prefix abbreviation of a name word ("Precn" → "Precision").
      if (q.kinds[i] === 'core' && t.length >= 3) for (let k = 0; k < lk.prefix.length; k++) g.own(lk.prefix[k], w * TOKEN_SIM.prefix, lk.prefixIdf[k] ?? 0, skipOwn);
    }
    // Two query words written as one in the name: both words count. Only a word that begins a
    // longer indexed token can be the start of one (most words are not: no lookup then).
    if (i + 1 < q.tokens.length) {
      const n1 = q.tokens[i + 1] ?? '';
      if (lk.extended || !n1) {
        const j = t + n1;
        g.add(index.tokens.get(j), w + (q.weights[i + 1] ?? 0), idfOf(j, index));
      }
      // A legal form glued to a folded plural ("siemen ag" → "siemensag"; see isJoinFoldedPlural).
      const glued = lk.extended && q.kinds[i + 1] === 'legal' ? gluedToFoldedPlural(t, n1) : null;
      if (glued) g.add(index.tokens.get(glued), w + (q.weights[i + 1] ?? 0), idfOf(glued, index));
      if (i + 2 < q.tokens.length) {
        const n2 = q.tokens[i + 2] ?? '';
        if (lk.extended || !(n1 || n2)) {
          const j = t + n1 + n2;
          g.add(index.tokens.get(j), w + (q.weights[i + 1] ?? 0) + (q.weights[i + 2] ?? 0), idfOf(j, index));
        }
      }
    }
    // Two or three name words written as this one (the scorer splits any query word, even a weightless one).
    g.own(lk.joined, w, 3 * anyIdf, weightless);
    // Initials of a person's given names ("JC" for "Jean Claude"), through the index's initials
    // keys; a word written as initials ("U.S.") may stand for any name's words, so what it may add
    // lowers the cut-off instead (such queries are few).
    if (mayBeInitials(q, i)) {
      if (q.initials?.[i]) g.skipAny(w * TOKEN_SIM.initials, t.length * anyIdf);
      else g.add(index.initials.get(t), w * TOKEN_SIM.initials, t.length * anyIdf);
    }
    // A truncated last word too short for the prefix lookup ("DR" for "Drissi", long queries only):
    // what it may add lowers the cut-off instead (see truncatedLast), so no name it lifts is lost.
    if (i === q.tokens.length - 1 && q.kinds[i] === 'core' && t.length >= MIN_TRUNCATED && t.length < 3 && !lk.digit && shortTruncationAllowed(q)) g.skipAny(w * TOKEN_SIM.prefix, anyIdf);
    skipped += g.skip;
    g.endToken();
  }
  return { gather, total, skipped };
}

/**
 * The postings pass of `latinSearch`: sums per name over the groups (smallest first; once the
 * groups left cannot lift a new name to `cut`, only names already found are updated), then the
 * names past the cut-off whose name coverage can still reach the threshold, in id order.
 */
function sumPostings(g: Gathered, cut: number, index: ScreenIndex, threshold: number): number[] {
  const { gather, total, skipped } = g;
  const order = gather.bySize();
  let remaining = 0;
  for (let k = 0; k < order.length; k++) remaining += gather.groupW[order[k] as number] as number;
  // Sums live in arrays indexed by name id (reused across queries) rather than a Map: the
  // postings loops are the hottest code of a batch. Same sums, added in the same order.
  const acc = scratchOf(index);
  const { score, nameScore, held, touched } = acc;
  let n = 0;
  try {
    for (let o = 0; o < order.length; o++) {
      const grp = order[o] as number;
      const allowNew = remaining >= cut;
      remaining -= gather.groupW[grp] as number;
      for (let s = gather.groupStart[grp] as number, end = s + (gather.groupCount[grp] as number); s < end; s++) {
        const ids = gather.ids[s] as readonly number[];
        const w = gather.w[s] as number;
        const nw = gather.nw[s] as number;
        if (allowNew) {
          for (let k = 0; k < ids.length; k++) {
            const id = ids[k] as number;
            if (held[id]) {
              score[id] = (score[id] as number) + w;
              nameScore[id] = (nameScore[id] as number) + nw;
            } else {
              held[id] = 1;
              score[id] = w;
              nameScore[id] = nw;
              touched[n++] = id;
            }
          }
        } else if (n * 8 < ids.length) {
          for (let k = 0; k < n; k++) {
            const id = touched[k] as number;
            if (holds(ids, id)) {
              score[id] = (score[id] as number) + w;
              nameScore[id] = (nameScore[id] as number) + nw;
            }
          }
        } else {
          for (let k = 0; k < ids.length; k++) {
            const id = ids[k] as number;
            if (held[id]) {
              score[id] = (score[id] as number) + w;
              nameScore[id] = (nameScore[id] as number) + nw;
            }
          }
        }
      }
    }
    const arr: number[] = [];
    const { nameWeight } = index;
    for (let k = 0; k < n; k++) {
      const id = touched[k] as number;
      const qs = score[id] as number;
      if (qs < cut) continue;
      // Past the query-side cut-off, a name most of which the query cannot explain is left out
      // when even the best the other features could add would not lift it to the threshold:
      // the bounds of both coverages, with the same tolerance as the cut-off.
      const nwt = nameWeight[id] as number;
      if (total > 0 && nwt > 0) {
        const qcMax = Math.min(1, (qs + skipped) / total);
        const ncMax = Math.min(1, ((nameScore[id] as number) + gather.nameSkipped) / nwt);
        if (latinBound(qcMax, ncMax) < threshold - 1e-9) continue;
      }
      arr.push(id);
    }
    arr.sort((a, b) => a - b);
    return arr;
  } finally {
    for (let k = 0; k < n; k++) held[touched[k] as number] = 0;
  }
}

/** Per-index arrays of the candidate search: a sum and a "seen" flag per name, and the names seen. */
interface Scratch {
  score: Float64Array;
  /** The name-side sums (see `Gather.nw`). */
  nameScore: Float64Array;
  held: Uint8Array;
  touched: Int32Array;
}

const scratches = new WeakMap<ScreenIndex, Scratch>();

function scratchOf(index: ScreenIndex): Scratch {
  let s = scratches.get(index);
  if (!s) {
    const size = index.snapshot.names.length;
    s = { score: new Float64Array(size), nameScore: new Float64Array(size), held: new Uint8Array(size), touched: new Int32Array(size) };
    scratches.set(index, s);
  }
  return s;
}

/** Han candidates: every name sharing a character bigram (or its one character) with the query's core. */
export function hanCandidates(form: QueryForm, index: ScreenIndex): number[] {
  if (!form.han) return [];
  const acc = new Map<number, number>();
  const grams = new Set([...hanGrams(form.han.coreNoPlace), ...hanGrams(form.han.core)]);
  for (const g of grams) addAll(acc, index.hanGrams.get(g), 1);
  return keysAtLeast(acc, 1);
}

/**
 * Pinyin candidates, lossless for the threshold: the pinyin score is
 * w × (1 − edits ÷ L) (L the longer joined length), so a name needs edits ≤ d = (1 − t/w)·L;
 * such a name differs in length by at most d and shares at least L − 1 − 2d character
 * bigrams with the query (the q-gram count filter). Names are found through their character
 * bigrams; when the filter asks for none, every name of a feasible length is a candidate.
 */
export function pinyinCandidates(form: QueryForm, index: ScreenIndex, threshold: number): number[] {
  if (!form.pinyin) return [];
  const q = form.pinyin.join('');
  const la = q.length;
  const wp = PINYIN_WEIGHTS.pinyin_core ?? 1;
  const need = threshold / wp;
  if (need > 1 || la === 0) return [];
  const dmax = (L: number): number => Math.floor((1 - need) * L + 1e-9);
  const counts = new Map<number, number>();
  for (const k of pinyinCharKeys(q)) addAll(counts, index.pinyinChars.get(k), 1);
  const out = new Set<number>();
  for (const [lb, ids] of index.pinyinByLength) {
    const L = Math.max(la, lb);
    const d = dmax(L);
    if (Math.abs(la - lb) > d) continue;
    const required = L - 1 - 2 * d;
    if (required <= 0) for (const id of ids) out.add(id);
  }
  for (const [id, c] of counts) {
    if (out.has(id)) continue;
    const lb = index.pinyinLength[id] ?? 0;
    const L = Math.max(la, lb);
    const d = dmax(L);
    if (Math.abs(la - lb) <= d && c >= L - 1 - 2 * d) out.add(id);
  }
  return [...out].sort((a, b) => a - b);
}
