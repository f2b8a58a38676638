/**
 * One short word spelled differently in a long name: "CVC Health Corporation" for "CVS Health
 * Corporation", "Hon Wai Precision Industry Co., Ltd." for "Hon Hai …". The token scorer takes
 * typos only in words of MIN_TYPO_LENGTH letters or more (a three-letter word has too many
 * neighbours to be a typo on its own), so such a name scores on its other, generic, words alone.
 * Read as a whole, though, the two names are one typing slip apart, which is how peers compare
 * names (a Levenshtein ratio of the normalised names). This rule gives that reading, narrowly,
 * for the short words the token scorer leaves out (longer words are its typos, one rule per
 * case): the same words in the same order but one; that word a name word (not a legal form,
 * place, number, initial or filler) of 3 letters on one side and 3 or 4 on the other, without
 * digits, so a different series, place or legal form still makes a different entity; one edit
 * in it; and at least SPELLING_CHARS_PER_EDIT characters in the whole name, so short names
 * ("BD p.l.c." vs "BP p.l.c.") never qualify.
 */
import type { TokenKind } from '../normalise/latin.js';
import { basicLatin } from '../normalise/text.js';
import { MIN_TYPO_LENGTH, boundedEdits } from './similarity.js';
import { FNV_OFFSET, fnvFrom } from './deletion-table.js';
import type { Weights } from './score.js';
import type { QueryForm } from './query.js';
import type { ScreenIndex } from './types.js';

/** Characters the whole name must have for its one edit (a ratio of at most one edit in 20). */
export const SPELLING_CHARS_PER_EDIT = 20;

/** Letters the differing word must have on both sides. */
export const SPELLING_MIN_WORD = 3;

/** Letters the differing word may have at most (a 3-letter word and its 4-letter slip). */
export const SPELLING_MAX_WORD = MIN_TYPO_LENGTH;

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
  /** 1 − 2 × edits ÷ length: at least 0.9 with SPELLING_CHARS_PER_EDIT characters. */
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
 * The position of the one word in which two names of the same word count differ, or −1 when
 * they differ in none or in more than one (or in their word count).
 */
export function differingWord(q: readonly string[], n: readonly string[]): number {
  const k = q.length;
  if (n.length !== k) return -1;
  let at = -1;
  for (let i = 0; i < k; i++) {
    if (q[i] === n[i]) continue;
    if (at >= 0) return -1;
    at = i;
  }
  return at;
}

/**
 * The rule (see the file comment) for one query and one name, or null when it does not apply.
 * `lengthOf` gives the longer `writtenLength` of the two; it is called only once the words
 * line up, so a name that does not is ruled out without reading its text.
 */
export function oneWordSpelling(q: Tokens, n: Tokens, lengthOf: () => number): SpellingMatch | null {
  if (q.tokens.length < 2) return null;
  const at = differingWord(q.tokens, n.tokens);
  if (at < 0) return null;
  const a = q.tokens[at] as string;
  const b = n.tokens[at] as string;
  if (!spellingPosition(q.tokens, q.kinds, at) || !spellingPosition(n.tokens, n.kinds, at)) return null;
  // Both 4 letters or more: a typo the token scorer judges.
  if (Math.min(a.length, b.length) >= MIN_TYPO_LENGTH) return null;
  const length = lengthOf();
  if (length < SPELLING_CHARS_PER_EDIT) return null;
  const edits = boundedEdits(a, b, 1);
  if (edits > 1) return null;
  return { position: at, query: a, name: b, edits, length, value: 1 - (2 * edits) / length };
}

/** Whether position `i` of a name may be the word the rule lets differ: a core word of 3–4 letters without digits. */
export function spellingPosition(tokens: readonly string[], kinds: readonly TokenKind[], i: number): boolean {
  const t = tokens[i] as string;
  return kinds[i] === 'core' && t.length >= SPELLING_MIN_WORD && t.length <= SPELLING_MAX_WORD && !DIGIT.test(t);
}

/** Shortest written name the rule can accept (see `spellingCandidates`). */
export const SPELLING_MIN_LENGTH = SPELLING_CHARS_PER_EDIT - 1;

/**
 * The index key of a name with its word at `i` left open: a 30-bit FNV-1a hash of the other
 * words in order (a small integer key keeps the table a few MB). A query that differs from the
 * name in that one word makes the same key; a collision only adds a name the scorer rules out.
 */
export function spellingKey(tokens: readonly string[], i: number): number {
  let h = FNV_OFFSET;
  // The open word is written as U+0001 (no word holds it), each word followed by a space.
  for (let j = 0; j < tokens.length; j++) h = fnvFrom(fnvFrom(h, j === i ? OPEN_WORD : (tokens[j] as string)), ' ');
  return h & 0x3fffffff;
}

const OPEN_WORD = '\u0001';

/**
 * Names the rule could apply to, lossless: such a name has the query's word count and holds
 * every query word but one, at its place, where both hold a `spellingPosition` word; so it is
 * under the query's `spellingKey` of that position (the index keys every name written at
 * least SPELLING_MIN_LENGTH long at each such position: the longer of the two names is at
 * least SPELLING_CHARS_PER_EDIT long, and one edit longer than the other at most). Empty for a query of one word or one too short, and for
 * the pinyin reading of a Chinese query (its syllables are readings, not spellings).
 */
export function spellingCandidates(form: QueryForm, index: ScreenIndex): number[] {
  const q = form.latin;
  if (!q || form.reading === 'pinyin') return [];
  const k = q.tokens.length;
  if (k < 2) return [];
  let out: number[] | null = null;
  for (let i = 0; i < k; i++) {
    if (!spellingPosition(q.tokens, q.kinds, i)) continue;
    const ids = index.spellingKeys.get(spellingKey(q.tokens, i));
    if (!ids) continue;
    out = out ? [...new Set([...out, ...ids])].sort((x, y) => x - y) : ids;
  }
  // Read the text only when some name lines up (most queries: none).
  return out && writtenLength(form.text) >= SPELLING_MIN_LENGTH ? out : [];
}
