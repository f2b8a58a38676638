/**
 * The legal-form phrases of every jurisdiction, worked out from GLEIF's ISO 20275 list
 * (legal-forms.generated.ts) and the SDN list's English renderings (legal-form-phrases.generated.ts).
 *
 * A Cyrillic form GLEIF lists without an abbreviation gets its initials (see cyrillicInitials).
 * English renderings of forms that the SDN list gives as their alternatives ("Open Joint Stock
 * Company" = OJSC) come from legal-form-phrases.generated.ts (scripts/legal-forms/sdn-phrases.ts).
 * Which published strings count, so that ordinary words never become legal forms:
 * - an abbreviation counts when it has 2–5 letters, is not a filler word, and is not a whole
 *   word of its form's own name (GLEIF lists "trust" as an abbreviation of "Business Trust"),
 *   and is not a Roman numeral ("II" marks a series of a name);
 * - a full name counts when its form has such an abbreviation starting with the same letter,
 *   and it has 2–6 words, or one word of 8+ letters ("Aktiengesellschaft", "Osakeyhtiö"),
 *   so "Bank" (listed with the abbreviations "corp.; inc.") never counts;
 * - a form written as two or three short words ("Pvt. Ltd.") counts, with the spellings of its
 *   row that it shortens word by word ("Private Limited"), as one legal token per word
 *   (pairedForm);
 * - a non-English full name GLEIF lists without an abbreviation ("Akciová společnost") counts as
 *   its initials when those are a form already (initialsForm), after every other rule.
 * A phrase stands for the most frequent abbreviation its forms have (its canonical token).
 *
 * legal-forms.ts reads the result from legal-form-table.generated.ts, which
 * scripts/legal-forms/table.ts writes from this module, and whose test checks it equals what this
 * module works out (so a change to the rules or to the name normalisation they use cannot leave
 * the shipped table stale).
 */
import { GLEIF_ELF_ROWS } from './legal-forms.generated.js';
import { SDN_LEGAL_PHRASES } from './legal-form-phrases.generated.js';
import { formTokens } from './legal-forms.js';
import { ROMAN_NUMERAL } from './text.js';
import { STOPWORDS } from './vocab.js';

/** The phrases as plain data: phrase → canonical form, the longest phrase in words, and each form's countries (sorted). */
export interface LegalFormTable {
  phrases: readonly (readonly [phrase: string, form: string])[];
  maxLen: number;
  countries: readonly (readonly [form: string, countries: readonly string[]])[];
}

const LETTERS = /^[a-z0-9]+$/;

/**
 * Longest joined abbreviation of several words whose first word shortens the first word of the
 * form's name ("Spol. s r. o." of "Spoločnosť s ručením obmedzeným" → spolsro): such a phrase is
 * the form's own abbreviation, so it may be longer than other forms (2–5 letters), which keeps
 * out pairs of forms written together ("Pty Ltd").
 */
const MAX_MULTI_ABBREVIATION = 7;

/**
 * The other ways a company writes an abbreviation of several words, derived from the form's own
 * name: its first word spelled out ("sp. z o.o." of "spółka z ograniczoną odpowiedzialnością" is
 * also "spółka z o.o."), and, when the rest is the initials of the rest of the name (3+ letters),
 * those initials alone ("Spol. s r. o." → "s.r.o."). Only when the first word of the abbreviation
 * is a shortening (a prefix) of the first word of a name of the form.
 */
export function partialSpellings(abbr: readonly string[], names: readonly (readonly string[])[]): string[][] {
  const out: string[][] = [];
  const head = abbr[0] ?? '';
  if (abbr.length < 2 || head.length < 2) return out;
  for (const n of names) {
    const first = n[0] ?? '';
    if (first.length <= head.length || !first.startsWith(head)) continue;
    out.push([first, ...abbr.slice(1)]);
    const rest = abbr.slice(1);
    const initials = n.slice(1).map((w) => w[0] ?? '').join('');
    if (rest.length === 1 && (rest[0] ?? '').length >= 3 && rest[0] === initials) out.push([initials]);
  }
  return out;
}

/**
 * The abbreviation of a Cyrillic legal form that GLEIF lists without one: the initials of its
 * name's words, prepositions (one-letter words) aside, as the convention of those languages
 * writes them ("Публичное акционерное общество" → ПАО → pao, "Автономная некоммерческая
 * организация" → АНО). Only names of 3–5 such words (3–5 letters; two letters are too often
 * ordinary words); [] otherwise.
 */
export function cyrillicInitials(name: string): string[] {
  if (!/\p{Script=Cyrillic}/u.test(name)) return [];
  const words = formTokens(name).filter((w) => w.length > 1);
  if (words.length < 3 || words.length > 5 || !words.every((w) => /^[a-z]+$/.test(w))) return [];
  return [words.map((w) => w[0]).join('')];
}

/**
 * True when `short` shortens `long` keeping its letters in order from its first ("pvt" of
 * "private", "ltd" of "limited", "pty" of "proprietary"): how registries abbreviate a word.
 */
export function shortens(short: string, long: string): boolean {
  if (short.length < 2 || short.length >= long.length || short[0] !== long[0]) return false;
  let j = 1;
  for (let i = 1; i < short.length; i++, j++) {
    while (j < long.length && long[j] !== short[i]) j++;
    if (j >= long.length) return false;
  }
  return true;
}

/**
 * A form written as two or three short words ("Pty Ltd", "Pvt. Ltd.", "Sdn. Bhd."), which the
 * rules above keep out (longer than one abbreviation), when the row also spells it out word by
 * word: each short word shortens the word in its place ("Proprietary Limited" as an
 * abbreviation; "Private Limited" as the first words of the name "Private Limited Company").
 * The short words (space-separated: a name then carries one legal token per word, as "Pty" and
 * "Ltd" alone give) stand for those spellings and for the names that start with one. Null when
 * the row has no such pair or the short form is a phrase already.
 */
export function pairedForm(abbreviations: readonly (readonly string[])[], names: readonly (readonly string[])[], known: ReadonlyMap<string, string>): { form: string; phrases: string[] } | null {
  const plain = (t: readonly string[]): boolean => t.every((x) => LETTERS.test(x));
  const multi = abbreviations.filter((t) => t.length >= 2 && t.length <= 3 && plain(t));
  let short: readonly string[] | null = null;
  for (const t of multi) if (t.every((x) => x.length <= 4) && (!short || t.join('').length < short.join('').length)) short = t;
  if (!short) return null;
  const s = short;
  const form = s.join(' ');
  if (known.has(form) || known.has(s.join(''))) return null;
  // Each short word shortens its place's word, or is that word and a form on its own ("Pty
  // Limited"), and one shortens at least.
  const spells = (t: readonly string[]): boolean =>
    t.length >= s.length && s.every((w, i) => shortens(w, t[i] ?? '') || (w === t[i] && known.has(w))) && s.some((w, i) => w !== t[i]);
  const phrases = new Set<string>();
  for (const t of multi) if (t.length === s.length && spells(t)) phrases.add(t.join(' '));
  for (const n of names) {
    if (n.length > 6 || !plain(n) || !spells(n)) continue;
    phrases.add(n.join(' '));
    phrases.add(n.slice(0, s.length).join(' '));
  }
  if (!phrases.size) return null;
  phrases.add(form);
  return { form, phrases: [...phrases] };
}

/**
 * The form a full name GLEIF lists without an abbreviation stands for: its initials (words of
 * one letter and filler words aside: "Akciová společnost" → as, "Společnost s ručením omezeným"
 * → sro) when those are a form the table already holds, as such names are written in initials.
 * Names of 2–4 words only; undefined otherwise.
 */
export function initialsForm(words: readonly string[], known: ReadonlyMap<string, string>): string | undefined {
  if (words.length < 2 || words.length > 4 || !words.every((x) => LETTERS.test(x))) return undefined;
  const initials = words.filter((w) => w.length > 1 && !STOPWORDS.has(w)).map((w) => w[0]).join('');
  if (initials.length < 2 || initials.length > 5) return undefined;
  return known.get(initials);
}

/** Works the table out from the published lists (see the module comment). */
export function buildLegalFormTable(): LegalFormTable {
  const phrases = new Map<string, string>();
  const countries = new Map<string, Set<string>>();
  const inCountry = (form: string, country: string): void => {
    const set = countries.get(form) ?? new Set<string>();
    set.add(country);
    countries.set(form, set);
  };
  const nameVotes = new Map<string, Map<string, number>>();
  const initialled = new Map<string, string>();
  let maxLen = 1;
  // Each row's names as tokens, worked out once for both passes below.
  const rows = GLEIF_ELF_ROWS.map(([, country, , names, published]) => ({ country, names, published, nameTokens: names.map(formTokens) }));
  for (const { country, names, published, nameTokens } of rows) {
    const words = new Set(nameTokens.flat());
    const accepted: string[] = [];
    const abbreviations = published.length ? published : cyrillicInitials(names[0] ?? '');
    // A one-word abbreviation that is an ordinary word: a filler, a word of the form's own name, or a
    // Roman numeral ("II" is a series mark of a name, even where a registry also uses it as a form).
    const ordinary = (w: string): boolean => STOPWORDS.has(w) || words.has(w) || ROMAN_NUMERAL.test(w);
    for (const a of abbreviations) {
      const t = formTokens(a);
      const joined = t.join('');
      if (!t.length || !t.every((x) => LETTERS.test(x)) || joined.length < 2) continue;
      const partial = partialSpellings(t, nameTokens);
      if (joined.length > (partial.length ? MAX_MULTI_ABBREVIATION : 5)) continue;
      if (t.length === 1 && ordinary(joined)) continue;
      accepted.push(joined);
      inCountry(joined, country);
      phrases.set(t.join(' '), joined);
      if (t.length > 1) phrases.set(joined, joined);
      maxLen = Math.max(maxLen, t.length);
      for (const v of partial) {
        if (v.length === 1 && ordinary(v[0] ?? '')) continue;
        const key = v.join(' ');
        if (!phrases.has(key)) phrases.set(key, joined);
        maxLen = Math.max(maxLen, v.length);
      }
    }
    for (const t of nameTokens) {
      if (!t.length || t.length > 6 || !t.every((x) => LETTERS.test(x))) continue;
      if (t.length === 1 && (t[0] ?? '').length < 8) continue;
      const first = (t[0] ?? '')[0];
      const abbr = accepted.find((a) => a[0] === first);
      if (!abbr) continue;
      const key = t.join(' ');
      const votes = nameVotes.get(key) ?? new Map<string, number>();
      votes.set(abbr, (votes.get(abbr) ?? 0) + 1);
      nameVotes.set(key, votes);
      maxLen = Math.max(maxLen, t.length);
    }
  }
  for (const [key, votes] of nameVotes) {
    if (phrases.has(key)) continue;
    let best = '';
    let n = 0;
    for (const [a, c] of votes) if (c > n || (c === n && a < best)) [best, n] = [a, c];
    phrases.set(key, best);
  }
  for (const { country, published, nameTokens } of rows) {
    const pair = pairedForm(published.map(formTokens), nameTokens, phrases);
    // No countries for a paired form: its words are separate legal tokens of a name.
    if (pair) {
      for (const p of pair.phrases) {
        if (!phrases.has(p)) phrases.set(p, pair.form);
        maxLen = Math.max(maxLen, p.split(' ').length);
      }
    }
    if (published.length) continue;
    for (const t of nameTokens) {
      const form = initialsForm(t, phrases);
      if (!form) continue;
      const key = t.join(' ');
      if (!initialled.has(key)) initialled.set(key, form);
      inCountry(form, country);
    }
  }
  // English renderings the SDN list gives for forms ("Open Joint Stock Company" = OJSC): no
  // jurisdiction of their own, so they never conflict with another form.
  for (const [phrase, form] of SDN_LEGAL_PHRASES) {
    if (!phrases.has(phrase)) phrases.set(phrase, form);
    if (!phrases.has(form)) phrases.set(form, form);
    maxLen = Math.max(maxLen, phrase.split(' ').length);
  }
  // Full names GLEIF lists without an abbreviation, last: a phrase any other rule gave stays its.
  for (const [key, form] of initialled) {
    if (phrases.has(key)) continue;
    phrases.set(key, form);
    maxLen = Math.max(maxLen, key.split(' ').length);
  }
  return { phrases: [...phrases], maxLen, countries: [...countries].map(([form, set]) => [form, [...set].sort()] as const) };
}
