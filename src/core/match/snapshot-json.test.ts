import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../../sources/dataset/index.js';
import { indexSourceFromDataset } from '../../app/screen/index-source.js';
import { buildSnapshot } from './build-index.js';
import { snapshotFromJson, snapshotToJson } from './snapshot-json.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const snapshot = buildSnapshot(indexSourceFromDataset(await loadDataset(path.join(repoRoot, 'data'))));

test('a snapshot read back from its JSON text is the same snapshot, byte for byte as JSON, in less text', () => {
  const text = snapshotToJson(snapshot);
  const back = snapshotFromJson(text);
  assert.deepEqual(back, snapshot);
  // Same keys in the same order: hits written as JSON stay the same bytes.
  assert.equal(JSON.stringify(back), JSON.stringify(snapshot));
  assert.match(text, /^[\x20-\x7e]*$/, 'ASCII only, so a reader may decode it as Latin-1');
  assert.ok(/[\u4e00-\u9fff]/.test(JSON.stringify(back)), 'and Chinese names come back as they were');
  const plain = JSON.stringify(snapshot).length;
  assert.ok(text.length < 0.9 * plain, `${text.length} characters, against ${plain} as the object is`);
});

test('designations citing one publication share one source object once read back', () => {
  const back = snapshotFromJson(snapshotToJson(snapshot));
  const byPub = new Map<string, object>();
  let shared = 0;
  for (const e of back.entities) {
    for (const d of e.designations) {
      const seen = byPub.get(d.source.publicationId);
      if (seen && JSON.stringify(seen) === JSON.stringify(d.source)) {
        assert.equal(d.source, seen);
        shared++;
      } else if (!seen) byPub.set(d.source.publicationId, d.source);
    }
  }
  assert.ok(shared > 100, `${shared} designations share their publication's source object`);
});

test('the JSON of the object itself (version 1, as older caches hold it) is read as it is', () => {
  assert.deepEqual(snapshotFromJson(JSON.stringify(snapshot)), snapshot);
});

test('text that is not a snapshot of a known version, or cites a source it lacks, is refused with the reason', () => {
  assert.throws(() => snapshotFromJson('{"version":3,"entities":[],"names":[]}'), /not an index snapshot \(version 3\)/);
  assert.throws(() => snapshotFromJson('null'), /not an index snapshot/);
  const wire = JSON.parse(snapshotToJson(snapshot)) as { sources: unknown[] };
  wire.sources = [];
  assert.throws(() => snapshotFromJson(JSON.stringify(wire)), /cites source 0, which it does not hold/);
  assert.throws(() => snapshotFromJson('{"version":2,'), SyntaxError);
});
