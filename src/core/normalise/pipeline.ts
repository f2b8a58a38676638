import { stripBranchZh, stripLegalZh, stripPlaceZh, toPinyin, toSimplified } from './chinese.js';
import { analyseLatin, type LatinForm } from './latin.js';
import { foldWidth, hanOnly, hasHan, stripDiacritics } from './text.js';

/** A Chinese-script name reduced to what identifies it. */
export interface HanForm {
  /** All Han characters, simplified. */
  simplified: string;
  /** Without legal-form suffixes and branch markers. */
  core: string;
  /** `core` without a leading place (杭州…), or equal to core. */
  coreNoPlace: string;
  /** Toneless pinyin syllables of coreNoPlace, e.g. ["chang","xin","cun","chu","ji","shu"]. */
  pinyin: string[];
  /** What was removed, for explanations. */
  notes: string[];
}

/** One name (a listed name or a query) as every script form the matcher compares. */
export interface AnalysedName {
  raw: string;
  /** Present when the name has Latin letters or digits. */
  latin: LatinForm | null;
  /** Present when the name has Han characters. */
  han: HanForm | null;
  /** True when traditional characters were converted. */
  converted: boolean;
}

/** Reduces a Han string: simplified, branch/legal suffixes off, leading place off, pinyin. */
export function analyseHan(raw: string): { form: HanForm; converted: boolean } {
  const han = hanOnly(foldWidth(raw));
  const simplified = toSimplified(han);
  const notes: string[] = [];
  const br = stripBranchZh(simplified);
  if (br.branch) notes.push(`branch ${br.branch} ignored`);
  const legal = stripLegalZh(br.core);
  if (legal.removed.length) notes.push(`legal form ${legal.removed.join('')} ignored`);
  const place = stripPlaceZh(legal.core);
  if (place.place) notes.push(`place ${place.place} weak`);
  const pinyin = toPinyin(place.core).map(stripDiacritics);
  return { form: { simplified, core: legal.core, coreNoPlace: place.core, pinyin, notes }, converted: simplified !== han };
}

/**
 * The one normalisation pipeline, run on listed names when the index is built and on
 * every query: Latin steps (width, case, diacritics, apostrophes, punctuation, branch,
 * abbreviations, legal forms, places) and Han steps (traditional→simplified, legal forms,
 * branch, place, pinyin). Pure; deterministic.
 */
export function analyseName(raw: string): AnalysedName {
  const han = hasHan(raw) ? analyseHan(raw) : null;
  const latinPart = han ? raw.replace(/\p{Script=Han}+/gu, ' ') : raw;
  const latin = analyseLatin(latinPart);
  return {
    raw,
    latin: latin.tokens.length > 0 ? latin : null,
    han: han && han.form.simplified.length > 0 ? han.form : null,
    converted: han?.converted ?? false,
  };
}

const MAY_SPLIT = /[;；|（(]/;

const FINAL_BRACKET = /^(.*\S)\s*[(（]([^()（）]+)[)）]\s*$/u;
/** Words that make a bracket a note rather than a name ("f.k.a. …", "see alternate address …"). */
const BRACKET_NOTE = /\b(?:f\.?k\.?a|a\.?k\.?a|formerly|see|located|subordinate|preceding|including)\b/i;
/** Words a bracketed name may have at most: an acronym or a short name, not a sentence. */
const BRACKET_MAX_WORDS = 3;

/**
 * What a listed string prints in brackets at its end, as lists print an entity's acronym or brand
 * ("Beijing Institute of Technology (BIT)", "Dawning Information Industry Co., Ltd. (Sugon)"), or
 * null: a bracket of at most BRACKET_MAX_WORDS words (Chinese: any) and no note ("f.k.a. …", "see
 * alternate address …"). Whether it is a name (not only a place, legal form, structure word or
 * branch: "(Hong Kong)", "(Group)", "(Branch Office)") is the caller's test of a name (the index's
 * `isNameLike`). Queries get the same reading from `queryAlternatives`.
 */
export function bracketedName(raw: string): string | null {
  const m = FINAL_BRACKET.exec(raw);
  const inner = (m?.[2] ?? '').trim();
  if (!m || inner.length < 2 || BRACKET_NOTE.test(inner)) return null;
  return hasHan(inner) || inner.split(/\s+/).length <= BRACKET_MAX_WORDS ? inner : null;
}

/**
 * The names a listed or queried string holds when it joins several with ";", "|" or "/"
 * ("Al-Qa'ida/Islamic Army", "CETC 24;CETC 44"): each part of 3+ letters, or [] when the
 * string is one name or a part is too short to be a name ("A/S", "c/o" stay whole).
 */
export function separateNames(raw: string): string[] {
  if (!/[;；|/]/.test(raw)) return [];
  const parts = raw.split(/[;；|/]/).map((s) => s.trim());
  if (parts.length < 2 || parts.some((p) => (p.match(/\p{L}/gu) ?? []).length < 3)) return [];
  return parts;
}

/**
 * Splits a query that holds several names ("X Co., Ltd.; ZEMIC", "360 Security (Qihoo 360)")
 * into the whole and its parts, so each part can match on its own. Parts of one or two
 * characters are dropped.
 */
export function queryAlternatives(raw: string): string[] {
  // Most queries have no separator and no bracket: they are their only alternative.
  if (!MAY_SPLIT.test(raw)) return [raw];
  const out = [raw];
  const parts = raw.split(/[;；|]/).map((s) => s.trim()).filter((s) => s.length > 2);
  if (parts.length > 1) out.push(...parts);
  const paren = /[（(]([^()（）]{3,})[)）]/gu;
  for (const m of raw.matchAll(paren)) {
    const inner = (m[1] ?? '').trim();
    // "(Shenzhen)", "(Group)", "(Branch Office)" qualify the name; only an alias in brackets is a name of its own.
    if (hasHan(inner) || !analyseLatin(inner).kinds.some((k) => k === 'core')) continue;
    out.push(inner, raw.replace(m[0], ' ').replace(/\s+/g, ' ').trim());
  }
  return [...new Set(out)];
}
