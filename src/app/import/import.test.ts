import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isListwatchError } from '../../core/errors.js';
import { useFreshStore } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
import { sharedData, tempFile } from '../../sources/test-support.js';
import { ensureSeeded } from '../seed.js';
import { importFiles } from './service.js';

const SDN_2024 = sharedData('ofac_sdn/jackdwyer_2024-05-03/sdn.csv');
const CONS = sharedData('ofac_non_sdn_consolidated/watchman_2025-12');
const CSL_2023 = sharedData('trade_csl/watchman_sample_2023-11/csl.csv');
const CSL_2025 = sharedData('trade_csl/watchman_sample_2025-06/consolidated.csv');
const OS_1260H = sharedData('dod_1260h/opensanctions/us_dod_chinese_milcorps_sanctions.csv');
const bundled = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data');
const today = '2026-11-21';

/** The first `n` records of the real 2024 sdn.csv, edited by `edit`, written as a new sdn.csv. */
function sdnSubset(n: number, edit: (lines: string[]) => string[] = (l) => l): string {
  const lines = readFileSync(SDN_2024, 'latin1').split('\r\n').slice(0, n);
  return tempFile('sdn.csv', Buffer.from(edit(lines).join('\r\n') + '\r\n\x1a', 'latin1'));
}

/** Row counts of every table an import writes, to prove a refusal wrote nothing. */
async function counts(store: Store) {
  return {
    entities: await store.countEntities(),
    publications: (await store.getPublications()).length,
    designations: (await store.getDesignations()).length,
    open: (await store.getDesignations()).filter((d) => d.to === null).length,
    events: (await store.getEvents()).length,
    sources: (await store.getSources()).length,
    lists: (await store.getLists()).length,
  };
}

describe('importFiles on a PGlite store', () => {
  let store: Store;
  useFreshStore((s) => {
    store = s;
  });

  it('imports the 2024 SDN file as one snapshot; the same file again is unchanged and writes nothing', async () => {
    const [r] = await importFiles(store, 'ofac-sdn', [SDN_2024], { today, date: '2024-05-03' });
    assert.equal(r!.lists.length, 1);
    const l = r!.lists[0]!;
    assert.deepEqual([l.listId, l.status, l.entityCount, l.added, l.removed], ['us-ofac-sdn', 'imported', 14965, 14965, 0]);
    const pub = (await store.getPublication(l.publicationId!))!;
    assert.equal(pub.kind, 'snapshot');
    assert.equal(pub.date, '2024-05-03');
    assert.match(pub.citation!, /^sdn\.csv, sha256 [0-9a-f]{64}$/);
    assert.equal(pub.entries.length, 14965);
    assert.equal((await store.getDesignations({ listId: 'us-ofac-sdn' })).length, 14965);
    const before = await counts(store);
    const [again] = await importFiles(store, 'ofac-sdn', [SDN_2024], { today, date: '2024-06-01' });
    assert.equal(again!.lists[0]!.status, 'unchanged');
    assert.equal(again!.lists[0]!.publicationId, null);
    assert.deepEqual(await counts(store), before);
  });

  it('refuses a >20 % drop (ROW_COUNT_DROP) leaving the store unchanged; --force imports it', async () => {
    const small = sdnSubset(10000);
    const before = await counts(store);
    await assert.rejects(importFiles(store, 'ofac-sdn', [small], { today, date: '2024-06-01' }), (e) => isListwatchError(e, 'ROW_COUNT_DROP') && /14965 to 10000/.test(e.message));
    assert.deepEqual(await counts(store), before);
    const [r] = await importFiles(store, 'ofac-sdn', [small], { today, date: '2024-06-01', force: true });
    assert.deepEqual([r!.lists[0]!.removed, r!.lists[0]!.added], [4965, 0]);
    const closed = (await store.getDesignations({ listId: 'us-ofac-sdn' })).filter((d) => d.to !== null);
    assert.equal(closed.length, 4965);
    assert.ok(closed.every((d) => d.to === '2024-06-01' && d.endedBy === r!.lists[0]!.publicationId));
  });

  it('diffs a changed file: added, removed, renamed, changed, as list-change events citing the import', async () => {
    const edited = sdnSubset(10000, (lines) => {
      const out = lines.slice(0, 9990); // 10 removed
      out[0] = out[0]!.replace('"AEROCARIBBEAN AIRLINES"', '"AEROCARIBBEAN AIRLINES S.A."'); // renamed (ent_num 36)
      out[1] = out[1]!.replace('"CUBA"', '"CUBA] [SDGT"'); // programs changed (ent_num 173)
      out.push('99999999,"NEW TEST COMPANY LTD.",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ');
      return out;
    });
    const before = await counts(store);
    const [r] = await importFiles(store, 'ofac-sdn', [edited], { today, date: '2024-07-01' });
    const l = r!.lists[0]!;
    assert.deepEqual({ added: l.added, removed: l.removed, renamed: l.renamed, changed: l.changed }, { added: 1, removed: 10, renamed: 1, changed: 1 });
    const events = await store.getEvents({ listId: 'us-ofac-sdn', since: '2024-07-01' });
    assert.equal(events.length, 1 + 1 + 10 + 1 + 1);
    assert.ok(events.every((e) => e.kind === 'list-change' && e.sourceIds.length === 1));
    const [src] = await store.getSources(events[0]!.sourceIds);
    assert.match(src!.note!, /sdn\.csv \(sha256 [0-9a-f]{64}\)/);
    const renamed = events.find((e) => e.entityIds[0] === 'us-ofac-sdn:36')!;
    assert.equal(renamed.title, 'Renamed on OFAC Specially Designated Nationals and Blocked Persons List (SDN): AEROCARIBBEAN AIRLINES → AEROCARIBBEAN AIRLINES S.A.');
    const [d36] = (await store.getDesignations({ entityId: 'us-ofac-sdn:36' })).filter((d) => d.to === null);
    assert.equal(d36!.printedName, 'AEROCARIBBEAN AIRLINES S.A.');
    const [d173] = (await store.getDesignations({ entityId: 'us-ofac-sdn:173' })).filter((d) => d.to === null);
    assert.equal(d173!.basis, 'Programs: CUBA; SDGT');
    const after = await counts(store);
    assert.equal(after.publications, before.publications + 1);
    assert.equal(after.entities, before.entities + 1);
  });

  it('refuses a publication date not after the list\'s last one, and broken files, writing nothing', async () => {
    const before = await counts(store);
    await assert.rejects(importFiles(store, 'ofac-sdn', [sdnSubset(9995)], { today, date: '2024-07-01' }), (e) => isListwatchError(e, 'BAD_INPUT') && /not after/.test(e.message));
    await assert.rejects(importFiles(store, 'trade-csl', [CSL_2023], { today }), (e) => isListwatchError(e, 'BAD_FILE') && e.where?.file === 'csl.csv' && e.where.line === 4233);
    const cut = tempFile('sdn.csv', readFileSync(SDN_2024).subarray(0, 500_000));
    await assert.rejects(importFiles(store, 'ofac-sdn', [cut], { today, date: '2024-08-01' }), (e) => isListwatchError(e, 'BAD_FILE') && typeof e.where?.line === 'number');
    assert.deepEqual(await counts(store), before);
  });

  it('a CSL import goes to its own lists and leaves the OFAC import of the SDN alone', async () => {
    const sdnBefore = await store.getDesignations({ listId: 'us-ofac-sdn' });
    const [r] = await importFiles(store, 'trade-csl', [CSL_2025], { today, date: '2025-06-15' });
    assert.equal(r!.lists.length, 10);
    assert.ok(r!.lists.every((l) => l.status === 'imported' && l.listId !== 'us-ofac-sdn'));
    assert.deepEqual(await store.getDesignations({ listId: 'us-ofac-sdn' }), sdnBefore);
    assert.equal((await store.getDesignations({ listId: 'us-ofac-sdn-csl' })).length, 1);
    assert.ok(await store.getList('us-bis-entity-list'));
  });
});

describe('importFiles on a store seeded with the bundled dataset', () => {
  let store: Store;
  useFreshStore(async (s) => {
    store = s;
    await ensureSeeded(store, bundled, () => undefined);
  });

  it('an OFAC cons import continues the record\'s NS-CMIC designations instead of replacing its entities', async () => {
    const recordIds = new Set((await store.getDesignations({ listId: 'us-treasury-ns-cmic' })).filter((d) => d.to === null).map((d) => d.entityId));
    assert.equal(recordIds.size, 68);
    const recordEntities = await store.getEntities([...recordIds]);
    const files = ['cons_prim.csv', 'cons_add.csv', 'cons_alt.csv', 'cons_comments.csv'].map((f) => path.join(CONS, f));
    const [r] = await importFiles(store, 'ofac-cons', files, { today, date: '2025-12-19' });
    const cmic = r!.lists.find((l) => l.listId === 'us-treasury-ns-cmic')!;
    assert.equal(cmic.entityCount, 68);
    const open = (await store.getDesignations({ listId: 'us-treasury-ns-cmic' })).filter((d) => d.to === null);
    assert.equal(open.length, 68);
    const linked = open.filter((d) => recordIds.has(d.entityId)).length;
    assert.equal(cmic.removed, 68 - linked);
    assert.ok(linked >= 60, `only ${linked} of 68 linked`);
    // the record's entities are referenced, not rewritten
    assert.deepEqual(await store.getEntities([...recordIds]), recordEntities);
    assert.ok(r!.lists.some((l) => l.listId === 'us-ofac-cons-ukraine-eo13662' && l.added > 0));
  });

  it('the OpenSanctions 1260H file goes to its own list with sameAs hints; us-dod-1260h is untouched', async () => {
    const before = await store.getDesignations({ listId: 'us-dod-1260h' });
    const [r] = await importFiles(store, 'opensanctions-1260h', [OS_1260H], { today, date: '2026-08-20' });
    assert.deepEqual(r!.lists.map((l) => [l.listId, l.entityCount]), [['us-dod-1260h-opensanctions', 188]]);
    assert.deepEqual(await store.getDesignations({ listId: 'us-dod-1260h' }), before);
    const imported = await store.getEntities((await store.getDesignations({ listId: 'us-dod-1260h-opensanctions' })).map((d) => d.entityId));
    const hinted = imported.filter((e) => e.identifiers.some((i) => i.scheme === 'other' && i.value.startsWith('sameAs ')));
    assert.ok(hinted.length > 150, `${hinted.length} hinted`);
    const pub = (await store.getPublication(r!.lists[0]!.publicationId!))!;
    assert.equal(pub.verified, false);
  });
});
