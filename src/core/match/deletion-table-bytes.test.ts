/**
 * A deletion table written as bytes and read back is the same table (same arrays, same answers
 * from `findKey`), on random token lists (fast-check); bytes that are not a sound table are
 * refused, never searched: another magic or format, a cut or padded file, and arrays that break
 * the invariants a search relies on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildDeletionTable, findKey, forEachDeletion, tableFits, type DeletionTableData } from './deletion-table.js';
import { deletionTableBytes, deletionTableOfBytes } from './deletion-table-bytes.js';

/** The parts joined into one buffer, as a file holds them. */
function joined(d: DeletionTableData): Uint8Array {
  const parts = deletionTableBytes(d);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const ARRAYS = ['slots', 'keyStart', 'chars', 'keyHash', 'postStart', 'posts'] as const;

/** The tokens the table lists for each deletion key of `t`, or -1 for a key it lacks. */
function answers(d: DeletionTableData, t: string): number[][] {
  const out: number[][] = [];
  forEachDeletion(t, (s1, s2) => {
    const k = findKey(d, t, s1, s2);
    out.push(k < 0 ? [-1] : [...d.posts.subarray(d.postStart[k], d.postStart[k + 1])]);
  });
  return out;
}

const tokens = fc.uniqueArray(fc.stringMatching(/^[abcé中z]{3,12}$/), { minLength: 1, maxLength: 40 });

test('a table read back from its bytes has the same arrays and gives the same answers', () => {
  fc.assert(
    fc.property(tokens, fc.array(fc.stringMatching(/^[abcé中z]{3,12}$/), { maxLength: 10 }), (toks, queries) => {
      const d = buildDeletionTable(toks);
      const back = deletionTableOfBytes(joined(d));
      assert.ok(back, 'the bytes of a built table are read back');
      assert.equal(back.tokenCount, d.tokenCount);
      assert.equal(back.tokenHash, d.tokenHash);
      for (const a of ARRAYS) assert.deepEqual([...back[a]], [...d[a]], a);
      assert.ok(tableFits(back, toks));
      for (const q of [...toks, ...queries]) assert.deepEqual(answers(back, q), answers(d, q), q);
    }),
    { numRuns: 200 },
  );
});

test('bytes on a SharedArrayBuffer give arrays on that memory (shared with threads, not copied)', () => {
  const d = buildDeletionTable(['huawei', 'hikvision', 'dahua']);
  const plain = joined(d);
  const shared = new Uint8Array(new SharedArrayBuffer(plain.length));
  shared.set(plain);
  const back = deletionTableOfBytes(shared);
  assert.ok(back);
  for (const a of ARRAYS) assert.equal(back[a].buffer, shared.buffer, a);
});

test('bytes that are not a sound table are refused', () => {
  const d = buildDeletionTable(['huawei', 'hikvision', 'dahua', 'megvii', 'sensetime']);
  const good = joined(d);
  assert.ok(deletionTableOfBytes(good));
  const header = (b: Uint8Array): Int32Array => new Int32Array(b.buffer, b.byteOffset, 10);
  /** A copy of the good bytes with `change` applied to it. */
  const bad = (change: (b: Uint8Array) => void): Uint8Array => {
    const b = good.slice();
    change(b);
    return b;
  };
  /** Where array `a` starts in the bytes. */
  const offsetOf = (a: (typeof ARRAYS)[number]): number => {
    let at = 40;
    for (const x of ARRAYS) {
      if (x === a) return at;
      at += (d[x].byteLength + 3) & ~3;
    }
    return at;
  };
  const cases: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['another magic', bad((b) => (header(b)[0] = 0x12345678))],
    ['another format', bad((b) => (header(b)[1] = 2))],
    ['cut short', good.slice(0, good.length - 4)],
    ['longer than its arrays', (() => { const b = new Uint8Array(good.length + 4); b.set(good); return b; })()],
    ['a negative length', bad((b) => (header(b)[9] = -1))],
    ['a slot naming no key', bad((b) => { new Int32Array(b.buffer, offsetOf('slots'), d.slots.length).fill(d.keyHash.length + 1, 0, 1); })],
    ['no free slot', bad((b) => { new Int32Array(b.buffer, offsetOf('slots'), d.slots.length).fill(1); })],
    ['a token number out of range', bad((b) => { new Int32Array(b.buffer, offsetOf('posts'), d.posts.length)[0] = d.tokenCount; })],
    ['offsets going back', bad((b) => { const ks = new Int32Array(b.buffer, offsetOf('keyStart'), d.keyStart.length); ks[1] = (ks[2] as number) + 1; })],
  ];
  for (const [what, b] of cases) assert.equal(deletionTableOfBytes(b), null, what);
  // Bytes that do not start at a multiple of 4 in their buffer cannot hold the int32 arrays.
  const shifted = new Uint8Array(good.length + 1);
  shifted.set(good, 1);
  assert.equal(deletionTableOfBytes(shifted.subarray(1)), null, 'misaligned');
});
