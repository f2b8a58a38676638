/**
 * Russian names in the romanisations lists and users write them. `any-ascii` reads Cyrillic one
 * way ("Евгений" → evgenii), while the SDN list, passports and the press write Yevgeny, Yevgeniy
 * or Evgeniy; the published systems are applied by `iuliia` (Wikipedia, BGN/PCGN, ICAO Doc 9303
 * as on Russian passports, MVD 782), so a Cyrillic name also carries those spellings of each word.
 */
// Named imports: the package ships CommonJS and an ES build, and a default import of it is
// module.exports under Node but undefined under tsx in a worker thread (which reads the ES build).
import { BGN_PCGN, ICAO_DOC_9303, MVD_782, WIKIPEDIA, translate } from 'iuliia';
import { basicLatin, tokenize } from './text.js';

const CYRILLIC = /\p{Script=Cyrillic}/u;

/** The systems whose spellings a Cyrillic word also carries (any-ascii's reading is the token itself). */
const SYSTEMS = [WIKIPEDIA, BGN_PCGN, ICAO_DOC_9303, MVD_782];

/** True when `raw` has Cyrillic letters. */
export function hasCyrillic(raw: string): boolean {
  return CYRILLIC.test(raw);
}

/**
 * For each word of `raw` written in Cyrillic, its token as the Latin pipeline reads it (any-ascii,
 * folded) → its other spellings in the systems above, folded the same way ("evgenii" →
 * yevgeny, yevgeniy, evgeniy). Words that fold to more or less than one token are left out.
 */
export function cyrillicSpellings(raw: string): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  for (const word of raw.split(/\s+/)) {
    if (!CYRILLIC.test(word)) continue;
    const base = tokenize(basicLatin(word));
    if (base.length !== 1) continue;
    const key = base[0] as string;
    const seen = out.get(key) ?? [];
    for (const system of SYSTEMS) {
      const v = tokenize(basicLatin(translate(word, system)));
      if (v.length === 1 && v[0] !== key && !seen.includes(v[0] as string)) seen.push(v[0] as string);
    }
    if (seen.length) out.set(key, seen);
  }
  return out;
}
