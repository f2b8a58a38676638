/**
 * The score explanation in plain words, from a hit's explanation features. Pure (no DOM), so it is
 * tested in node and usable anywhere. The matcher may add features at any time: an unknown feature
 * is described by its own `detail` text when it has one, or by its name, and never breaks the sentence.
 */

/** One scored feature as the API sends it (`FeatureScore`). */
export interface FeatureLike {
  feature: string;
  weight: number;
  value: number;
  detail?: string;
}

/** What `matchInWords` reads from a hit's explanation. */
export interface ExplanationLike {
  features: readonly FeatureLike[];
  matchedName?: string;
  matchedNameKind?: string;
  matchedNameVerified?: boolean;
  /** `latin: …`, `han: …`, `pinyin: …` */
  queryForm?: string;
  discounted?: readonly string[];
}

const KIND_WORDS: Record<string, string> = {
  alias: 'an alias', acronym: 'an acronym', previous: 'a former name', short: 'a short name',
  'zh-hans': 'its Chinese name', 'zh-hant': 'its Chinese name (traditional characters)', 'zh-short': 'its Chinese short name',
};

const VIA: Record<string, string> = {
  han: 'compared in Chinese characters',
  pinyin: 'compared by the pinyin reading of the Chinese name',
};

/** A phrase for one known feature, or null when the feature says nothing worth a word at this value. */
function knownPhrase(f: FeatureLike): string | null | undefined {
  const v = f.value;
  switch (f.feature) {
    case 'query_coverage':
      return v >= 0.999 ? 'all words of the name match' : v >= 0.75 ? 'most words of the name match' : 'only some words of the name match';
    case 'name_coverage':
      return v >= 0.95 ? null : v >= 0.7 ? 'the listed name has a few more words' : 'the listed name has many more words';
    case 'token_order':
      return v >= 0.999 ? null : 'the words come in a different order';
    case 'exact_core':
      return v >= 0.999 ? 'the core of the name is identical' : null;
    case 'legal_form_agreement':
      return v >= 0.999 ? 'legal form agrees' : 'legal form differs';
    case 'unmatched_query_words':
      return v > 0 ? 'some words you typed are not in the listed name' : null;
    case 'place_conflict':
      return v > 0 ? 'the place names differ' : null;
    case 'generic_words_only':
      return v > 0 ? 'only generic business words match, and the listed name has another word between them' : null;
    case 'han_core':
      return v >= 0.999 ? 'the Chinese characters match exactly' : v >= 0.75 ? 'the Chinese characters are nearly the same' : 'the Chinese characters are partly the same';
    case 'pinyin_core':
      return v >= 0.999 ? 'the pinyin reading matches exactly' : 'the pinyin reading is similar';
    case 'unverified_name':
      return 'the matched name is an unverified hint, not a sourced name';
    case 'query_part':
      return f.detail ?? 'only part of what you typed matched';
    case 'name_kind':
      return null; // said by the "matched its alias …" clause
    default:
      return undefined; // unknown to this version of the UI
  }
}

/** "only part matched" for a feature this UI does not know: its own detail, else its name in words. */
function unknownPhrase(f: FeatureLike): string | null {
  if (f.weight === 0 && f.value === 0) return null;
  const text = f.detail?.trim() || f.feature.replace(/[_-]+/g, ' ').trim();
  return text ? `${text} (${f.value.toFixed(2)})` : null;
}

/**
 * The explanation as one sentence, e.g. "All words of the name match; legal form differs.", with
 * what was matched when it is not the printed name ("Matched its Chinese name 腾讯控股有限公司,
 * compared in Chinese characters: …"). Always returns text, even with no or only unknown features.
 */
export function matchInWords(ex: ExplanationLike): string {
  const phrases: string[] = [];
  for (const f of ex.features) {
    const known = knownPhrase(f);
    const p = known === undefined ? unknownPhrase(f) : known;
    if (p && !phrases.includes(p)) phrases.push(p);
  }
  const path = ex.queryForm?.split(':')[0]?.trim() ?? '';
  const lead: string[] = [];
  const kind = ex.matchedNameKind && ex.matchedNameKind !== 'printed' ? KIND_WORDS[ex.matchedNameKind] ?? `a ${ex.matchedNameKind} name` : null;
  if (kind && ex.matchedName) lead.push(`matched ${kind} “${ex.matchedName}”`);
  if (VIA[path]) lead.push(VIA[path]!);
  const body = phrases.length ? phrases.join('; ') : 'the name is close to a listed name';
  const sentence = lead.length ? `${lead.join(', ')}: ${body}` : body;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1) + '.';
}
