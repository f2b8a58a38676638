import { analyseName, queryAlternatives, type HanForm } from '../normalise/pipeline.js';
import { stripLegalPinyin, stripPlacePinyin, toPinyin } from '../normalise/chinese.js';
import { basicLatin, tokenize } from '../normalise/text.js';
import { QUERY_KIND_FACTOR, weightedTokens, type WeightedTokens } from './latin-features.js';
import { tokenLookups } from './candidates.js';
import { tokenKind, type TokenKind } from '../normalise/latin.js';
import { translatedReading } from '../normalise/zh-words.js';
import type { ScreenIndex } from './types.js';

/** One form of a query the matcher tries: as typed, one part of it, and in each script. */
export interface QueryForm {
  /** Which text this form came from, e.g. the whole query or the part "ZEMIC". */
  text: string;
  /** True for a part of the query (split on ";" or parentheses) rather than the whole. */
  part: boolean;
  latin: WeightedTokens | null;
  han: HanForm | null;
  /** Pinyin syllables (legal form and leading place removed) when every Latin word reads as pinyin. */
  pinyin: string[] | null;
  /** Notes from normalisation (branch ignored, abbreviation expanded, converted to simplified…). */
  notes: string[];
  /**
   * `pinyin` when `latin` is the pinyin reading of a Chinese-script query (习近平 → xi jin ping),
   * matched against the names a list prints in Latin letters only.
   */
  reading?: 'pinyin';
}

/**
 * Splits a Latin word into pinyin syllables known to the index, fewest syllables first
 * ("tengxun" → teng xun). Tone digits are dropped ("teng2xun4"). Null when it does not split.
 */
export function segmentPinyin(word: string, syllables: ReadonlySet<string>, maxLen: number): string[] | null {
  // No company name has a pinyin word this long; longer ones are not read as pinyin (bounded work).
  if (word.length > MAX_PINYIN_WORD) return null;
  const w = word.replace(/[1-5]/g, '');
  if (!/^[a-z]+$/.test(w)) return null;
  const best: (string[] | null)[] = new Array(w.length + 1).fill(null);
  best[0] = [];
  for (let i = 0; i < w.length; i++) {
    const cur = best[i];
    if (!cur) continue;
    for (let l = 1; l <= maxLen && i + l <= w.length; l++) {
      const s = w.slice(i, i + l);
      if (!syllables.has(s)) continue;
      const prev = best[i + l];
      if (!prev || prev.length > cur.length + 1) best[i + l] = [...cur, s];
    }
  }
  return best[w.length] ?? null;
}

/** Longest Latin word that is tried as joined pinyin syllables. */
export const MAX_PINYIN_WORD = 64;

/** Latin tokens of one query form that are matched; names have far fewer, and the cap bounds the work. */
export const MAX_QUERY_TOKENS = 32;

/** Words remembered per index before the memo of segmentations starts afresh. */
const SEGMENT_CACHE_MAX = 20_000;
const segmentCaches = new WeakMap<ScreenIndex, Map<string, readonly string[] | null>>();

/** `segmentPinyin` against the index's syllables, memoised: batches repeat words, and each segmentation slices every substring. */
function segmentWord(w: string, index: ScreenIndex): readonly string[] | null {
  let cache = segmentCaches.get(index);
  if (!cache) segmentCaches.set(index, (cache = new Map()));
  const hit = cache.get(w);
  if (hit !== undefined) return hit;
  const s = segmentPinyin(w, index.syllables, index.maxSyllable);
  if (cache.size >= SEGMENT_CACHE_MAX) cache.clear();
  cache.set(w, s);
  return s;
}

/** The query's words read as pinyin, without legal-form syllables and a leading place; null if not pinyin. */
export function pinyinOfQuery(text: string, index: ScreenIndex): string[] | null {
  const words = tokenize(basicLatin(text));
  if (!words.length) return null;
  const syl: string[] = [];
  for (const w of words) {
    const s = segmentWord(w, index);
    if (!s) return null;
    syl.push(...s);
  }
  const core = stripPlacePinyin(stripLegalPinyin(syl).core).core;
  return core.length >= 2 ? core : null;
}

const NO_ALTS: readonly string[] = [];

/** IDF × kind weights of query tokens; a token no indexed name has gets the highest IDF. `syllables` marks the pinyin syllables of a Chinese query. */
export function weighQuery(tokens: readonly string[], kinds: WeightedTokens['kinds'], alts: WeightedTokens['alts'], index: ScreenIndex, initials?: readonly boolean[], syllables?: true): WeightedTokens {
  // Built with push, not map or spread: arrays that TurboFan-compiled callers make with map are
  // holey while the interpreter's are packed, and every function that reads a query's arrays was
  // compiled again when the other kind first came (measured in one thread on 100,000 rows:
  // 122 → 103 deoptimisations, 383 → 358 compilations).
  const outKinds: WeightedTokens['kinds'][number][] = [];
  // Typo neighbours are found once here and reused by the candidate search.
  // (Short words and numbers have none: typoNeighbours and tokenLookups give them the empty list.)
  const nearAll: (readonly string[])[] = [];
  const weights: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // What the index holds for the word, memoised per index (tokenLookups: a batch repeats its words).
    const lk = tokenLookups(tokens[i] as string, undefined, index);
    nearAll.push(lk.near);
    let kind = kinds[i] ?? 'core';
    let idf = lk.idf;
    if (idf === undefined) {
      // A word no name has, one edit from one that many names have, is a typo of it:
      // "Cororation" weighs (and counts) like "Corporation", not like a rare word.
      // (lk.commonest is `commonest(lk.near)`: the same neighbours, memoised.)
      const near = lk.commonest;
      if (near) {
        idf = index.idf.get(near) ?? index.unknownIdf;
        if (kind === 'core') kind = tokenKind(near);
      }
    }
    idf ??= index.unknownIdf;
    for (const a of alts[i] ?? NO_ALTS) idf = Math.min(idf, index.idf.get(a) ?? idf);
    outKinds.push(kind);
    weights.push(idf * QUERY_KIND_FACTOR[kind]);
  }
  return weightedTokens({ tokens, kinds: outKinds, alts, weights, near: nearAll, initials, syllables });
}

/** Of the given tokens, the one held by the most names, or null. */
export function commonest(cands: readonly string[], index: ScreenIndex): string | null {
  let best: string | null = null;
  let bestDf = 0;
  for (const c of cands) {
    const df = index.tokens.get(c)?.length ?? 0;
    if (df > bestDf) {
      best = c;
      bestDf = df;
    }
  }
  return best;
}

/**
 * The kinds of a Chinese query's reading: every syllable is part of the name ("de" in 美的 is not
 * the filler word de); places stay weak and a business word read in English keeps its kind
 * ("group" a structure word). (Pushed, not mapped: see weighQuery.)
 */
function readingKinds(tokens: readonly string[]): TokenKind[] {
  const kinds: TokenKind[] = [];
  for (const t of tokens) {
    const k = tokenKind(t);
    kinds.push(k === 'place' || k === 'structure' ? k : 'core');
  }
  return kinds;
}

/** `n` nulls, pushed (see readingKinds). */
function noAlts(n: number): null[] {
  const out: null[] = [];
  for (let i = 0; i < n; i++) out.push(null);
  return out;
}

/** Every form of a query the matcher tries (whole and parts; Latin, Han and pinyin readings). */
export function analyseQuery(raw: string, index: ScreenIndex): QueryForm[] {
  const forms: QueryForm[] = [];
  const alternatives = queryAlternatives(raw);
  for (const text of alternatives) {
    const a = analyseName(text);
    const l = a.latin;
    const latin = l ? weighQuery(l.tokens.slice(0, MAX_QUERY_TOKENS), l.kinds.slice(0, MAX_QUERY_TOKENS), l.alts.slice(0, MAX_QUERY_TOKENS), index, l.initials?.slice(0, MAX_QUERY_TOKENS)) : null;
    const notes = [...(a.latin?.notes ?? []), ...(a.han?.notes ?? [])];
    if (a.converted) notes.push('traditional characters converted to simplified');
    const pinyin = a.latin && !a.han ? pinyinOfQuery(text, index) : null;
    const part = text !== alternatives[0];
    if (latin || a.han || pinyin) forms.push({ text, part, latin, han: a.han, pinyin, notes });
    // Chinese characters are also read as pinyin, one token per syllable, against Latin names:
    // 习近平 ↔ "Xi Jinping" (syllables joined as the list writes them), 王伟 ↔ "Wang Wei".
    if (a.han && !a.latin) {
      const core = a.han.core.slice(0, MAX_QUERY_TOKENS);
      const syl = toPinyin(core);
      if (syl.length) {
        const latin = weighQuery(syl, readingKinds(syl), noAlts(syl.length), index, undefined, true);
        forms.push({ text, part, latin, han: null, pinyin: null, notes: [...notes, `Chinese read as pinyin: ${syl.join(' ')}`], reading: 'pinyin' });
        // And with its business words in English, as lists print Chinese companies (技术 → technology).
        const tr = translatedReading(core, syl);
        if (tr) {
          const trLatin = weighQuery(tr.tokens, readingKinds(tr.tokens), tr.alts, index, undefined, true);
          forms.push({ text, part, latin: trLatin, han: null, pinyin: null, notes: [...notes, `Chinese read as pinyin with business words in English (CC-CEDICT): ${tr.tokens.join(' ')} (${tr.words.join(', ')})`], reading: 'pinyin' });
        }
      }
    }
  }
  return forms;
}
