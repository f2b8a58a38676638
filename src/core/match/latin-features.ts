import type { TokenKind } from '../normalise/latin.js';
import { foldPlural } from '../normalise/text.js';
import { BUSINESS_WORDS } from './generic-words.generated.js';
import { typoEdits } from './similarity.js';

/** Share of a token's IDF that counts, by kind: places are weak evidence, legal forms nearly none. */
export const KIND_FACTOR: Readonly<Record<TokenKind, number>> = { core: 1, structure: 0.3, place: 0.25, minor: 0.25, legal: 0.05, stop: 0 };

/**
 * The same for query tokens. A place the query names and the listed name lacks counts more
 * than the reverse: "Chengdu JOUAV" for "JOUAV" drops a place, while "SMIC (Shenzhen)" for
 * "SMIC" names a different, more specific company.
 */
export const QUERY_KIND_FACTOR: Readonly<Record<TokenKind, number>> = { ...KIND_FACTOR, place: 0.5 };

/**
 * Similarity credited to a token pair, by how they matched. `typo` is one edit, `typo2` two edits
 * (both words of TWO_EDIT_LENGTH+ letters); `initials` a query word of 2–3 letters written for
 * consecutive name words ("JC" for "Jean Claude"); `prefix` a company's prefix abbreviation and a
 * truncated last word ("DR" for "DRISSI", see alignInto).
 */
export const TOKEN_SIM = { exact: 1, joined: 1, typo: 0.9, typo2: 0.8, initials: 0.8, prefix: 0.7 } as const;

/** A Latin token list with per-token weights (IDF × kind factor). */
export interface WeightedTokens {
  tokens: readonly string[];
  kinds: readonly TokenKind[];
  alts: readonly (readonly string[] | null)[];
  weights: readonly number[];
  /**
   * For listed names: matched exactly only, never through a typo. Acronyms and one-word names
   * of up to 5 letters are codes ("CSIC" is not "CSSC", "CASIC" or "CSICL").
   */
  exactOnly?: boolean;
  /** For query tokens: the indexed tokens one edit away (typo neighbours), found once per query. */
  near?: readonly (readonly string[])[];
  /** `personShaped` of these tokens, worked out once (queries and indexed names); absent = work it out. */
  person?: boolean;
  /** For listed names: per token, printed in parentheses (a qualifier such as a city); absent when none is. */
  paren?: readonly boolean[];
  /** For query tokens: per token, written as initials ("U.S."); absent when none is. */
  initials?: readonly boolean[];
  /** The tokens are the pinyin syllables of a Chinese query ("ming ke ji"), not words: none is an initials word. */
  syllables?: boolean;
}

/**
 * A `WeightedTokens` with every field present, in one order (absent ones undefined), and
 * `person` worked out. Query forms and listed names must share one object shape: the scorer
 * reads both in every call, and with the optional fields added in different orders (seven
 * shapes) its property reads went megamorphic and V8 threw its optimised code away again and
 * again (measured: 160 deoptimisations and 730 recompilations in a 100,000-row batch worker).
 */
export function weightedTokens(f: WeightedTokens): WeightedTokens {
  const w: WeightedTokens = {
    tokens: f.tokens,
    kinds: f.kinds,
    alts: f.alts,
    weights: f.weights,
    exactOnly: f.exactOnly,
    near: f.near,
    person: f.person,
    paren: f.paren,
    initials: f.initials,
    syllables: f.syllables,
  };
  w.person ??= personShaped(w);
  return w;
}

/** How a query's tokens lined up with a name's tokens. */
export interface LatinAlignment {
  /** Similarity credited to each query token (0 = unmatched). */
  qSim: Float64Array;
  /** Similarity credited to each name token. */
  nSim: Float64Array;
  /** For each query token, the name token index it matched, or -1. */
  qTo: Int32Array;
  /** Human notes: "typo secerity~security", "abbreviation sec→security", "joined sense+time". */
  notes: string[];
}

function same(q: string, qAlts: readonly string[] | null, n: string, nAlts: readonly string[] | null): boolean {
  if (q === n) return true;
  if (qAlts && qAlts.includes(n)) return true;
  if (nAlts && nAlts.includes(q)) return true;
  return false;
}

const DIGITS = /\d/;

/**
 * Aligns query tokens to name tokens, each name token used once, in passes of decreasing
 * strength: exact (or an accepted abbreviation), two tokens written as one ("Sense Time" =
 * "SenseTime"), typo or swap (one edit from 4 letters, two from 9; no digits), then prefix
 * abbreviation ("Precn" → "Precision", 3+ letters). Stop words never match.
 */
export function alignLatin(q: WeightedTokens, n: WeightedTokens): LatinAlignment {
  // Typed arrays, as the hot path (latinScore) passes: alignInto and the feature functions then
  // see one kind of array, and their optimised code is not thrown away when a hit is explained.
  const qSim = new Float64Array(q.tokens.length);
  const nSim = new Float64Array(n.tokens.length);
  const qTo = new Int32Array(q.tokens.length).fill(-1);
  const notes: string[] = [];
  alignInto(q, n, qSim, nSim, qTo, notes);
  return { qSim, nSim, qTo, notes };
}

/**
 * `s === a + b` without building `a + b`: the alignment runs for every candidate of every
 * query, and these concatenations were most of its garbage.
 */
function isJoin2(s: string, a: string, b: string): boolean {
  return s.length === a.length + b.length && s.startsWith(a) && s.endsWith(b);
}

/**
 * How a word the pipeline folded from a plural ("Siemens" → siemen) reads with the legal form `b`
 * glued to it: `a + "s" + b` ("siemensag" for "SiemensAG" = "Siemens AG"), since the glued token
 * keeps its "s" and the plain join of the folded words misses it; null when `a` is no folded
 * plural. Callers ask this only when `b` is a legal form. The one rule for the index's joined
 * keys, the candidate lookup and the scorer.
 */
export function gluedToFoldedPlural(a: string, b: string): string | null {
  return foldPlural(a + 's') === a ? `${a}s${b}` : null;
}

/** `s === gluedToFoldedPlural(a, b)`, checked cheaply first. */
export function isJoinFoldedPlural(s: string, a: string, b: string): boolean {
  return s.length === a.length + b.length + 1 && s.charCodeAt(a.length) === 115 && s.startsWith(a) && s.endsWith(b) && gluedToFoldedPlural(a, b) === s;
}

/** `s === a + b + c`, likewise without building it. */
function isJoin3(s: string, a: string, b: string, c: string): boolean {
  return s.length === a.length + b.length + c.length && s.startsWith(a) && s.startsWith(b, a.length) && s.endsWith(c);
}

/** Query token `i` matched name token `j` with similarity `s` (a module function: a closure per alignment was garbage). */
function link(qSim: Float64Array, nSim: Float64Array, qTo: Int32Array, i: number, j: number, s: number): void {
  qSim[i] = s;
  nSim[j] = Math.max(nSim[j] ?? 0, s);
  qTo[i] = j;
}

/**
 * The alignment of `alignLatin`, written into caller-owned arrays (`qSim`, `nSim` zero and
 * `qTo` −1 over the tokens' lengths) so the hot path can reuse them; notes only when asked.
 */
export function alignInto(q: WeightedTokens, n: WeightedTokens, qSim: Float64Array, nSim: Float64Array, qTo: Int32Array, notes: string[] | null): void {
  alignExact(q, n, qSim, nSim, qTo, notes);
  // The other passes need a word unexplained on each side; a pair explained entirely on one side
  // is done here. The passes are functions of their own so that V8 compiles (and, when a
  // rare branch first runs, recompiles) each alone rather than one large function.
  if (!unexplained(q.tokens.length, qSim) || !unexplained(n.tokens.length, nSim)) return;
  alignJoins(q, n, qSim, nSim, qTo, notes);
  alignFuzzy(q, n, qSim, nSim, qTo, notes);
}

/** Whether one of the first `length` words has similarity 0 (every later pass needs such a word on both sides, even a filler word: "A VIC" = "AVIC"). */
function unexplained(length: number, sim: Float64Array): boolean {
  for (let i = 0; i < length; i++) if (!sim[i]) return true;
  return false;
}

/** The first passes of `alignInto`: initials, exact words, and a word the query repeats. */
function alignExact(q: WeightedTokens, n: WeightedTokens, qSim: Float64Array, nSim: Float64Array, qTo: Int32Array, notes: string[] | null): void {
  const ql = q.tokens.length;
  const nl = n.tokens.length;
  // Initials first, so that the exact pass does not take a word they stand for ("U.S. … State"
  // for "United States … State"); only where another word matches exactly (see initialsAt).
  for (let i = 0; i < ql; i++) {
    if (!mayBeInitials(q, i)) continue;
    const j = initialsAt(q, n, i, nSim);
    if (j < 0) continue;
    const len = (q.tokens[i] ?? '').length;
    qSim[i] = TOKEN_SIM.initials;
    qTo[i] = j;
    for (let k = j; k < j + len; k++) nSim[k] = TOKEN_SIM.initials;
    notes?.push(`initials ${q.tokens[i]}=${n.tokens.slice(j, j + len).join(' ')}`);
  }
  for (let i = 0; i < ql; i++) {
    if (q.kinds[i] === 'stop' || qSim[i]) continue;
    for (let j = 0; j < nl; j++) {
      if (nSim[j] === 0 && same(q.tokens[i] ?? '', q.alts[i] ?? null, n.tokens[j] ?? '', n.alts[j] ?? null)) {
        link(qSim, nSim, qTo, i, j, TOKEN_SIM.exact);
        break;
      }
    }
  }
  // A word the query repeats ("Sergey Sergey Shoigu") is explained by the name word its first
  // occurrence matched; it adds nothing to the name's coverage or to the order.
  for (let i = 1; i < ql; i++) {
    if (qSim[i] || q.kinds[i] === 'stop') continue;
    for (let k = 0; k < i; k++) {
      if (qSim[k] === TOKEN_SIM.exact && q.tokens[k] === q.tokens[i]) {
        qSim[i] = TOKEN_SIM.exact;
        break;
      }
    }
  }
}

/** The passes of `alignInto` for words written together or apart: two or three words as one, both ways. */
function alignJoins(q: WeightedTokens, n: WeightedTokens, qSim: Float64Array, nSim: Float64Array, qTo: Int32Array, notes: string[] | null): void {
  const ql = q.tokens.length;
  const nl = n.tokens.length;
  // Joined tokens: "cloud walk" vs "cloudwalk" and back (also a legal form glued to a plural: "SiemensAG").
  for (let i = 0; i + 1 < ql; i++) {
    if (qSim[i] || qSim[i + 1]) continue;
    const a = q.tokens[i] ?? '';
    const b = q.tokens[i + 1] ?? '';
    for (let j = 0; j < nl; j++) {
      const nt = n.tokens[j] ?? '';
      if (nSim[j] === 0 && (isJoin2(nt, a, b) || (q.kinds[i + 1] === 'legal' && isJoinFoldedPlural(nt, a, b)))) {
        link(qSim, nSim, qTo, i, j, TOKEN_SIM.joined);
        link(qSim, nSim, qTo, i + 1, j, TOKEN_SIM.joined);
        notes?.push(`joined ${q.tokens[i]}+${q.tokens[i + 1]}`);
        break;
      }
    }
  }
  for (let j = 0; j + 1 < nl; j++) {
    if (nSim[j] || nSim[j + 1]) continue;
    const a = n.tokens[j] ?? '';
    const b = n.tokens[j + 1] ?? '';
    for (let i = 0; i < ql; i++) {
      const qt = q.tokens[i] ?? '';
      if (qSim[i] === 0 && (isJoin2(qt, a, b) || (n.kinds[j + 1] === 'legal' && isJoinFoldedPlural(qt, a, b)))) {
        link(qSim, nSim, qTo, i, j, TOKEN_SIM.joined);
        nSim[j + 1] = TOKEN_SIM.joined;
        notes?.push(`split ${q.tokens[i]}=${n.tokens[j]}+${n.tokens[j + 1]}`);
        break;
      }
    }
  }
  // Three words written as one: "van der bilt" vs "vanderbilt" and back.
  for (let i = 0; i + 2 < ql; i++) {
    if (qSim[i] || qSim[i + 1] || qSim[i + 2]) continue;
    const a = q.tokens[i] ?? '';
    const b = q.tokens[i + 1] ?? '';
    const c = q.tokens[i + 2] ?? '';
    for (let j = 0; j < nl; j++) {
      if (nSim[j] === 0 && isJoin3(n.tokens[j] ?? '', a, b, c)) {
        link(qSim, nSim, qTo, i, j, TOKEN_SIM.joined);
        link(qSim, nSim, qTo, i + 1, j, TOKEN_SIM.joined);
        link(qSim, nSim, qTo, i + 2, j, TOKEN_SIM.joined);
        notes?.push(`joined ${q.tokens[i]}+${q.tokens[i + 1]}+${q.tokens[i + 2]}`);
        break;
      }
    }
  }
  for (let j = 0; j + 2 < nl; j++) {
    if (nSim[j] || nSim[j + 1] || nSim[j + 2]) continue;
    const a = n.tokens[j] ?? '';
    const b = n.tokens[j + 1] ?? '';
    const c = n.tokens[j + 2] ?? '';
    for (let i = 0; i < ql; i++) {
      if (qSim[i] === 0 && isJoin3(q.tokens[i] ?? '', a, b, c)) {
        link(qSim, nSim, qTo, i, j, TOKEN_SIM.joined);
        nSim[j + 1] = TOKEN_SIM.joined;
        nSim[j + 2] = TOKEN_SIM.joined;
        notes?.push(`split ${q.tokens[i]}=${n.tokens[j]}+${n.tokens[j + 1]}+${n.tokens[j + 2]}`);
        break;
      }
    }
  }
}

/** The last passes of `alignInto`: typos, prefix abbreviations and a truncated last word. */
function alignFuzzy(q: WeightedTokens, n: WeightedTokens, qSim: Float64Array, nSim: Float64Array, qTo: Int32Array, notes: string[] | null): void {
  const ql = q.tokens.length;
  const nl = n.tokens.length;
  for (let i = 0; i < ql; i++) {
    const qt = q.tokens[i] ?? '';
    if (qSim[i] || q.kinds[i] === 'stop' || DIGITS.test(qt) || n.exactOnly) continue;
    for (let j = 0; j < nl; j++) {
      const nt = n.tokens[j] ?? '';
      if (nSim[j] !== 0) continue;
      const e = typoEdits(qt, nt);
      if (e !== null) {
        link(qSim, nSim, qTo, i, j, e <= 1 ? TOKEN_SIM.typo : TOKEN_SIM.typo2);
        notes?.push(`typo ${qt}~${nt}`);
        break;
      }
    }
  }
  // Prefix abbreviations ("Precn" → "Precision") are a company's; a person's name is not
  // abbreviated that way ("Lind" is not "Lindemann"), only cut off at its end (below).
  let persons: boolean | null = null;
  for (let i = 0; i < ql; i++) {
    const qt = q.tokens[i] ?? '';
    if (qSim[i] || q.kinds[i] !== 'core' || qt.length < 3 || DIGITS.test(qt)) continue;
    if ((persons ??= personShaped(q) && personShaped(n))) break;
    for (let j = 0; j < nl; j++) {
      const nt = n.tokens[j] ?? '';
      if (nSim[j] === 0 && n.kinds[j] === 'core' && nt.length > qt.length && nt.startsWith(qt)) {
        link(qSim, nSim, qTo, i, j, TOKEN_SIM.prefix);
        notes?.push(`abbreviation ${qt}→${nt}`);
        break;
      }
    }
  }
  const t = truncatedLast(q, n, qSim, nSim, qTo);
  if (t >= 0) {
    link(qSim, nSim, qTo, ql - 1, t, TOKEN_SIM.prefix);
    notes?.push(`truncated ${q.tokens[ql - 1]}…→${n.tokens[t]}`);
  }
}

/** Shortest query word credited as the cut-off end of a name's word. */
export const MIN_TRUNCATED = 2;

/**
 * Words a query needs for a truncated last word shorter than the prefix abbreviations (3
 * letters): a fixed-width field cuts long names, and crediting a two-letter end in every short
 * query would lower the candidate cut-off of many queries.
 */
export const MIN_WORDS_SHORT_TRUNCATED = 4;

/**
 * Most of a query's weight a short truncated word may carry (an unknown word weighs the most a
 * word can): the words before the cut carry the match, and the candidate cut-off (0.6 of the
 * weight at the default threshold), lowered by 0.7 × this word, stays well above 0.
 */
export const SHORT_TRUNCATED_MAX_SHARE = 0.45;

/**
 * Whether a query may end in a truncated word shorter than 3 letters: MIN_WORDS_SHORT_TRUNCATED+
 * words with 3+ name words (core) before it, and that word carries at most
 * SHORT_TRUNCATED_MAX_SHARE of the query's weight.
 */
export function shortTruncationAllowed(q: WeightedTokens): boolean {
  const n = q.tokens.length;
  if (n < MIN_WORDS_SHORT_TRUNCATED || q.syllables) return false;
  let total = 0;
  let core = 0;
  for (let i = 0; i < n; i++) {
    total += q.weights[i] ?? 0;
    if (i < n - 1 && q.kinds[i] === 'core') core++;
  }
  return core >= MIN_WORDS_SHORT_TRUNCATED - 1 && (q.weights[n - 1] ?? 0) <= SHORT_TRUNCATED_MAX_SHARE * total;
}

/**
 * A name cut off inside its last word, as fixed-width files cut them ("… BELKASSEM DR" for
 * "… Belkassem DRISSI"): the query's last word (core, MIN_TRUNCATED+ letters, no digits; under 3
 * letters only in a query of MIN_WORDS_SHORT_TRUNCATED+ words) starts
 * the name word right after the one the query's previous word matched, and every other query
 * word is matched (a one-letter word, even a filler such as "A", is an initial that must match:
 * "Thomas A. Lind" is not "Thomas Lindemann"). Returns that name word's index, or −1.
 */
export function truncatedLast(q: WeightedTokens, n: WeightedTokens, qSim: Float64Array, nSim: Float64Array, qTo: Int32Array): number {
  const last = q.tokens.length - 1;
  const qt = q.tokens[last] ?? '';
  if (last < 1 || qSim[last] || q.kinds[last] !== 'core' || qt.length < MIN_TRUNCATED || DIGITS.test(qt)) return -1;
  if (qt.length < 3 && !shortTruncationAllowed(q)) return -1;
  let prev = -1;
  for (let i = 0; i < last; i++) {
    const k = q.kinds[i];
    if (qSim[i]) prev = i;
    else if (k !== 'stop' || (q.tokens[i] ?? '').length === 1) return -1;
  }
  if (prev < 0) return -1;
  const j = (qTo[prev] ?? -1) + 1;
  const nt = n.tokens[j] ?? '';
  if (j <= 0 || j >= n.tokens.length || nSim[j] !== 0 || n.kinds[j] !== 'core' || nt.length <= qt.length || !nt.startsWith(qt)) return -1;
  return j;
}

/**
 * A query word that may stand for the initials of 2–3 name words: 2–3 letters, a name word,
 * written as initials ("U.S.", any name) or in a query shaped like a person's name (given names
 * are written as initials; a company's undotted short words are acronyms of their own, and
 * crediting them as initials would lower the candidate cut-off of every company query with one).
 */
export function mayBeInitials(q: WeightedTokens, i: number): boolean {
  const t = q.tokens[i] ?? '';
  if (t.length < 2 || t.length > 3 || q.tokens.length < 2 || q.syllables || (q.kinds[i] !== 'core' && q.kinds[i] !== 'minor')) return false;
  for (let c = 0; c < t.length; c++) {
    const x = t.charCodeAt(c);
    if (x < 97 || x > 122) return false;
  }
  return q.initials?.[i] === true || personShaped(q);
}

/**
 * Where query word `i` (see mayBeInitials) is the initials of consecutive unmatched words of a
 * person-shaped name with another word besides, as given names are ("JC Juncker" for
 * "Jean-Claude Juncker" or "JUNCKER, Jean-Claude"), or, for a word written as initials, of any
 * name ("U.S. Department of State" for "United States Department of State"): the first such
 * run, or −1. Only when the name has no word equal to it and another name word (not a
 * filler) equals another query word, so an acronym alone never matches a name's initials.
 */
export function initialsAt(q: WeightedTokens, n: WeightedTokens, i: number, nSim: Float64Array): number {
  const t = q.tokens[i] ?? '';
  const len = t.length;
  const nl = n.tokens.length;
  if (nl < len + 1 || (!q.initials?.[i] && !personShaped(n))) return -1;
  let other = false;
  for (let j = 0; j < nl; j++) {
    const nt = n.tokens[j] ?? '';
    if (nt === t) return -1;
    if (!other && n.kinds[j] === 'core') for (let k = 0; k < q.tokens.length; k++) if (k !== i && q.kinds[k] === 'core' && q.tokens[k] === nt) other = true;
  }
  if (!other) return -1;
  for (let j = 0; j + len <= nl; j++) {
    let ok = true;
    for (let k = 0; k < len && ok; k++) ok = nSim[j + k] === 0 && n.kinds[j + k] === 'core' && (n.tokens[j + k] ?? '').charCodeAt(0) === t.charCodeAt(k) && (n.tokens[j + k] ?? '').length > 1;
    if (ok) return j;
  }
  return -1;
}

/** Filler words that join the words of a company's name ("Bank of China"), never a person's. */
const PHRASE_FILLERS: ReadonlySet<string> = new Set(['of', 'the', 'and', 'for', 'in']);

/**
 * True when a name could be a person's: 2+ words, no legal form, structure word, place or
 * company filler ("of", "and") and, unless the list types it as an individual's (`ofPerson`),
 * no business word (BUSINESS_WORDS: "technology", "brigade", "office" name organisations and
 * no individual on the published lists; see scripts/generic-words). Persons' names come in
 * either order ("LAVROV, Sergei", "Kim Jong Un" / "Jong Un Kim"), so their word order is no
 * evidence. `person`, when given, is the answer worked out before.
 */
export function personShaped(w: Pick<WeightedTokens, 'tokens' | 'kinds' | 'person'>, ofPerson = false): boolean {
  if (w.person !== undefined) return w.person;
  if (w.tokens.length < 2) return false;
  for (let i = 0; i < w.tokens.length; i++) {
    const k = w.kinds[i];
    const t = w.tokens[i] ?? '';
    if (k === 'legal' || k === 'structure' || k === 'place' || PHRASE_FILLERS.has(t)) return false;
    if (!ofPerson && k === 'core' && BUSINESS_WORDS.has(t)) return false;
  }
  return true;
}

/** Σ weight × similarity ÷ Σ weight: how much of one side the other side explains. */
export function coverage(weights: readonly number[], sims: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] ?? 0;
    den += w;
    num += w * (sims[i] ?? 0);
  }
  return den > 0 ? num / den : 0;
}

/**
 * Share of consecutive matched query tokens whose name tokens come in the same order (1 when < 2
 * matches), over the first `length` entries of `qTo` (a reused buffer may be longer).
 */
export function orderAgreement(qTo: ArrayLike<number>, length = qTo.length): number {
  let seqLen = 0;
  let ok = 0;
  let prev = -1;
  for (let i = 0; i < length; i++) {
    const j = qTo[i] as number;
    if (j < 0) continue;
    if (seqLen > 0 && j > prev) ok++;
    prev = j;
    seqLen++;
  }
  return seqLen < 2 ? 1 : ok / (seqLen - 1);
}

/** 1 when both sides carry a place token and neither place is matched (Beijing vs Shanghai). */
export function placeConflict(q: WeightedTokens, n: WeightedTokens, a: LatinAlignment): number {
  const qPlace = q.kinds.some((k, i) => k === 'place' && !a.qSim[i]);
  const nPlace = n.kinds.some((k, j) => k === 'place' && !a.nSim[j]);
  return qPlace && nPlace ? 1 : 0;
}

/** 1 when the core tokens of both sides are the same sequence (walked in step, nothing allocated: the scorer's hot path). */
export function exactCore(q: WeightedTokens, n: WeightedTokens): number {
  const ql = q.tokens.length;
  const nl = n.tokens.length;
  let a = 0;
  let b = 0;
  let count = 0;
  for (;;) {
    while (a < ql && q.kinds[a] !== 'core') a++;
    while (b < nl && n.kinds[b] !== 'core') b++;
    if (a >= ql || b >= nl) return a >= ql && b >= nl && count > 0 ? 1 : 0;
    if (q.tokens[a] !== n.tokens[b]) return 0;
    count++;
    a++;
    b++;
  }
}

/** Number of core query tokens nothing in the name explains (each one is evidence of a different company). */
export function unmatchedCore(q: WeightedTokens, a: LatinAlignment): number {
  let n = 0;
  for (let i = 0; i < q.tokens.length; i++) if (q.kinds[i] === 'core' && !a.qSim[i]) n++;
  return n;
}

/** Jaccard agreement of the legal forms of both sides in canonical spelling (1 when neither has one). */
export function legalAgreement(q: WeightedTokens, n: WeightedTokens, canonical: Readonly<Record<string, string>>): number {
  const set = (w: WeightedTokens): Set<string> => new Set(w.tokens.filter((_, i) => w.kinds[i] === 'legal' || w.kinds[i] === 'structure').map((t) => canonical[t] ?? t));
  const a = set(q);
  const b = set(n);
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}
