/**
 * A Chinese company name read as the Latin lists print it: pinyin for its names and places,
 * English for its business words (技术 → technology, 电子 → electronic, 中国 → china), which
 * lists translate rather than transliterate ("Zhejiang Dahua Technology" for 浙江大华技术).
 * The words and their renderings come from CC-CEDICT (zh-words.generated.ts, written by
 * scripts/zh-words/generate.ts; only renderings that are business words of the published lists).
 */
import { ZH_WORDS } from './zh-words.generated.js';

const WORDS: ReadonlyMap<string, readonly [readonly string[], readonly string[]]> = new Map(ZH_WORDS.map(([w, seq, alts]) => [w, [seq, alts]]));
const LONGEST = 4;

/** A Han name read with its business words in English; `words` lists what was translated ("技术=technology"). */
export interface TranslatedReading {
  tokens: string[];
  /** Per token: the other renderings of a translated word, null for a syllable. */
  alts: (readonly string[] | null)[];
  words: string[];
}

/**
 * `syllables` (one per character of `han`, as toPinyin gives them) with each dictionary word
 * found in `han` (longest first, left to right) replaced by the English words it reads as (a
 * one-word reading with its other renderings as alternatives). Null when no word is found or
 * the syllables do not line up with the characters.
 */
export function translatedReading(han: string, syllables: readonly string[]): TranslatedReading | null {
  const chars = [...han];
  if (chars.length !== syllables.length || chars.length < 2) return null;
  const tokens: string[] = [];
  const alts: (readonly string[] | null)[] = [];
  const words: string[] = [];
  for (let i = 0; i < chars.length; ) {
    let found = 0;
    for (let n = Math.min(LONGEST, chars.length - i); n >= 2 && !found; n--) {
      const w = chars.slice(i, i + n).join('');
      const r = WORDS.get(w);
      if (!r) continue;
      const [seq, other] = r;
      for (const t of seq) {
        tokens.push(t);
        alts.push(seq.length === 1 && other.length ? [t, ...other] : null);
      }
      words.push(`${w}=${seq.join(' ')}`);
      found = n;
    }
    if (found) {
      i += found;
      continue;
    }
    tokens.push(syllables[i] as string);
    alts.push(null);
    i++;
  }
  return words.length ? { tokens, alts, words } : null;
}
