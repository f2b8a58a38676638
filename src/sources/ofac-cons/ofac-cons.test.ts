import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { inputFile, sharedData } from '../test-support.js';
import { ofacCons } from './index.js';

const DIR = sharedData('ofac_non_sdn_consolidated/watchman_2025-12');
const DERIVED = sharedData('ns_cmic/derived/ns_cmic_from_ofac_cons_prim_2025-12.csv');
const ctx = { sourceId: 'src-test' };

async function loadAll() {
  const units = ofacCons.group(['cons_prim.csv', 'cons_add.csv', 'cons_alt.csv', 'cons_comments.csv'].map((f) => path.join(DIR, f)));
  assert.equal(units.length, 1);
  const files = Object.fromEntries(Object.entries(units[0]!.files).map(([r, p]) => [r, inputFile(p)]));
  return ofacCons.load(files, ctx);
}

test('cons_prim.csv splits per program; CMIC-EO13959 becomes us-treasury-ns-cmic with 68 entries', async () => {
  const out = await loadAll();
  assert.equal(out.rowCount, 442);
  const ids = out.lists.map((l) => l.list.id);
  assert.ok(ids.includes('us-treasury-ns-cmic'));
  assert.ok(ids.includes('us-ofac-cons-ukraine-eo13662'));
  assert.ok(ids.includes('us-ofac-cons-ns-plc'));
  const cmic = out.lists.find((l) => l.list.id === 'us-treasury-ns-cmic')!;
  assert.equal(cmic.entries.length, 68);
  // an entry with two programs is on both lists, as one entity
  const ukr = out.lists.find((l) => l.list.id === 'us-ofac-cons-ukraine-eo13662')!;
  const rus = out.lists.find((l) => l.list.id === 'us-ofac-cons-russia-eo14024')!;
  assert.ok(ukr.entries.some((e) => rus.entries.some((r) => r.entityId === e.entityId)));
  // every record lands in at least one list
  const all = new Set(out.lists.flatMap((l) => l.entries.map((e) => e.entityId)));
  assert.equal(all.size, 442);
  assert.ok(cmic.contentHash !== ukr.contentHash);
});

test('NS-CMIC fields match the derived extraction: USCC and listing dates', async () => {
  const out = await loadAll();
  const cmic = out.lists.find((l) => l.list.id === 'us-treasury-ns-cmic')!;
  const derived = parse(readFileSync(DERIVED), { columns: true }) as Record<string, string>[];
  assert.equal(derived.length, 68);
  const mon: Record<string, string> = { Jun: '06', Dec: '12', Aug: '08', Feb: '02' };
  for (const d of derived) {
    const id = `us-ofac-cons:${d.ent_num}`;
    const entity = cmic.entities.find((e) => e.id === id);
    assert.ok(entity, id);
    assert.equal(entity.name, d.name);
    const uscc = entity.identifiers.filter((i) => i.scheme === 'uscc').map((i) => i.value);
    assert.deepEqual(uscc, d.uscc ? [d.uscc] : [], id);
    const [dd, mm, yy] = d.listing_date_cmic!.split(' ');
    const entry = cmic.entries.find((e) => e.entityId === id)!;
    assert.ok(entry.basis?.includes(`Listing Date (CMIC) ${yy}-${mon[mm!]}-${dd}`), `${id}: ${entry.basis}`);
  }
  const telecom = cmic.entities.find((e) => e.id === 'us-ofac-cons:30882')!;
  assert.ok(telecom.identifiers.some((i) => i.scheme === 'isin' && i.value === 'US1694261033'));
  assert.ok(telecom.identifiers.some((i) => i.scheme === 'ticker' && i.value === '0728 HK'));
  assert.ok(telecom.names.some((n) => n.name.toLowerCase() === 'china telecom corp ltd' && n.kind === 'alias'));
});
