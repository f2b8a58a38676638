/**
 * The names that write a query word as adjacent words ("tplink" of "TP Link", "vanderbilt" of
 * "van der Bilt", "siemensag" of "Siemens AG" with its plural's "s"), found from the word when
 * it is looked up rather than kept as a map of every adjacent pair and triple of every name:
 * that map was about half the entries an index built (91,540 keys from 165,522 pairs and
 * triples for the bundled record + SDN + CSL), and a query word is looked up once per index
 * (tokenLookups memoises it). A bitset of the joins' hashes (`joinFilter`, built with the index:
 * 256 KB) answers "no name writes this word as adjacent words" for most words without a lookup:
 * finding the splits of a word that is no join cost as much as those of one that is.
 */
import { FNV_OFFSET, fnvFrom } from './deletion-table.js';
import { gluedToFoldedPlural } from './latin-features.js';
import { holds } from './postings.js';
import type { ScreenIndex } from './types.js';

/**
 * Ids (ascending, each once) of the names that have, at some position, two adjacent tokens
 * `a b` with `a + b = t`, three `a b c` with `a + b + c = t`, or a token followed by a legal form
 * with `gluedToFoldedPlural(a, b) = t`; undefined when none has. The split points are those
 * where both (all three) parts are tokens of the index, so a word costs a few lookups of its
 * prefixes and suffixes, and the names are those in every part's postings.
 */
export function joinedNames(t: string, index: ScreenIndex): number[] | undefined {
  if (!mayBeJoin(index.joinFilter, t)) return undefined;
  const found = new Set<number>();
  for (let k = 1; k < t.length; k++) {
    const a = t.slice(0, k);
    const pa = index.tokens.get(a);
    if (!pa) continue;
    const rest = t.slice(k);
    // "a" + "s" + legal form, when "a" is the folded plural ("siemens" → "siemen" + "s" + "ag").
    if (rest.length > 1 && rest.charCodeAt(0) === 115) {
      const b = rest.slice(1);
      const pb = index.tokens.get(b);
      if (pb && gluedToFoldedPlural(a, b) === t) collect(index, found, [pa, pb], [a, b], true);
    }
    // The rest as one token (a pair) or as two (a triple).
    for (let m = 1; m <= rest.length; m++) {
      const b = rest.slice(0, m);
      const pb = index.tokens.get(b);
      if (!pb) continue;
      if (m === rest.length) {
        collect(index, found, [pa, pb], [a, b]);
        continue;
      }
      const c = rest.slice(m);
      const pc = index.tokens.get(c);
      if (pc) collect(index, found, [pa, pb, pc], [a, b, c]);
    }
  }
  if (!found.size) return undefined;
  return [...found].sort((x, y) => x - y);
}

/**
 * Adds to `found` the names in every one of `postings` (ascending ids) that hold `parts` as
 * adjacent tokens; with `glued`, only where the second is a legal form.
 */
function collect(index: ScreenIndex, found: Set<number>, postings: readonly (readonly number[])[], parts: readonly string[], glued = false): void {
  // Walk the shortest postings list and test each of its names in the others (binary search).
  let shortest = postings[0] as readonly number[];
  for (const p of postings) if (p.length < shortest.length) shortest = p;
  next: for (const id of shortest) {
    if (found.has(id)) continue;
    for (const p of postings) if (p !== shortest && !holds(p, id)) continue next;
    const l = index.snapshot.names[id]?.latin;
    if (l && adjacentAt(l.tokens, l.kinds, parts, glued)) found.add(id);
  }
}

/** Whether `tokens` hold `parts` one after the other somewhere (with `glued`, the second a legal form). */
function adjacentAt(tokens: readonly string[], kinds: readonly string[], parts: readonly string[], glued: boolean): boolean {
  outer: for (let i = 0; i + parts.length <= tokens.length; i++) {
    for (let k = 0; k < parts.length; k++) if (tokens[i + k] !== parts[k]) continue outer;
    if (glued && kinds[i + 1] !== 'legal') continue;
    return true;
  }
  return false;
}

/** Bits of a join filter: 2^21, so the joins of 60,000 names set under a tenth of them. */
const FILTER_BITS = 1 << 21;

/**
 * A bitset with the bit of every word `joinedNames` can find set: for each Latin name, each two
 * and three adjacent tokens joined, and a token glued to a following legal form
 * (`gluedToFoldedPlural`). Hashed part by part, no joined string is made.
 */
export function joinFilter(names: readonly ({ latin: { tokens: readonly string[]; kinds: readonly string[] } | null })[]): Uint32Array {
  const bits = new Uint32Array(FILTER_BITS >>> 5);
  const set = (h: number): void => {
    const b = (h >>> 0) & (FILTER_BITS - 1);
    bits[b >>> 5] = (bits[b >>> 5] as number) | (1 << (b & 31));
  };
  for (const n of names) {
    const l = n.latin;
    if (!l) continue;
    const ts = l.tokens;
    for (let i = 0; i + 1 < ts.length; i++) {
      const a = fnvFrom(FNV_OFFSET, ts[i] as string);
      const ab = fnvFrom(a, ts[i + 1] as string);
      set(ab);
      if (i + 2 < ts.length) set(fnvFrom(ab, ts[i + 2] as string));
      const glued = l.kinds[i + 1] === 'legal' ? gluedToFoldedPlural(ts[i] as string, ts[i + 1] as string) : null;
      if (glued) set(fnvFrom(FNV_OFFSET, glued));
    }
  }
  return bits;
}

/** False when no name can write `t` as adjacent words (its bit is not set); true means perhaps. */
function mayBeJoin(bits: Uint32Array, t: string): boolean {
  const b = (fnvFrom(FNV_OFFSET, t) >>> 0) & (FILTER_BITS - 1);
  return ((bits[b >>> 5] as number) & (1 << (b & 31))) !== 0;
}
