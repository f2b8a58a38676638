/**
 * Legal forms of every jurisdiction, derived from GLEIF's ISO 20275 list (legal-forms.generated.ts,
 * written by scripts/legal-forms/generate.ts from the published file).
 * Each form, written as a list or a user writes it, is normalised by the same steps as names
 * (transliteration, case, punctuation, dotted initials joined), so "G.m.b.H." = "GmbH" and
 * "ООО" = "OOO"; a full name is mapped to its abbreviation ("Gesellschaft mit beschränkter
 * Haftung" = "Aktiengesellschaft"'s sibling "GmbH", "Limited Liability Company" = "LLC").
 *
 * Which published strings count, and how the SDN list's English renderings join them, is
 * legal-form-table.ts's (the table is shipped worked out: legal-form-table.generated.ts); this
 * module finds the forms in a name and answers questions about them.
 */
import { LEGAL_FORM_TABLE } from './legal-form-table.generated.js';
import { basicLatin, tokenize } from './text.js';
import { STOPWORDS } from './vocab.js';

/**
 * Runs of two or more one-letter tokens are one word: "a b c" (from "A.B.C.") → "abc", "r and d"
 * (R&D) → "rd". `joined`, when given, gets one flag per word returned: written as initials.
 */
export function joinInitials(tokens: readonly string[], split?: (run: string[]) => string[] | null, joined?: boolean[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    // Most words are not one letter: no run to gather (this runs for every query).
    if (!isLetter(tokens[i] ?? '')) {
      out.push(tokens[i] ?? '');
      joined?.push(false);
      i++;
      continue;
    }
    // A run of letters, possibly with "and" between two of them ("R&D" → "r and d").
    let j = i;
    const run: string[] = [];
    while (j < tokens.length && isLetter(tokens[j] ?? '')) {
      run.push(tokens[j] ?? '');
      j++;
      if (tokens[j] === 'and' && isLetter(tokens[j + 1] ?? '') && run.length) j++;
    }
    if (run.length >= 2) {
      // A run of 3+ letters without "and" may end in a legal form in initials ("X L.P.").
      const parts = split && run.length >= 3 && j - i === run.length ? split(run) : null;
      if (parts) {
        out.push(...parts);
        for (const _ of parts) joined?.push(false);
      } else {
        out.push(run.join(''));
        joined?.push(true);
      }
      i = j;
    } else {
      out.push(tokens[i] ?? '');
      joined?.push(false);
      i++;
    }
  }
  return out;
}

function isLetter(t: string): boolean {
  return t.length === 1 && t >= 'a' && t <= 'z';
}

/** A legal-form string as name tokens (same steps as a name). */
export function formTokens(s: string): string[] {
  return joinInitials(tokenize(basicLatin(s)));
}

// The table of phrases is worked out from GLEIF's list by legal-form-table.ts and shipped
// generated (its test checks it against the list): working it out took about 90 ms of every
// start of a process or worker thread.
const PHRASES: ReadonlyMap<string, string> = new Map(LEGAL_FORM_TABLE.phrases);
const MAX_PHRASE = LEGAL_FORM_TABLE.maxLen;
const COUNTRIES: ReadonlyMap<string, ReadonlySet<string>> = new Map(LEGAL_FORM_TABLE.countries.map(([form, cs]) => [form, new Set(cs)]));

/**
 * A phrase with the final vowels of its long words off ("societatea cu raspundere limitata" →
 * "societat cu raspunder limitat"): the inflected and article forms of a legal form's words
 * (Romanian "Societatea" for GLEIF's "Societate") differ from the listed spelling there.
 */
function stemPhrase(tokens: readonly string[]): string {
  return tokens.map((t) => (t.length >= 6 ? t.replace(/[aeiouy]+$/, '') : t)).join(' ');
}

/** Multi-word legal-form phrases by their stem, for a spelling GLEIF does not list verbatim. */
const STEMMED: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [k, v] of PHRASES) {
    const t = k.split(' ');
    if (t.length >= 2 && !m.has(stemPhrase(t))) m.set(stemPhrase(t), v);
  }
  return m;
})();

/**
 * True when two canonical legal forms are different forms of one jurisdiction in GLEIF's list
 * ("ag" and "gmbh" in Germany, "sas" and "sarl" in France): a company is one or the other, so
 * the names are of different companies. Forms of different jurisdictions (OOO and LLC) may be
 * one company written two ways, so they never conflict.
 */
export function sameJurisdictionForms(a: string, b: string): boolean {
  if (a === b) return false;
  const ca = COUNTRIES.get(a);
  const cb = COUNTRIES.get(b);
  if (!ca || !cb) return false;
  for (const c of ca) if (cb.has(c)) return true;
  return false;
}

/**
 * `joinInitials` (`joined` gets, per word, whether it was written as initials), except that a Roman numeral before a legal form written in initials stays
 * its own word: "Fund X L.P." → fund x lp (not "xlp"). Other runs join as before ("C.S.I.C."
 * stays csic whatever its last letters spell).
 */
export function joinInitialsKeepingForms(tokens: readonly string[], joined?: boolean[]): string[] {
  return joinInitials(tokens, (run) => {
    const head = run[0] ?? '';
    if (head !== 'i' && head !== 'v' && head !== 'x') return null;
    const form = run.slice(1).join('');
    return PHRASES.has(form) ? [head, form] : null;
  }, joined);
}

/** The canonical token of a legal-form phrase (tokens joined by spaces), or undefined. */
export function legalFormOf(phrase: string): string | undefined {
  return PHRASES.get(phrase);
}

/** One legal form found in a token list: tokens [start, end) stand for `canonical`. */
export interface LegalSpan {
  start: number;
  end: number;
  canonical: string;
}

/** A word trie of legal-form phrases: a node's `form` is set where a phrase ends. */
interface TrieNode {
  next: Map<string, TrieNode>;
  form?: string;
}

/** The stem `stemPhrase` gives one word: a word of 6+ letters loses its final vowels. */
function stemWord(t: string): string {
  if (t.length < 6) return t;
  let e = t.length;
  while (e > 0 && 'aeiouy'.includes(t[e - 1] as string)) e--;
  return e === t.length ? t : t.slice(0, e);
}

/** A trie of `phrases` (keys are words joined by spaces), read from the last word when `reversed`. */
function trieOf(phrases: ReadonlyMap<string, string>, reversed: boolean): TrieNode {
  const root: TrieNode = { next: new Map() };
  for (const [k, form] of phrases) {
    const words = k.split(' ');
    if (reversed) words.reverse();
    let n = root;
    for (const w of words) {
      let c = n.next.get(w);
      if (!c) n.next.set(w, (c = { next: new Map() }));
      n = c;
    }
    n.form = form;
  }
  return root;
}

// The phrases as tries, read from either end of a name: finding the longest form at an end is a
// walk of a few words instead of joining (and stemming) every candidate length of the name. The
// walk answers exactly what looking each length up in PHRASES and STEMMED answered.
const FROM_END = trieOf(PHRASES, true);
const FROM_START = trieOf(PHRASES, false);
const STEMMED_FROM_END = trieOf(STEMMED, true);
const STEMMED_FROM_START = trieOf(STEMMED, false);

/**
 * The longest legal form of at most MAX_PHRASE words that starts at `start` (or, `fromEnd`, ends
 * at `end`) within tokens [start, end): a listed phrase, or for 2+ words a phrase by its stem; a
 * listed phrase wins over a stem of the same length.
 */
function longestAt(tokens: readonly string[], start: number, end: number, fromEnd: boolean): LegalSpan | null {
  const max = Math.min(MAX_PHRASE, end - start);
  let plain: TrieNode | undefined = fromEnd ? FROM_END : FROM_START;
  let stemmed: TrieNode | undefined = fromEnd ? STEMMED_FROM_END : STEMMED_FROM_START;
  let best: LegalSpan | null = null;
  for (let len = 1; len <= max && (plain || stemmed); len++) {
    const w = tokens[fromEnd ? end - len : start + len - 1] ?? '';
    plain = plain?.next.get(w);
    stemmed = stemmed?.next.get(stemWord(w));
    // As the lookup it replaces: the listed phrase's form, else (2+ words) the stem's.
    const c = plain?.form ?? (len >= 2 ? stemmed?.form : undefined);
    if (c) best = fromEnd ? { start: end - len, end, canonical: c } : { start, end: start + len, canonical: c };
  }
  return best;
}

/**
 * Legal forms at the end of a name (repeatedly, over filler words: "GmbH & Co. KG") and one at
 * its start ("OOO Gazprom", "PT Astra"); never in the middle, and never every token of the name.
 */
export function legalSpans(tokens: readonly string[]): LegalSpan[] {
  const spans: LegalSpan[] = [];
  let end = tokens.length;
  while (end > 1) {
    let e = end;
    while (e > 1 && STOPWORDS.has(tokens[e - 1] ?? '')) e--;
    const sp = longestAt(tokens, 1, e, true);
    if (!sp) break;
    spans.unshift(sp);
    end = sp.start;
  }
  if (end > 1) {
    const sp = longestAt(tokens, 0, end - 1, false);
    if (sp) spans.unshift(sp);
  }
  return spans;
}
