/**
 * The CLI's index cache (index-cache.ts) on a seeded PGlite store: the first load writes the
 * snapshot and its deletion table beside it; the next load reads the table back (shared memory)
 * instead of building it, and answers the same; a damaged or foreign table file is refused,
 * built again and replaced. The table file alone (deletion-table-file.ts) refuses a flipped
 * byte, a cut file and a missing one. Pruning keeps the most recently used entries only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDeletionTable, tableFits } from '../../core/match/deletion-table.js';
import type { Store } from '../../store/store.js';
import { useSeededStore } from '../test-support.js';
import { loadIndexCached, loadSnapshotTextCached, pruneIndexCache } from './index-cache.js';
import { readSnapshotFile } from './snapshot-file.js';
import { snapshotFromJson, tokensOfSnapshotJson } from '../../core/match/snapshot-json.js';
import { indexFromSnapshot } from '../../core/match/build-index.js';
import { readDeletionTableFile, writeDeletionTableFile } from './deletion-table-file.js';
import { screenWithIndex } from './screen.js';

let store: Store;
useSeededStore((s) => (store = s));

const QUERIES = ['Huawei Technologies', 'Hikvison', 'Semiconductor Manufacturing International', '大疆创新', 'Zhongxing Telecommunication Equipment'];

/** What the index answers for the queries (names, scores), to compare two loads. */
function answers(index: Awaited<ReturnType<typeof loadIndexCached>>): string {
  return JSON.stringify(QUERIES.map((q) => screenWithIndex(index, q, { asOf: '2026-12-01' }).hits.map((h) => [h.entityId, h.score])));
}

test('the index cache keeps the deletion table beside the snapshot and reads it back', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'listwatch-index-cache-'));
  try {
    const first = await loadIndexCached(store, dir);
    const files = readdirSync(dir).sort();
    const table = files.find((f) => f.endsWith('.deletions'));
    assert.ok(table, `a table file is written (${files.join(', ')})`);
    assert.ok(files.some((f) => f.endsWith('.json')), 'and the snapshot');
    const tableFile = path.join(dir, table);
    const written = statSync(tableFile).ino; // a rewrite renames a new file over it: another inode
    assert.ok(tableFits(first.deletions, first.tokenList));

    const second = await loadIndexCached(store, dir);
    assert.ok(second.deletions.slots.buffer instanceof SharedArrayBuffer, 'the table is read into shared memory');
    assert.notEqual(second.deletions, first.deletions);
    assert.ok(tableFits(second.deletions, second.tokenList));
    assert.equal(statSync(tableFile).ino, written, 'a table read back is not written again');
    assert.equal(answers(second), answers(first));
    assert.ok(answers(first).includes('huawei'), 'the queries find listed entities');

    // A damaged table is refused, built again and replaced by a sound one.
    const bytes = readFileSync(tableFile);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 0xff;
    writeFileSync(tableFile, bytes);
    assert.equal(await readDeletionTableFile(tableFile), null, 'a flipped byte is refused');
    const third = await loadIndexCached(store, dir);
    assert.equal(answers(third), answers(first));
    assert.ok(await readDeletionTableFile(tableFile), 'the damaged file was replaced');

    // A sound table of other tokens is not used (tableFits) and is replaced as well.
    await writeDeletionTableFile(tableFile, buildDeletionTable(['other', 'tokens']));
    const fourth = await loadIndexCached(store, dir);
    assert.ok(tableFits(fourth.deletions, fourth.tokenList));
    assert.equal(answers(fourth), answers(first));
    const replaced = await readDeletionTableFile(tableFile);
    assert.ok(replaced && tableFits(replaced, fourth.tokenList), 'the foreign table was replaced by this index\'s');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a batch takes the snapshot text and table from the same cache, unparsed; a damaged or digestless snapshot file is built again', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'listwatch-index-cache-'));
  try {
    const made = await loadSnapshotTextCached(store, dir);
    const files = readdirSync(dir).sort();
    const json = files.find((f) => f.endsWith('.json'));
    assert.ok(json && files.some((f) => f.endsWith('.deletions')), `snapshot and table written (${files.join(', ')})`);
    const file = path.join(dir, json);
    assert.equal(await readSnapshotFile(file), made.json, 'the file holds the text and a matching digest');
    assert.ok(tableFits(made.deletions, tokensOfSnapshotJson(made.json)));
    // The index a worker builds from them answers as the single-screen index of the same cache.
    const fromText = indexFromSnapshot(snapshotFromJson(made.json), { deletions: made.deletions });
    assert.equal(answers(fromText), answers(await loadIndexCached(store, dir)));
    const ino = statSync(file).ino;
    const again = await loadSnapshotTextCached(store, dir);
    assert.equal(again.json, made.json);
    assert.ok(again.deletions.slots.buffer instanceof SharedArrayBuffer, 'the table is read into shared memory');
    assert.equal(statSync(file).ino, ino, 'a cached snapshot is not written again');

    // A flipped character in the text: refused before any thread parses it, and rebuilt.
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"version":2', '"version":3'));
    assert.equal(await readSnapshotFile(file), null);
    assert.equal((await loadSnapshotTextCached(store, dir)).json, made.json);
    assert.notEqual(statSync(file).ino, ino, 'the damaged file was replaced');
    // A file of the previous version (the JSON alone, no digest) is rebuilt the same way.
    writeFileSync(file, made.json);
    assert.equal(await readSnapshotFile(file), null);
    assert.equal(answers(await loadIndexCached(store, dir)), answers(fromText));
    assert.equal(await readSnapshotFile(file), made.json, 'rewritten with its digest');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a table file that is missing, cut or empty reads as null', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'listwatch-table-file-'));
  try {
    const file = path.join(dir, 't.deletions');
    assert.equal(await readDeletionTableFile(file), null, 'missing');
    const d = buildDeletionTable(['huawei', 'hikvision', 'dahua']);
    await writeDeletionTableFile(file, d);
    const back = await readDeletionTableFile(file);
    assert.ok(back && tableFits(back, ['huawei', 'hikvision', 'dahua']));
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 1));
    assert.equal(await readDeletionTableFile(file), null, 'cut by one byte');
    writeFileSync(file, '');
    assert.equal(await readDeletionTableFile(file), null, 'empty');
    assert.deepEqual(readdirSync(dir), ['t.deletions'], 'no temporary file is left behind');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pruning keeps the most recently used entries, their tables, young temporary files and other files', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'listwatch-index-prune-'));
  try {
    const key = (i: number): string => `screen-index-${i.toString(16).padStart(32, '0')}`;
    const at = (file: string, secondsAgo: number): void => {
      writeFileSync(path.join(dir, file), 'x');
      const t = new Date(Date.now() - secondsAgo * 1000);
      utimesSync(path.join(dir, file), t, t);
    };
    // Entry i was used i minutes ago; each has a table except entry 2.
    for (let i = 0; i < 6; i++) {
      at(`${key(i)}.json`, 60 * i);
      if (i !== 2) at(`${key(i)}.deletions`, 60 * i);
    }
    at(`${key(99)}.deletions`, 0); // a table whose snapshot is gone
    at(`${key(7)}.json.123.tmp`, 7200); // left by a killed process two hours ago
    at(`${key(8)}.json.456.tmp`, 10); // being written now
    at('other-file.txt', 99999);
    const removed = await pruneIndexCache(dir, 3);
    assert.deepEqual(removed.sort(), [key(3), key(4), key(5)]);
    assert.deepEqual(readdirSync(dir).sort(), [
      `${key(0)}.deletions`, `${key(0)}.json`, `${key(1)}.deletions`, `${key(1)}.json`, `${key(2)}.json`, `${key(8)}.json.456.tmp`, 'other-file.txt',
    ].sort());
    assert.deepEqual(await pruneIndexCache(path.join(dir, 'missing'), 3), [], 'a missing folder is nothing to prune');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
