/**
 * Name comparison used by the publication diff: deciding whether two printed names are the
 * same name written differently (asterisks, punctuation, an acronym in brackets) or a rename,
 * and how similar two different names are. Deliberately small and local: the diff must not
 * change when the screening normaliser is tuned.
 */

/** Legal forms and filler words that say nothing about which company it is. */
const FILLER = new Set([
  'co', 'company', 'corp', 'corporation', 'ltd', 'limited', 'inc', 'incorporated', 'llc', 'plc',
  'the', 'of', 'and', 'group', 'holding', 'holdings', 'sa', 'slu', 's', 'l', 'u',
]);

/** Lower case, without brackets' content, asterisks, punctuation and doubled spaces. */
export function printedKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** The distinctive tokens of a name (filler words dropped). */
export function nameTokens(name: string): string[] {
  return printedKey(name)
    .split(' ')
    .filter((t) => t && !FILLER.has(t));
}

/** True when two printed names differ only in form (case, punctuation, bracketed acronym, asterisk). */
export function sameName(a: string, b: string): boolean {
  return printedKey(a) === printedKey(b);
}

/**
 * Similarity of two names in [0, 1]: the Dice coefficient of their distinctive tokens,
 * with a token counted as shared when one is a prefix of the other of length ≥ 4
 * (so "Phoenix"/"Phenix" do not match but "Technology"/"Tech" do not inflate either).
 */
export function nameSimilarity(a: string, b: string): number {
  const ta = [...new Set(nameTokens(a))];
  const tb = [...new Set(nameTokens(b))];
  if (!ta.length || !tb.length) return 0;
  let shared = 0;
  const used = new Set<number>();
  for (const x of ta) {
    const j = tb.findIndex((y, i) => !used.has(i) && (x === y || (Math.min(x.length, y.length) >= 4 && (x.startsWith(y) || y.startsWith(x)))));
    if (j >= 0) {
      used.add(j);
      shared++;
    }
  }
  return (2 * shared) / (ta.length + tb.length);
}

/**
 * Former names a list states in a printed name or note, e.g.
 * "AVIC Xi'an Aircraft Co., Ltd. (formerly Xi'an Aircraft Industry Group Co., Ltd.)" or
 * "AVIC Chengdu Aircraft Co., Ltd. (formerly Zhonghang … Limited (ZEMIC))": the name runs to the
 * bracket that closes the one opened before "formerly", or to ";" / end of text.
 */
export function formerNamesIn(text: string | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  const re = /\b(?:formerly(?: known as)?|previously(?: known as)?|f\/k\/a)\s*:?\s*/gi;
  for (const m of text.matchAll(re)) {
    let depth = 0;
    let end = text.length;
    for (let i = (m.index ?? 0) + m[0].length; i < text.length; i++) {
      const c = text[i];
      if (c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') {
        if (depth === 0) { end = i; break; }
        depth--;
      } else if (c === ';' && depth === 0) { end = i; break; }
    }
    const name = text.slice((m.index ?? 0) + m[0].length, end).trim().replace(/,$/, '');
    if (name) out.push(name);
  }
  return out;
}
