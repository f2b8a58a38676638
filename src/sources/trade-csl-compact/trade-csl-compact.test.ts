/**
 * The full Consolidated Screening List of 2026-07-31 (25,921 rows, compact JSON re-encoding,
 * ../shared/data/bis_entity_list/seelpeed_csl_compact_2026-07-31/) through the format and the
 * import service into a fresh store: every list imported, a re-import changes nothing, a broken
 * copy is refused naming file and line with the store unchanged, and the imported record screens.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isListwatchError } from '../../core/errors.js';
import { importFiles } from '../../app/import/service.js';
import { indexSourceFromStore } from '../../app/screen/index-source.js';
import { screenWithIndex } from '../../app/screen/screen.js';
import { buildIndex } from '../../core/match/build-index.js';
import { useFreshStore } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
import { inputFile, memFile, sharedData, tempFile } from '../test-support.js';
import { tradeCslCompact } from './index.js';
import { looksCompact } from './parse.js';

const FULL = sharedData('bis_entity_list/seelpeed_csl_compact_2026-07-31/screening-list.json');
const ctx = { sourceId: 'src-test' };
const today = '2026-12-01';

/** The full file with one entry edited by `edit` (pretty-printed, one entry per line, so lines mean something). */
function editedCopy(edit: (entries: Record<string, unknown>[]) => void): string {
  const doc = JSON.parse(readFileSync(FULL, 'utf8')) as { entries: Record<string, unknown>[] };
  edit(doc.entries);
  const { entries, ...head } = doc;
  return JSON.stringify(head).slice(0, -1) + ',"entries":[\n' + entries.map((e) => JSON.stringify(e)).join(',\n') + '\n]}\n';
}

describe('trade-csl-compact: the full CSL of 2026-07-31', () => {
  it('reads all 25,921 rows into the lists of trade-csl, with stable keys', async () => {
    const out = await tradeCslCompact.load({ csl: inputFile(FULL) }, ctx);
    assert.equal(out.rowCount, 25921);
    assert.deepEqual(out.warnings, []);
    const by = Object.fromEntries(out.lists.map((l) => [l.list.id, l.entries.length]));
    // The file's own countsBySource.
    assert.equal(by['us-bis-entity-list'], 3420);
    assert.equal(by['us-ofac-sdn-csl'], 19181);
    assert.equal(by['us-bis-dpl'], 1596);
    assert.equal(by['us-treasury-ns-cmic-csl'], 68);
    assert.equal(Object.values(by).reduce((a, b) => a + b, 0), 25921);
    const el = out.lists.find((l) => l.list.id === 'us-bis-entity-list')!;
    assert.equal(new Set(el.entities.map((e) => e.id)).size, 3420);
    const hik = el.entities.find((e) => /Hangzhou Hikvision/i.test(e.name))!;
    assert.equal(hik.country, 'CN');
    assert.match(el.entries.find((e) => e.entityId === hik.id)!.basis!, /Federal Register: \d+ FR \d+/);
    // No start dates in the compact form: every designation is "first seen" on the publication date.
    assert.ok(el.entries.every((e) => e.since === undefined));
    const again = await tradeCslCompact.load({ csl: inputFile(FULL) }, ctx);
    assert.deepEqual(again.lists.map((l) => [l.contentHash, l.entities.map((e) => e.id)]), out.lists.map((l) => [l.contentHash, l.entities.map((e) => e.id)]));
    assert.equal(looksCompact(readFileSync(FULL)), true);
    assert.equal(looksCompact(Buffer.from('_id,source,entity_number\n')), false);
  });

  it('refuses broken copies naming the file, the line and the entry', async () => {
    const cases: [string, string, number, RegExp][] = [
      ['cut short', readFileSync(FULL, 'utf8').slice(0, 100_000), 1, /not valid JSON/],
      ['an entry without a name', editedCopy((es) => { es[41] = { ...es[41], n: '' }; }), 43, /entry 42: empty name/],
      ['a source index outside its table', editedCopy((es) => { es[9] = { ...es[9], s: 99 }; }), 11, /entry 10: field "s" \(99\) is not an index into tables\.sources/],
      ['an entry dropped', editedCopy((es) => { es.pop(); }), 1, /says it holds 25921 entries but has 25920/],
      ['not the compact form', '{"rows":[]}\n', 1, /not a compact CSL file/],
    ];
    for (const [what, text, line, msg] of cases) {
      await assert.rejects(tradeCslCompact.load({ csl: memFile('screening-list.json', text) }, ctx), (e) => {
        assert.ok(isListwatchError(e, 'BAD_FILE'), `${what}: ${String(e)}`);
        assert.equal(e.where?.file, 'screening-list.json', what);
        assert.equal(e.where?.line, line, `${what}: ${e.message}`);
        assert.match(e.message, msg, what);
        return true;
      });
    }
  });
});

describe('importing the full CSL into a fresh store', () => {
  let store: Store;
  useFreshStore((s) => {
    store = s;
  });

  const counts = async () => ({
    entities: await store.countEntities(),
    publications: (await store.getPublications()).length,
    designations: (await store.getDesignations()).length,
    sources: (await store.getSources()).length,
  });

  it('imports every list, re-imports as a no-op, refuses a broken copy leaving the store unchanged, and screens', async () => {
    const [r] = await importFiles(store, 'trade-csl-compact', [FULL], { today, date: '2026-07-31' });
    assert.equal(r!.lists.length, 12);
    assert.ok(r!.lists.every((l) => l.status === 'imported' && l.added === l.entityCount && l.removed === 0));
    const el = r!.lists.find((l) => l.listId === 'us-bis-entity-list')!;
    assert.equal(el.entityCount, 3420);
    const after1 = await counts();
    assert.equal(after1.designations, 25921);
    const designations = await store.getDesignations({ listId: 'us-bis-entity-list' });
    assert.ok(designations.every((d) => d.from === '2026-07-31' && d.startUnknown === true), 'first seen on the publication date, start unknown');

    const [again] = await importFiles(store, 'trade-csl-compact', [FULL], { today, date: '2026-08-01' });
    assert.ok(again!.lists.every((l) => l.status === 'unchanged' && l.publicationId === null));
    assert.deepEqual(await counts(), after1);

    const broken = tempFile('screening-list.json', editedCopy((es) => { es[100] = { ...es[100], n: '   ' }; }));
    await assert.rejects(importFiles(store, 'trade-csl-compact', [broken], { today, date: '2026-08-02' }), (e) => {
      assert.ok(isListwatchError(e, 'BAD_FILE'), String(e));
      assert.equal(e.where?.line, 102);
      assert.match(e.message, /^screening-list\.json, line 102: entry 101: empty name/);
      return true;
    });
    assert.deepEqual(await counts(), after1);

    const index = buildIndex(await indexSourceFromStore(store));
    assert.equal(index.snapshot.entities.length, after1.entities);
    const hits = screenWithIndex(index, 'Hangzhou Hikvision Digital Technology', { asOf: today }).hits;
    assert.ok(hits.some((h) => h.designations.some((d) => d.list === 'us-bis-entity-list' && d.active)), JSON.stringify(hits.map((h) => h.name)));
  });
});
