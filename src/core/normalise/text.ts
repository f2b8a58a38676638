/**
 * Character-level normalisation steps, shared by list names and queries.
 * Each step is a small pure function of a string; `pipeline.ts` composes them.
 */
import anyAscii from 'any-ascii';

/** NFKC folds full-width Latin letters/digits and compatibility forms (ＡＢＣ１ → ABC1, ﹙ → (). */
export function foldWidth(s: string): string {
  return s.normalize('NFKC');
}

const NON_ASCII_NON_HAN = /[^\x00-\x7f\p{Script=Han}]+/gu;

/**
 * Transliterates every script but Han to ASCII with any-ascii (Сергей → Sergey, ООО → OOO,
 * Ελληνική → Elliniki, Łoś → Los, ß → ss). Han is left alone: Chinese has its own path
 * (simplified characters and pinyin-pro's context-aware readings).
 */
export function transliterate(s: string): string {
  return s.replace(NON_ASCII_NON_HAN, (m) => anyAscii(m));
}

/** Lower-cases with the locale-independent mapping (so Turkish dotless i never appears). */
export function lowerCase(s: string): string {
  return s.toLowerCase();
}

const COMBINING = /[\u0300-\u036f]/g;

/** Removes diacritics (é → e, ǔ → u, Ł stays Ł's base where Unicode decomposes it). Keeps Han characters. */
export function stripDiacritics(s: string): string {
  // NFD then drop combining marks; NFC afterwards so Han and Hangul stay composed.
  return s.normalize('NFD').replace(COMBINING, '').normalize('NFC');
}

const APOSTROPHES = /[\u2018\u2019\u201b\u02bc\u02b9\u0060\u00b4']/g;

/**
 * Drops apostrophes of every kind (’ ‘ ʼ ` ´ '), joining the letters around them, so
 * "Int’l" = "Int'l" = "Intl" and "Xi'an" = "Xian".
 */
export function dropApostrophes(s: string): string {
  return s.replace(APOSTROPHES, '');
}

/** `&` and `+` between words mean "and"; spelling them out keeps "A&B" = "A and B". */
export function spellAmpersand(s: string): string {
  return s.replace(/\s*[&＆]\s*/g, ' and ');
}

// Anything that is not a letter, a digit or a Han character separates tokens.
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/** Replaces punctuation and symbols by single spaces and trims ("CO., LTD." → "CO LTD"). */
export function punctuationToSpace(s: string): string {
  return s.replace(SEPARATORS, ' ').trim();
}

const HAN = /\p{Script=Han}/u;
const HAN_G = /\p{Script=Han}/gu;

/** True when `s` contains at least one Han (Chinese) character. */
export function hasHan(s: string): boolean {
  return HAN.test(s);
}

/** The Han characters of `s`, in order, without anything else. */
export function hanOnly(s: string): string {
  return (s.match(HAN_G) ?? []).join('');
}

/** Splits a normalised string into tokens on spaces. */
export function tokenize(s: string): string[] {
  return s.length === 0 ? [] : s.split(' ').filter((t) => t.length > 0);
}

/** A Roman numeral up to 39 ("ii", "xiv"), lower case: a series mark or a number in a name. */
export const ROMAN_NUMERAL = /^x{0,3}(?:ix|iv|v?i{0,3})$/;

/**
 * Crude English plural folding so "Systems" = "System", "Technologies" = "Technology".
 * Only for tokens longer than 3 letters, and never for -ss/-us/-is endings ("Mass", "Campus").
 */
export function foldPlural(t: string): string {
  const n = t.length;
  // Char tests instead of regexes: this runs for every token of every query.
  if (n <= 3 || t.charCodeAt(n - 1) !== 115 /* s */ || HAS_DIGIT.test(t)) return t;
  if (n > 4 && t.charCodeAt(n - 2) === 101 && t.charCodeAt(n - 3) === 105) return t.slice(0, -3) + 'y'; // -ies
  const p = t.charCodeAt(n - 2);
  if (p === 115 || p === 117 || p === 105) return t; // -ss, -us, -is
  return t.slice(0, -1);
}

const HAS_DIGIT = /\d/;

/** The Latin-script steps in order: width, diacritics, other scripts transliterated, case, apostrophes, ampersand, punctuation. */
export function basicLatin(s: string): string {
  // A query runs through this twice (its Latin tokens, then its pinyin reading): the last answer is kept.
  if (s === lastIn) return lastOut;
  const out = ASCII_ONLY.test(s) ? basicLatinAscii(s) : punctuationToSpace(spellAmpersand(dropApostrophes(lowerCase(transliterate(stripDiacritics(foldWidth(s)))))));
  lastIn = s;
  lastOut = out;
  return out;
}

let lastIn: string | null = null;

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * `basicLatin` of an ASCII string in one pass (most queries of a batch): width and diacritic
 * folding change no ASCII character, so what is left is case, apostrophes (' and `), "&" and
 * separators. Gives exactly the text of the general steps.
 */
export function basicLatinAscii(s: string): string {
  let t = s.toLowerCase();
  if (t.indexOf("'") >= 0 || t.indexOf('`') >= 0) t = t.replace(/['`]/g, '');
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= t.length; i++) {
    const c = i < t.length ? t.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      words.push(t.slice(start, i));
      start = -1;
    }
    if (c === 38 /* & */) words.push('and');
  }
  return words.join(' ');
}
let lastOut = '';
