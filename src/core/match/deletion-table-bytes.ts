/**
 * A deletion table (deletion-table.ts) as bytes and back, so that it can be kept beside a cached
 * index snapshot: read back, it costs a file read instead of about half a second of building on
 * every start. Pure: the caller reads and writes the bytes (and checks their integrity).
 *
 * Layout, little-endian as the platform's typed arrays (the reader refuses another byte order):
 * ten int32 (MAGIC, FORMAT, tokenCount, tokenHash, then the lengths of slots, keyStart, chars,
 * keyHash, postStart, posts), then those six arrays in that order, each from a multiple of 4 bytes.
 */
import type { DeletionTableData } from './deletion-table.js';

/** "LWDT" read as a little-endian int32: marks the bytes as a deletion table. */
const MAGIC = 0x5444574c;
/** Version of the layout; bytes of another version are refused. */
const FORMAT = 1;
const HEADER_INTS = 10;

/** The six arrays in the order the bytes hold them. */
const PARTS = ['slots', 'keyStart', 'chars', 'keyHash', 'postStart', 'posts'] as const;
type Part = (typeof PARTS)[number];

const padTo4 = (n: number): number => (n + 3) & ~3;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The bytes of `d` as a few views over its own arrays (nothing copied): written one after the
 * other, in order, they are the table. `deletionTableOfBytes` reads them back.
 */
export function deletionTableBytes(d: DeletionTableData): Uint8Array[] {
  const header = new Int32Array(HEADER_INTS);
  header.set([MAGIC, FORMAT, d.tokenCount, d.tokenHash, ...PARTS.map((p) => d[p].length)]);
  const out: Uint8Array[] = [new Uint8Array(header.buffer)];
  for (const p of PARTS) {
    const a = d[p];
    out.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    if (a.byteLength % 4) out.push(new Uint8Array(4 - (a.byteLength % 4)));
  }
  return out;
}

/**
 * The table that `bytes` hold (as `deletionTableBytes` wrote them), its arrays viewing the same
 * memory (on a SharedArrayBuffer, shared with every thread it is sent to); null when the bytes
 * are not such a table: another magic, format or byte order, sizes that do not add up, or arrays
 * that break the table's invariants (offsets out of order or out of range, a slot naming no key,
 * a hash table without free slots). A table that passes can be searched safely (no read outside
 * its arrays, no endless probe); whether it is the table of given tokens is `tableFits`.
 * `bytes` must start at a multiple of 4 bytes in its buffer.
 */
export function deletionTableOfBytes(bytes: Uint8Array): DeletionTableData | null {
  if (!LITTLE_ENDIAN || bytes.byteOffset % 4 !== 0 || bytes.byteLength < HEADER_INTS * 4) return null;
  const h = new Int32Array(bytes.buffer, bytes.byteOffset, HEADER_INTS);
  if (h[0] !== MAGIC || h[1] !== FORMAT) return null;
  const tokenCount = h[2] as number;
  const tokenHash = h[3] as number;
  const lengths = PARTS.map((_, i) => h[4 + i] as number);
  if (tokenCount < 0 || lengths.some((n) => n < 0)) return null;
  const parts = {} as Record<Part, Int32Array | Uint16Array>;
  let at = HEADER_INTS * 4;
  for (let i = 0; i < PARTS.length; i++) {
    const p = PARTS[i] as Part;
    const n = lengths[i] as number;
    const size = p === 'chars' ? 2 * n : 4 * n;
    if (at + size > bytes.byteLength) return null;
    parts[p] = p === 'chars' ? new Uint16Array(bytes.buffer, bytes.byteOffset + at, n) : new Int32Array(bytes.buffer, bytes.byteOffset + at, n);
    at += padTo4(size);
  }
  if (at !== bytes.byteLength) return null;
  const d: DeletionTableData = {
    tokenCount,
    tokenHash,
    slots: parts.slots as Int32Array,
    keyStart: parts.keyStart as Int32Array,
    chars: parts.chars as Uint16Array,
    keyHash: parts.keyHash as Int32Array,
    postStart: parts.postStart as Int32Array,
    posts: parts.posts as Int32Array,
  };
  return sound(d) ? d : null;
}

/**
 * Whether `d`'s arrays keep the invariants every search of the table relies on (see
 * `deletionTableOfBytes`). An array may be longer than what it holds (buildDeletionTable gives
 * an empty one a length of 1).
 */
function sound(d: DeletionTableData): boolean {
  const keys = d.keyStart.length - 1;
  const size = d.slots.length;
  // A power of two with free slots (buildDeletionTable keeps it at most half full), so every probe ends.
  if (keys < 0 || size < 2 || (size & (size - 1)) !== 0 || keys * 2 > size) return false;
  if (d.keyHash.length < keys || d.postStart.length !== keys + 1) return false;
  if (!ascending(d.keyStart, d.chars.length) || !ascending(d.postStart, d.posts.length)) return false;
  let used = 0;
  for (let s = 0; s < size; s++) {
    const v = d.slots[s] as number;
    if (v < 0 || v > keys) return false;
    if (v !== 0) used++;
  }
  if (used !== keys) return false;
  for (let p = 0, end = d.postStart[keys] as number; p < end; p++) {
    const t = d.posts[p] as number;
    if (t < 0 || t >= d.tokenCount) return false;
  }
  return true;
}

/** Whether offsets run from 0 without going back, and end within an array of length `max`. */
function ascending(offsets: Int32Array, max: number): boolean {
  if (offsets[0] !== 0 || (offsets[offsets.length - 1] as number) > max) return false;
  for (let i = 1; i < offsets.length; i++) if ((offsets[i] as number) < (offsets[i - 1] as number)) return false;
  return true;
}
