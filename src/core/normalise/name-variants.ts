/**
 * Spellings of one name word that OFAC gives for one individual (Mohammed = Muhammad, Khaled =
 * Khalid, Yusuf = Youssef), learned from the SDN list's aliases by scripts/name-variants (see
 * name-variants.generated.ts): a name word also carries the other spellings of its group, so a
 * screen finds the person whichever one the query or the list writes.
 */
import { NAME_VARIANT_GROUPS } from './name-variants.generated.js';

/** Doubled letters written once, as `singleLetters` reads a word too (Youssef → Yousef). */
const single = (w: string): string => w.replace(/(.)\1+/g, '$1');

/** Each spelling, and each spelling with doubled letters written once, → its group. */
const GROUP_OF: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, readonly string[]>();
  for (const g of NAME_VARIANT_GROUPS) for (const w of g) for (const k of [w, single(w)]) if (!m.has(k)) m.set(k, g);
  return m;
})();

/** The spellings of `word`'s group (itself included), or undefined when it has none. */
export function nameVariants(word: string): readonly string[] | undefined {
  // Every word of every name and query comes here: the doubled-letter reading is built only for
  // a word that has one.
  return GROUP_OF.get(word) ?? (hasDouble(word) ? GROUP_OF.get(single(word)) : undefined);
}

function hasDouble(w: string): boolean {
  for (let i = 1; i < w.length; i++) if (w.charCodeAt(i) === w.charCodeAt(i - 1)) return true;
  return false;
}
