import { ABBREVIATIONS, BRANCH_FOLLOWERS, BRANCH_WORDS, LEGAL_FORMS_EN, STOPWORDS, STRUCTURE_WORDS, TITLES } from './vocab.js';
import { cyrillicSpellings, hasCyrillic } from './cyrillic.js';
import { joinInitialsKeepingForms, legalSpans } from './legal-forms.js';
import { nameVariants } from './name-variants.js';
import { TITLE_WORDS } from './title-words.generated.js';
import { PLACES_LATIN, joinMultiWordPlaces } from './places.js';
import { ROMAN_NUMERAL, basicLatin, foldPlural, tokenize } from './text.js';
import { numberWordDigits, numberWordsToDigits } from './numbers.js';

/** How much a token says about identity. */
/**
 * How much a token says about identity. `minor`: a Roman numeral or one-letter initial after
 * the first word ("Fund XI", "George W"): weak evidence, a series or an initial rather than the name.
 */
export type TokenKind = 'core' | 'structure' | 'legal' | 'place' | 'stop' | 'minor';

/** A Latin-script name as tokens, each with its kind and accepted alternative spellings. */
export interface LatinForm {
  tokens: string[];
  kinds: TokenKind[];
  /** Other expansions accepted as equal ("elec" → electronic | electric), or null. */
  alts: (readonly string[] | null)[];
  /** What was dropped or expanded, for explanations ("branch: beijing branch", "abbrev: tech→technology"). */
  notes: string[];
  /**
   * Per token, true when the name printed it in parentheses ("HongQiSheng Precision Electronics
   * (QinHuangDao) Co., Ltd."): a qualifier a list adds and a user leaves out. Absent when none is.
   */
  paren?: boolean[];
  /** Per token, true when it was written as initials ("U.S." → us, "J. C." → jc). Absent when none is. */
  initials?: boolean[];
}

const PAREN_SPLIT = /([()（）])/u;

/**
 * The name's words before branch, initials and legal forms are worked out, each with whether it
 * stands in parentheses; the text is read segment by segment, with the same character steps.
 * Number words are written as digits here (see numbers.ts), with a note for each.
 */
function wordsWithParens(raw: string): { words: string[]; paren: boolean[] | null; notes: string[] } {
  const notes: string[] = [];
  const segmentWords = (seg: string): readonly string[] => {
    const n = numberWordsToDigits(tokenize(joinMultiWordPlaces(basicLatin(seg))));
    if (n.notes.length) notes.push(...n.notes);
    return n.words;
  };
  if (!/[()（）]/u.test(raw)) return { words: [...segmentWords(raw)], paren: null, notes };
  const words: string[] = [];
  const paren: boolean[] = [];
  let depth = 0;
  for (const seg of raw.split(PAREN_SPLIT)) {
    if (seg === '(' || seg === '（') depth++;
    else if (seg === ')' || seg === '）') depth = Math.max(0, depth - 1);
    else for (const w of segmentWords(seg)) {
      words.push(w);
      paren.push(depth > 0);
    }
  }
  return { words, paren: paren.includes(true) ? paren : null, notes };
}

/**
 * A Roman numeral up to 39 or one letter. Numbers in digits stay name words: they tell apart
 * the numbered research institutes of one group ("CETC Research Institute 32" is not 13).
 */
const isMinorWord = (t: string): boolean => /^[a-z]$/.test(t) || ROMAN_NUMERAL.test(t);

/** A year after the first word ("Trust 2004-1", "Fund 2019"): a vintage of a series, weak like a Roman numeral. */
const YEAR = /^(?:19|20)\d\d$/;

/**
 * Patronymics by their ending (a morphological rule, not a word list): Russian/Belarusian
 * -ovich/-evich/-avich, -ovna/-evna/-ichna, Ukrainian -ovych/-evych/-ivna, Turkic -oglu/-ogly.
 * Only in a name of 3+ words and never its first word: "Vladimir Vladimirovich Putin" is
 * "Vladimir Putin" with his father's name, which lists and users give or leave out.
 */
const PATRONYMIC = /^[a-z]{3,}(?:ovich|evich|avich|ovych|evych|ovna|evna|ichna|ivna|oglu|ogly)$/;

/**
 * Arabic and Maghrebi "son/daughter of" particles between two name words ("Usama bin Laden",
 * "Isa Ben Tarif"): filler there, whichever spelling (bin = ibn = ben). First or last they are
 * a name ("Ben Netanyahu"), so they stay name words.
 */
const FILIAL_PARTICLES: ReadonlySet<string> = new Set(['bin', 'ibn', 'ben', 'bint', 'binti', 'ould']);

/** Classifies one normalised token. */
export function tokenKind(t: string): TokenKind {
  if (LEGAL_FORMS_EN.has(t)) return 'legal';
  if (STRUCTURE_WORDS.has(t)) return 'structure';
  if (STOPWORDS.has(t) || TITLES.has(t)) return 'stop';
  if (PLACES_LATIN.has(t)) return 'place';
  return 'core';
}

/**
 * Drops a branch marker near the end with the place before it and an "office"/"company"
 * after it: "360 Security Technology Beijing Branch" → "360 Security Technology".
 * "Representative Office" is treated the same way.
 */
export function stripBranch(tokens: readonly string[]): { tokens: string[]; removed: string[] } {
  for (let i = tokens.length - 1; i >= 1 && i >= tokens.length - 3; i--) {
    const t = tokens[i] ?? '';
    const isRep = t === 'representative' && tokens[i + 1] === 'office';
    if (!BRANCH_WORDS.has(t) && !isRep) continue;
    let start = i;
    let end = i + 1;
    while (end < tokens.length && BRANCH_FOLLOWERS.has(tokens[end] ?? '')) end++;
    if (start > 1 && PLACES_LATIN.has(tokens[start - 1] ?? '')) start--;
    if (end < tokens.length && tokens.length - end > 1) continue; // a "branch" mid-name is part of the name
    return { tokens: [...tokens.slice(0, start), ...tokens.slice(end)], removed: tokens.slice(start, end) };
  }
  return { tokens: [...tokens], removed: [] };
}

/**
 * The kind of a name word at position `i` of `n` words: `tokenKind`, except that a Roman
 * numeral or one letter after the first word and a patronymic (3+ words, not first) are
 * `minor`, and a filial particle between two words is filler.
 */
export function nameWordKind(t: string, i: number, n: number): TokenKind {
  const kind = tokenKind(t);
  if (kind !== 'core' || i === 0) return kind;
  if (isMinorWord(t) || YEAR.test(t)) return 'minor';
  if (n >= 3 && PATRONYMIC.test(t)) return 'minor';
  if (i < n - 1 && FILIAL_PARTICLES.has(t)) return 'stop';
  return kind;
}

/** Digits typed for the letters they look like, inside a word ("Ig0r Sech1n"). */
const LEET: Readonly<Record<string, readonly string[]>> = { '0': ['o'], '1': ['i', 'l'], '3': ['e'], '4': ['a'], '5': ['s'], '7': ['t'] };
const DIGIT_INSIDE_WORD = /^[a-z]{2,}(?:[013457][a-z]+)+$/;

/**
 * The letter readings of a word whose digits all stand between letters ("ig0r" → igor,
 * "sech1n" → sechin | sechln; two letters before the first digit, so "h3c" stays a code), as accepted alternatives: the word itself still matches as
 * typed ("h3c" stays h3c), the reading only adds an exact match. Null for other words.
 */
export function leetReadings(t: string): readonly string[] | null {
  if (!DIGIT_INSIDE_WORD.test(t)) return null;
  let out = [''];
  for (const c of t) {
    const r = LEET[c];
    out = r ? out.flatMap((p) => r.map((x) => p + x)) : out.map((p) => p + c);
    if (out.length > 8) return null;
  }
  return [t, ...out.map(foldPlural)];
}

/** Expands one token through the abbreviation table, then folds plurals. */
const ABBREV = new Map(Object.entries(ABBREVIATIONS));

export function expandToken(t: string): { token: string; alts: readonly string[] | null } {
  // "TECHS" is the plural of an abbreviation: fold first when the word itself is not one.
  const exp = ABBREV.get(t) ?? ABBREV.get(foldPlural(t));
  if (exp && exp.length > 0) return { token: exp[0] ?? t, alts: exp.length > 1 ? exp : null };
  return { token: foldPlural(t), alts: null };
}

/**
 * The full Latin pipeline: character steps (other scripts transliterated), multi-word places,
 * tokens, branch, dotted initials joined (A.B.C. → abc), legal forms of every jurisdiction at
 * the ends of the name (GLEIF ISO 20275: "Aktiengesellschaft" → ag, "sp. z o.o." → spzoo),
 * abbreviations, kinds. Titles (Mr., Präsident) count as filler words.
 */
export function analyseLatin(raw: string): LatinForm {
  const base = wordsWithParens(raw);
  // Cyrillic words also carry their spellings in the published romanisations (Yevgeny = Евгений).
  const cyrillic = hasCyrillic(raw) ? cyrillicSpellings(raw) : null;
  const branch = stripBranch(base.words);
  const notes: string[] = [...base.notes, ...(branch.removed.length ? [`branch "${branch.removed.join(' ')}" ignored`] : [])];
  // The branch words came off as one run: the parenthesis flags of the words that stayed.
  let at = 0;
  while (at < branch.tokens.length && branch.tokens[at] === base.words[at]) at++;
  const kept = base.paren ? [...base.paren.slice(0, at), ...base.paren.slice(at + branch.removed.length)] : null;
  // Initials are joined within a run of words of one kind (inside or outside parentheses; a name
  // without parentheses is one run).
  const words: string[] = [];
  const wordParen: boolean[] = [];
  const wordInitials: boolean[] = [];
  for (let i = 0; i < branch.tokens.length; ) {
    const inParen = kept?.[i] ?? false;
    let j = i;
    while (j < branch.tokens.length && (kept?.[j] ?? false) === inParen) j++;
    for (const w of joinInitialsKeepingForms(i === 0 && j === branch.tokens.length ? branch.tokens : branch.tokens.slice(i, j), wordInitials)) {
      words.push(w);
      wordParen.push(inParen);
    }
    i = j;
  }
  const spans = legalSpans(words);
  const tokens: string[] = [];
  const kinds: TokenKind[] = [];
  const alts: (readonly string[] | null)[] = [];
  const paren: boolean[] = [];
  const initials: boolean[] = [];
  let k = 0;
  for (let i = 0; i < words.length; ) {
    const sp = spans[k];
    if (sp && sp.start === i) {
      const phrase = words.slice(sp.start, sp.end).join(' ');
      if (phrase !== sp.canonical) notes.push(`legal form ${phrase}=${sp.canonical}`);
      // A form of several words ("pvt ltd" for "Private Limited") is one legal token per word.
      const inParen = wordParen.slice(sp.start, sp.end).every(Boolean);
      for (const c of sp.canonical.includes(' ') ? sp.canonical.split(' ') : [sp.canonical]) {
        tokens.push(c);
        kinds.push('legal');
        alts.push(null);
        paren.push(inParen);
        initials.push(false);
      }
      i = sp.end;
      k++;
      continue;
    }
    const t = words[i] ?? '';
    const e = expandToken(t);
    if (e.token !== t && (ABBREV.has(t) || ABBREV.has(foldPlural(t)))) notes.push(`abbreviation ${t}→${e.token}`);
    const token = foldSpelling(e.token);
    tokens.push(token);
    kinds.push(nameWordKind(e.token, i, words.length));
    const leet = e.alts ? null : leetReadings(e.token);
    const base = leet ?? e.alts ?? singleLetters(e.token);
    // A number word alone also reads as its digits ("Three Gorges" = "3 Gorges").
    const digits = numberWordDigits(e.token);
    const alt = digits ? [...(base ?? [e.token]), digits] : base;
    // Other spellings of the word: in the romanisations of its Cyrillic, and those OFAC gives
    // for one person's name word (Mohammed = Muhammad).
    const spellings = cyrillic?.get(t);
    const variants = nameVariants(token);
    const more = spellings && variants ? [...spellings, ...variants] : (spellings ?? variants);
    alts.push(more ? [...new Set([...(alt ?? [e.token]), ...more].map(foldSpelling))] : alt ? alt.map(foldSpelling) : null);
    paren.push(wordParen[i] ?? false);
    initials.push(wordInitials[i] ?? false);
    i++;
  }
  markRepeatedWords(tokens, kinds);
  // A title before a person's name ("Dr. Ayman al-Zawahiri", "Colonel Ivan Petrov"): filler when
  // 2+ words follow and the name has no legal form, structure word or place (no company's name).
  if (tokens.length >= 3 && kinds[0] === 'core' && TITLE_WORDS.has(words[0] ?? '') && !kinds.some((k) => k === 'legal' || k === 'structure' || k === 'place')) {
    kinds[0] = 'stop';
    notes.push(`title "${words[0] ?? ''}" ignored`);
  }
  return { tokens, kinds, alts, notes, ...(paren.includes(true) ? { paren } : {}), ...(initials.includes(true) ? { initials } : {}) };
}

/**
 * Letters that one word is written with in different transliterations, folded to one spelling
 * (names and queries alike): Cyrillic "кс" is "ks" by BGN/PCGN and ISO 9 (Рособоронэкспорт →
 * Rosoboroneksport, Александр → Aleksandr) and "x" in English usage (Rosoboronexport,
 * Alexander), so "ks" after a vowel is written "x"; then `foldShortI`.
 */
export function foldSpelling(t: string): string {
  return foldShortI(t.indexOf('ks') > 0 ? t.replace(KS_AFTER_VOWEL, '$1x') : t);
}

/**
 * "ks" after a vowel only, where the transliterations differ (Aleksandr, eksport); elsewhere it
 * is more often a typo ("Ksih" for "Kish"), which the fold would turn into two more edits.
 */
const KS_AFTER_VOWEL = /([aeiouy])ks/g;

/**
 * The Latin spellings of Cyrillic "й" after a vowel at the end of a word are one letter: "y",
 * "j" and "i" (BGN/PCGN, German and Polish usage, ISO 9), so Sergey = Sergej = Sergei, Nikolay =
 * Nikolaj = Nikolai, Andrey = Andrej = Andrei. Folds a final "j"/"y" after a, e or o to "i" in
 * words of 5+ letters, names and queries alike (an English word such as "railway" stays equal
 * to itself). After i/y ("Yuriy") the letter is left alone: "-tiy" is also a common typo of
 * "-ity", and "Yuriy" is one edit from "Yuri" anyway. Legal forms are found before this step.
 */
export function foldShortI(t: string): string {
  const n = t.length;
  if (n < 5) return t;
  const last = t.charCodeAt(n - 1);
  if (last !== 106 /* j */ && last !== 121 /* y */) return t;
  const v = t.charCodeAt(n - 2);
  return v === 97 /* a */ || v === 101 /* e */ || v === 111 /* o */ ? `${t.slice(0, -1)}i` : t;
}

/**
 * A word with a doubled letter and the word with every doubled letter written once ("joonng" →
 * [joonng, jong], "hassan" → [hassan, hasan]), as accepted alternatives: transliterations and
 * typists double or single letters freely (Mohammed = Mohamed). Null for a word without one, or
 * under 4 letters (codes such as "AAA").
 */
export function singleLetters(t: string): readonly string[] | null {
  if (t.length < 4 || !/(.)\1/.test(t)) return null;
  return [t, t.replace(/(.)\1+/g, '$1')];
}

/** Letters two name words share at their start to count as one name written twice. */
const REPEAT_PREFIX = 6;

/**
 * A name word that repeats an earlier word of the same name (the same first REPEAT_PREFIX
 * letters: "Michaela Michelle Micheli", "Muhammad bin Muhammad") becomes `minor`: it says
 * little more than the first one, so a query that gives the name once is not short of it.
 */
export function markRepeatedWords(tokens: readonly string[], kinds: TokenKind[]): void {
  for (let j = 1; j < tokens.length; j++) {
    const t = tokens[j] ?? '';
    if (kinds[j] !== 'core' || t.length < REPEAT_PREFIX) continue;
    const p = t.slice(0, REPEAT_PREFIX);
    for (let i = 0; i < j; i++) {
      if (kinds[i] === 'core' && (tokens[i] ?? '').startsWith(p)) {
        kinds[j] = 'minor';
        break;
      }
    }
  }
}
