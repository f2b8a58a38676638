/**
 * String similarity primitives used by the features. Pure and allocation-light, because
 * they run for every candidate of every query.
 */

/** Shortest token that may match with a typo: shorter ones make too many false typos. */
export const MIN_TYPO_LENGTH = 4;

/** Shortest pair of tokens (both) that may differ by two edits ("Aerocarribean" ~ "Aerocaribbean"). */
export const TWO_EDIT_LENGTH = 9;

/**
 * Longest token that gets typo neighbours. Longer "words" (a pasted blob, a 100,000-character
 * name) are matched exactly only, so the work per token stays bounded whatever its length.
 */
export const MAX_TYPO_LENGTH = 40;

/** Edits allowed between two tokens: 0 below MIN_TYPO_LENGTH, 1, or 2 when both are long. */
export function allowedEdits(a: string, b: string): number {
  const m = Math.min(a.length, b.length);
  if (m < MIN_TYPO_LENGTH || Math.max(a.length, b.length) > MAX_TYPO_LENGTH) return 0;
  return m >= TWO_EDIT_LENGTH ? 2 : 1;
}

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps)
 * of `a` and `b` when it is at most `max`, else `max + 1`. O(len × (2·max + 1)).
 */
export function boundedEdits(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (max <= 1) return withinOneEdit(a, b) ? 1 : 2;
  // Full rows are fine: callers only pass tokens of at most MAX_TYPO_LENGTH characters. The rows
  // are reused between calls (every cell is written before it is read: row 0 here, c[0] and then
  // c[j] left to right, pp only from the third row on), as this runs for many token pairs per query.
  const fresh = lb + 1 > ROW_SCRATCH;
  let pp = fresh ? new Int32Array(lb + 1) : rowA;
  let p = fresh ? new Int32Array(lb + 1) : rowB;
  let c = fresh ? new Int32Array(lb + 1) : rowC;
  for (let j = 0; j <= lb; j++) p[j] = j;
  for (let i = 1; i <= la; i++) {
    c[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((p[j] as number) + 1, (c[j - 1] as number) + 1, (p[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, (pp[j - 2] as number) + 1);
      c[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = pp;
    pp = p;
    p = c;
    c = t;
  }
  return Math.min(p[lb] as number, max + 1);
}

const ROW_SCRATCH = 64;
const rowA = new Int32Array(ROW_SCRATCH);
const rowB = new Int32Array(ROW_SCRATCH);
const rowC = new Int32Array(ROW_SCRATCH);

/** Edits between two tokens when within what their length allows (see `allowedEdits`), else null. */
export function typoEdits(a: string, b: string): number | null {
  const max = allowedEdits(a, b);
  if (max === 0) return null;
  const d = boundedEdits(a, b, max);
  return d <= max ? d : null;
}

/**
 * True when `a` and `b` differ by at most one edit: one insertion, deletion, substitution,
 * or one swap of adjacent characters ("Aeorspace" ~ "Aerospace").
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (sameTail(a, i + 1, b, i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && sameTail(a, i + 2, b, i + 2); // transposition
  }
  return la > lb ? sameTail(a, i + 1, b, i) : sameTail(a, i, b, i + 1);
}

/** `a.slice(ia) === b.slice(ib)` without making the slices (this runs for many token pairs per query). */
function sameTail(a: string, ia: number, b: string, ib: number): boolean {
  const ra = Math.max(0, a.length - ia);
  if (ra !== Math.max(0, b.length - ib)) return false;
  for (let k = 0; k < ra; k++) if (a.charCodeAt(ia + k) !== b.charCodeAt(ib + k)) return false;
  return true;
}

/** Levenshtein distance (small strings only: pinyin cores, Han cores). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}

/** Dice coefficient of two multisets given as arrays (order ignored). */
export function dice(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  let common = 0;
  for (const y of b) {
    const c = counts.get(y) ?? 0;
    if (c > 0) {
      common++;
      counts.set(y, c - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}
