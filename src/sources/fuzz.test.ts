import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFuzz } from './fuzz.js';

test('fuzz (short run): every importer and the batch CSV reader load or refuse with a typed error', async () => {
  const counts = await runFuzz(40);
  for (const t of ['ofac-sdn', 'ofac-cons', 'opensanctions-1260h', 'trade-csl', 'batch-csv']) assert.ok(counts[t], `${t} was fuzzed`);
  // Both outcomes occur: the mutations are neither all harmless nor all fatal.
  assert.ok(Object.values(counts).some((c) => (c.ok ?? 0) > 0) && Object.values(counts).some((c) => (c.BAD_FILE ?? 0) > 0), JSON.stringify(counts));
});
