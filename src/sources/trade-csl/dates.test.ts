import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importFiles } from '../../app/import/service.js';
import { loadScreenIndex } from '../../app/screen/index-source.js';
import { screenWithIndex } from '../../app/screen/screen.js';
import { asOfState } from '../../core/history/designations.js';
import { useFreshStore } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sharedData, tempFile } from '../test-support.js';

/**
 * Real rows of the 2023 CSL sample (the file itself ends in a cut record, which the importer
 * refuses): CETC 29's Entity List row (start_date 2014-08-01), Entity List rows without a
 * start_date, and SDN rows (the CSL gives them none), written back as a CSL file.
 */
function cslSubset(): string {
  const rows = parse(readFileSync(sharedData('trade_csl/watchman_sample_2023-11/csl.csv'), 'utf8'), { relax_quotes: true, relax_column_count: true, skip_records_with_error: true }) as string[][];
  const header = rows[0]!;
  const col = (name: string): number => header.indexOf(name);
  const data = rows.slice(1).filter((r) => r.length === header.length && r[0] !== '_id');
  const pick = [
    ...data.filter((r) => /CETC 29/.test(r[col('name')] ?? '')),
    ...data.filter((r) => /Entity List/.test(r[col('source')] ?? '') && !r[col('start_date')]).slice(0, 20),
    ...data.filter((r) => /Specially Designated/.test(r[col('source')] ?? '')).slice(0, 30),
  ];
  const cell = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return tempFile('csl.csv', [header, ...pick].map((r) => r.map(cell).join(',')).join('\n') + '\n');
}
const CONS = sharedData('ofac_non_sdn_consolidated/watchman_2025-12');

describe('imports date designations from the file, and say "unknown" where the file gives no start', () => {
  let store: Store;
  useFreshStore(async (s) => {
    store = s;
    await importFiles(store, 'trade-csl', [cslSubset()], { today: '2026-12-01', date: '2026-12-01' });
  });

  it('CETC 29 keeps its CSL start_date 2014-08-01, so an as-of question for 2016 answers "listed"', async () => {
    const el = await store.getDesignations({ listId: 'us-bis-entity-list' });
    const cetc = el.find((d) => d.printedName.startsWith('China Electronics Technology Group Corporation 29'));
    assert.ok(cetc);
    assert.equal(cetc.from, '2014-08-01');
    assert.notEqual(cetc.startUnknown, true);
    const r = screenWithIndex(await loadScreenIndex(store), cetc.printedName, { asOf: '2016-01-01' });
    const hit = r.hits.find((h) => h.entityId === cetc.entityId);
    assert.ok(hit);
    assert.equal(hit.active, true);
  });

  it('a row without start_date is "first seen on the import date, start unknown": before it the answer is unknown, never "not listed"', async () => {
    const sdn = await store.getDesignations({ listId: 'us-ofac-sdn-csl' });
    assert.equal(sdn.length, 30);
    const d = sdn[0]!;
    assert.equal(d.startUnknown, true);
    assert.equal(d.from, '2026-12-01');
    assert.equal(asOfState('2020-01-01', d), 'unknown');
    assert.equal(asOfState('2026-12-01', d), 'active');
    const entity = (await store.getEntities([d.entityId]))[0]!;
    const r = screenWithIndex(await loadScreenIndex(store), entity.name, { asOf: '2020-01-01' });
    const hit = r.hits.find((h) => h.entityId === d.entityId);
    assert.ok(hit, `screen of ${entity.name}`);
    assert.equal(hit.active, false);
    assert.equal(hit.unknown, true);
    const hd = hit.designations.find((x) => x.list === 'us-ofac-sdn-csl')!;
    assert.equal(hd.unknown, true);
    assert.equal(hd.startUnknown, true);
  });

  it('an OFAC NS-CMIC import starts each designation on its printed listing date', async () => {
    await importFiles(store, 'ofac-cons', ['cons_prim.csv', 'cons_add.csv', 'cons_alt.csv', 'cons_comments.csv'].map((f) => `${CONS}/${f}`), { today: '2026-12-01', date: '2025-12-19' });
    const cmic = await store.getDesignations({ listId: 'us-treasury-ns-cmic' });
    assert.ok(cmic.length >= 60);
    const froms = new Set(cmic.map((d) => d.from));
    assert.ok(froms.has('2021-06-03') && froms.has('2021-12-16'), [...froms].join(', '));
    assert.ok(cmic.every((d) => d.startUnknown !== true));
  });
});
