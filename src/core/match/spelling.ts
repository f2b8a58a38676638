/**
 * One word spelled differently in a long name: "CVC Health Corporation" for "CVS Health
 * Corporation", "Hon Wai Precision Industry Co., Ltd." for "Hon Hai …". The token scorer gives
 * no credit for a short word one letter off (a three-letter word has too many neighbours to be
 * a typo on its own), so such a name scores on its other, generic, words alone. Read as a
 * whole, though, the two names are one typing slip apart, which is how peers compare names
 * (a Levenshtein ratio of the normalised names). This rule gives that reading, narrowly:
 * the same words in the same order but one; that word a name word (not a legal form, place,
 * number, initial or filler) of 3+ letters without digits, so a different series, place or
 * legal form still makes a different entity; one edit in it (two when both spellings are long,
 * as for any typo); and at most one edit per SPELLING_CHARS_PER_EDIT characters of the whole
 * name, so short names ("BD p.l.c." vs "BP p.l.c.") never qualify.
 */
import type { TokenKind } from '../normalise/latin.js';
import { basicLatin } from '../normalise/text.js';
import { TWO_EDIT_LENGTH, boundedEdits } from './similarity.js';
import type { Weights } from './score.js';
import type { QueryForm } from './query.js';
import type { ScreenIndex } from './types.js';

/** Characters of the whole normalised name per edit allowed in its one differing word. */
export const SPELLING_CHARS_PER_EDIT = 20;

/** Letters the differing word must have on both sides. */
export const SPELLING_MIN_WORD = 3;

/** Scoring of the rule: its value, less the usual name and query penalties. */
export const SPELLING_WEIGHTS: Weights = { one_word_spelling: 1, unverified_name: -0.02, query_part: -0.05, name_kind: -0.04 };

/** What the rule found: the position of the differing word, its edits and the value. */
export interface SpellingMatch {
  position: number;
  query: string;
  name: string;
  edits: number;
  /** Characters of the longer whole name as written (see `writtenLength`). */
  length: number;
  /** 1 − 2 × edits ÷ length: at least 0.9 under SPELLING_CHARS_PER_EDIT. */
  value: number;
}

interface Tokens {
  tokens: readonly string[];
  kinds: readonly TokenKind[];
}

/**
 * Characters of a name as written, once case, punctuation and spacing are normalised
 * ("CVS Health Corporation" → 22): the measure of how long a name is, before legal forms are
 * shortened to their abbreviations (the rule weighs how much of the name a slip leaves intact).
 */
export function writtenLength(text: string): number {
  return basicLatin(text).length;
}

const DIGIT = /\d/;

/**
 * The rule (see the file comment) for one query and one name, or null when it does not apply;
 * `length` is the longer `writtenLength` of the two. Cheap when it does not apply (token count,
 * then one pass over the words).
 */
export function oneWordSpelling(q: Tokens, n: Tokens, length: number): SpellingMatch | null {
  const k = q.tokens.length;
  if (k < 2 || n.tokens.length !== k) return null;
  const allowed = Math.floor(length / SPELLING_CHARS_PER_EDIT);
  if (allowed < 1) return null;
  let at = -1;
  for (let i = 0; i < k; i++) {
    if (q.tokens[i] === n.tokens[i]) continue;
    if (at >= 0) return null;
    at = i;
  }
  if (at < 0) return null;
  const a = q.tokens[at] as string;
  const b = n.tokens[at] as string;
  if (q.kinds[at] !== 'core' || n.kinds[at] !== 'core') return null;
  if (a.length < SPELLING_MIN_WORD || b.length < SPELLING_MIN_WORD || DIGIT.test(a) || DIGIT.test(b)) return null;
  // Two edits only in long words, as for any typo (TWO_EDIT_LENGTH): "North" and "South" are two
  // edits apart, and "China North Industries" is another listed group than "China South …".
  const max = Math.min(allowed, Math.min(a.length, b.length) >= TWO_EDIT_LENGTH ? 2 : 1);
  const edits = boundedEdits(a, b, max);
  if (edits > max) return null;
  return { position: at, query: a, name: b, edits, length, value: 1 - (2 * edits) / length };
}

/**
 * Names the rule could apply to, lossless: such a name has the query's word count and holds
 * every query word but one at its place, so it holds at least one of the two query words with
 * the fewest names. Their postings, kept to names of that word count. Empty for a query of one
 * word or one too short to allow an edit, and for the pinyin reading of a Chinese query (its
 * syllables are readings, not spellings).
 */
export function spellingCandidates(form: QueryForm, index: ScreenIndex): number[] {
  const q = form.latin;
  if (!q || form.reading === 'pinyin') return [];
  const k = q.tokens.length;
  // Only the longer name need be SPELLING_CHARS_PER_EDIT long; the query is then at most one
  // edit per SPELLING_CHARS_PER_EDIT shorter, so at least SPELLING_CHARS_PER_EDIT − 1.
  if (k < 2 || writtenLength(form.text) < SPELLING_CHARS_PER_EDIT - 1) return [];
  // The two positions whose words the fewest names hold (a word no name holds: none).
  let best: readonly number[] | undefined;
  let second: readonly number[] | undefined;
  let bestDf = Infinity;
  let secondDf = Infinity;
  for (const t of q.tokens) {
    const ids = index.tokens.get(t);
    const df = ids?.length ?? 0;
    if (df < bestDf) {
      second = best;
      secondDf = bestDf;
      best = ids;
      bestDf = df;
    } else if (df < secondDf) {
      second = ids;
      secondDf = df;
    }
  }
  const out: number[] = [];
  const seen = new Set<number>();
  for (const ids of [best, second]) {
    if (!ids) continue;
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      if (index.latinNames[id]?.tokens.length === k) out.push(id);
    }
  }
  return out.sort((x, y) => x - y);
}
