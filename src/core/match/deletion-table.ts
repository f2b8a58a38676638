/**
 * The typo search's deletion keys (see `deletionKeys` in build-index.ts) as a few flat typed
 * arrays instead of a Map of ~470,000 strings: about a tenth of the memory, and, on
 * SharedArrayBuffers, built once per process and shared by every worker thread (a structured
 * clone of a SharedArrayBuffer shares its memory; nothing is copied or rebuilt).
 */

import { MAX_TYPO_LENGTH, MIN_TYPO_LENGTH, TWO_EDIT_LENGTH } from './similarity.js';

/** The arrays of a deletion table: what crosses to a worker thread (typed arrays over SharedArrayBuffers). */
export interface DeletionTableData {
  /** Number of tokens the table was built from, and a hash of them in order (guards against another index's table). */
  tokenCount: number;
  tokenHash: number;
  /** Open-addressing hash table (power-of-two size): key number + 1, 0 when free. */
  slots: Int32Array;
  /** Key k is `chars[keyStart[k] .. keyStart[k+1])` (UTF-16 code units). */
  keyStart: Int32Array;
  chars: Uint16Array;
  /** Hash of each key (saves comparing characters of keys that merely share a slot). */
  keyHash: Int32Array;
  /** The tokens of key k are token numbers `posts[postStart[k] .. postStart[k+1])`, in token order. */
  postStart: Int32Array;
  posts: Int32Array;
}

/** FNV-1a's offset basis (the hash of the empty string). */
export const FNV_OFFSET = 0x811c9dc5 | 0;
/** FNV-1a's 32-bit prime. */
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a over the UTF-16 code units of `s`, continued from hash `h` (so the hash of a + b is
 * that of b continued from a's), as a signed 32-bit integer.
 */
export function fnvFrom(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

/** FNV-1a over the UTF-16 code units of `s`, as a signed 32-bit integer. */
function hashOf(s: string): number {
  return fnvFrom(FNV_OFFSET, s);
}

/** A hash of the token list in order, so a table is never read against another index's tokens. */
export function tokensHash(tokens: readonly string[]): number {
  let h = FNV_OFFSET;
  for (const t of tokens) h = Math.imul(h ^ hashOf(t), FNV_PRIME);
  return h | 0;
}

/** Typed array of `n` elements on a SharedArrayBuffer (shared, not copied, when sent to a thread). */
function shared<T extends Int32Array | Uint16Array>(Ctor: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, n: number): T {
  return new Ctor(new SharedArrayBuffer(Math.max(1, n) * Ctor.BYTES_PER_ELEMENT));
}

/** A growable Int32 or Uint16 buffer (the key count is known only once every key is made). */
class Grow<T extends Int32Array | Uint16Array> {
  arr: T;
  n = 0;
  constructor(private readonly make: (n: number) => T, size: number) {
    this.arr = make(size);
  }
  push(v: number): void {
    if (this.n === this.arr.length) {
      const next = this.make(this.arr.length * 2);
      next.set(this.arr);
      this.arr = next;
    }
    this.arr[this.n++] = v;
  }
}

/**
 * Calls `visit(s1, s2)` for each deletion key of `t` in the order `deletionKeys(t)` lists them
 * (build-index.ts), as the positions of `t` it leaves out (-1: none): `t` itself, its
 * one-deletions, then, from TWO_EDIT_LENGTH letters, the one-deletions of each one-deletion. A
 * key two ways made (as "aab" less either "a") comes again: every use of the keys here gives
 * the same answer for a repeat. Nothing for a token outside [MIN_TYPO_LENGTH, MAX_TYPO_LENGTH].
 * The keys are never built as strings: this runs for every new word of a batch.
 */
export function forEachDeletion(t: string, visit: (s1: number, s2: number) => void): void {
  const n = t.length;
  if (n < MIN_TYPO_LENGTH || n > MAX_TYPO_LENGTH) return;
  visit(-1, -1);
  for (let i = 0; i < n; i++) visit(i, -1);
  if (n < TWO_EDIT_LENGTH) return;
  // Position j of "t less i" is position j (before i) or j + 1 (from i on) of t.
  for (let i = 0; i < n; i++) for (let j = 0; j + 1 < n; j++) visit(i, j < i ? j : j + 1);
}

/** FNV-1a of `t` less positions s1 and s2 (-1: none), as `hashOf` of that string. */
function hashSkip(t: string, s1: number, s2: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < t.length; i++) if (i !== s1 && i !== s2) h = Math.imul(h ^ t.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

/** Whether key k is `t` less positions s1 and s2. */
function sameKeySkip(chars: Uint16Array, keyStart: Int32Array, k: number, t: string, s1: number, s2: number): boolean {
  let p = keyStart[k] as number;
  if ((keyStart[k + 1] as number) - p !== t.length - (s1 >= 0 ? 1 : 0) - (s2 >= 0 ? 1 : 0)) return false;
  for (let i = 0; i < t.length; i++) if (i !== s1 && i !== s2 && chars[p++] !== t.charCodeAt(i)) return false;
  return true;
}

/**
 * Builds the table of `tokens` (numbered in the order given): each deletion key lists the tokens
 * that produce it, each once, in token order, as the Map it replaces did.
 */
export function buildDeletionTable(tokens: readonly string[]): DeletionTableData {
  let slots = new Int32Array(1 << 16);
  let mask = slots.length - 1;
  const keyStart = new Grow((n) => new Int32Array(n), 1 << 16);
  const chars = new Grow((n) => new Uint16Array(n), 1 << 20);
  const keyHash = new Grow((n) => new Int32Array(n), 1 << 16);
  // The last token that listed each key: a token reaching a key twice lists it once.
  const lastTok = new Grow((n) => new Int32Array(n), 1 << 16);
  const pairKey = new Grow((n) => new Int32Array(n), 1 << 16);
  const pairTok = new Grow((n) => new Int32Array(n), 1 << 16);
  keyStart.push(0);
  let keys = 0;
  const grow = (): void => {
    slots = new Int32Array(slots.length * 2);
    mask = slots.length - 1;
    for (let k = 0; k < keys; k++) {
      let s = (keyHash.arr[k] as number) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = k + 1;
    }
  };
  for (let tok = 0; tok < tokens.length; tok++) {
    const t = tokens[tok] as string;
    forEachDeletion(t, (s1, s2) => {
      const h = hashSkip(t, s1, s2);
      let s = h & mask;
      let found = -1;
      for (let v = slots[s] as number; v !== 0; s = (s + 1) & mask, v = slots[s] as number) {
        if (keyHash.arr[v - 1] === h && sameKeySkip(chars.arr, keyStart.arr, v - 1, t, s1, s2)) {
          found = v - 1;
          break;
        }
      }
      if (found < 0) {
        found = keys++;
        slots[s] = keys;
        keyHash.push(h);
        lastTok.push(-1);
        for (let i = 0; i < t.length; i++) if (i !== s1 && i !== s2) chars.push(t.charCodeAt(i));
        keyStart.push(chars.n);
        if (keys * 2 > slots.length) grow();
      }
      if (lastTok.arr[found] === tok) return;
      lastTok.arr[found] = tok;
      pairKey.push(found);
      pairTok.push(tok);
    });
  }
  // Counting sort of the (key, token) pairs by key, stable: each key's tokens stay in token order.
  const postStart = shared(Int32Array, keys + 1);
  for (let p = 0; p < pairKey.n; p++) (postStart[(pairKey.arr[p] as number) + 1] as number)++;
  for (let k = 0; k < keys; k++) postStart[k + 1] = (postStart[k + 1] as number) + (postStart[k] as number);
  const fill = Int32Array.from(postStart.subarray(0, keys));
  const posts = shared(Int32Array, pairKey.n);
  for (let p = 0; p < pairKey.n; p++) {
    const k = pairKey.arr[p] as number;
    posts[fill[k] as number] = pairTok.arr[p] as number;
    fill[k] = (fill[k] as number) + 1;
  }
  const copy = <T extends Int32Array | Uint16Array>(Ctor: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, src: T, n: number): T => {
    const out = shared(Ctor, n);
    out.set(src.subarray(0, n));
    return out;
  };
  return {
    tokenCount: tokens.length,
    tokenHash: tokensHash(tokens),
    slots: copy(Int32Array, slots, slots.length),
    keyStart: copy(Int32Array, keyStart.arr, keyStart.n),
    chars: copy(Uint16Array, chars.arr, chars.n),
    keyHash: copy(Int32Array, keyHash.arr, keyHash.n),
    postStart,
    posts,
  };
}

/**
 * The key number of `t` less positions s1 and s2 (-1: none; see `forEachDeletion`), or -1 when
 * no token produces that key. Its tokens are `posts[postStart[k] .. postStart[k+1])`.
 */
export function findKey(d: DeletionTableData, t: string, s1: number, s2: number): number {
  const h = hashSkip(t, s1, s2);
  const mask = d.slots.length - 1;
  for (let s = h & mask, v = d.slots[s] as number; v !== 0; s = (s + 1) & mask, v = d.slots[s] as number) {
    if (d.keyHash[v - 1] === h && sameKeySkip(d.chars, d.keyStart, v - 1, t, s1, s2)) return v - 1;
  }
  return -1;
}

/** Whether `d` is a table of exactly these tokens (same number, same order). */
export function tableFits(d: DeletionTableData, tokens: readonly string[]): boolean {
  return d.tokenCount === tokens.length && d.tokenHash === tokensHash(tokens);
}
