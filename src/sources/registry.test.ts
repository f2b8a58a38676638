import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isListwatchError } from '../core/errors.js';
import { datasetFormat, formats, getFormat } from './registry.js';
import { fetchers } from './fetchers.js';

const here = path.dirname(fileURLToPath(import.meta.url));

test('every format folder is registered and has the same files; every fetch.ts is a registered sync source', () => {
  const all = readdirSync(here).filter((n) => statSync(path.join(here, n)).isDirectory() && !['common', 'dataset'].includes(n));
  // A folder with a parser is an import format; a folder with only a fetcher watches a page for review items.
  const folders = all.filter((n) => readdirSync(path.join(here, n)).includes('parse.ts'));
  assert.deepEqual(folders.sort(), formats.map((f) => f.id).sort());
  const withFetch = all.filter((n) => readdirSync(path.join(here, n)).includes('fetch.ts'));
  assert.deepEqual(withFetch.sort(), fetchers.map((f) => f.id).sort());
  assert.deepEqual(all.filter((n) => !folders.includes(n) && !withFetch.includes(n)), []);
  for (const id of folders) {
    const files = readdirSync(path.join(here, id)).sort();
    for (const f of ['index.ts', 'map.ts', 'parse.ts', `${id}.test.ts`]) assert.ok(files.includes(f), `${id}/${f}`);
  }
});

test('getFormat: known ids, BAD_INPUT otherwise; the dataset format loads the bundled data/', async () => {
  assert.equal(getFormat('trade-csl').id, 'trade-csl');
  assert.throws(() => getFormat('ofac-xml'), (e) => isListwatchError(e, 'BAD_INPUT') && /known: ofac-sdn, ofac-cons, trade-csl, opensanctions-1260h/.test(e.message));
  assert.throws(() => getFormat('listwatch-dataset'), (e) => isListwatchError(e, 'BAD_INPUT') && /listwatch init/.test(e.message));
  const ds = await datasetFormat.load(path.resolve(here, '../../data'));
  assert.ok(ds.lists.some((l) => l.id === 'us-dod-1260h'));
});
