import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isListwatchError } from '../../core/errors.js';
import { openStore } from '../../store/open.js';
import { pgliteLocation, useFreshStore } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
import { sharedData, tempFile } from '../../sources/test-support.js';
import { importFiles } from './service.js';

const SDN_2024 = sharedData('ofac_sdn/jackdwyer_2024-05-03/sdn.csv');
const SET_2021 = sharedData('ofac_sdn/watchman_bench_2021-07');
const today = '2026-11-21';

/** The first `n` records of the real 2024 sdn.csv, without the record at index `skip` if given. */
function sdnSubset(n: number, skip?: number): string {
  const kept = readFileSync(SDN_2024, 'latin1').split('\r\n').slice(0, n).filter((_, i) => i !== skip);
  return tempFile('sdn.csv', Buffer.from(kept.join('\r\n') + '\r\n\x1a', 'latin1'));
}

const inForce = async (store: Store, listId: string) => (await store.getDesignations({ listId })).filter((d) => d.to === null).length;
async function snapshot(store: Store) {
  return { revision: await store.getRevision(), publications: (await store.getPublications()).length, entities: await store.countEntities(), designations: (await store.getDesignations()).length };
}

describe('imports never lose data silently (issue #10)', () => {
  let store: Store;
  useFreshStore((s) => {
    store = s;
  });

  it('A → B → A: re-importing the earlier file is a change back, not "unchanged"', async () => {
    const a = sdnSubset(300);
    const b = sdnSubset(300, 100); // one record fewer
    await importFiles(store, 'ofac-sdn', [a], { today, date: '2024-01-01' });
    const n = await inForce(store, 'us-ofac-sdn');
    assert.ok(n > 250);
    const [rb] = await importFiles(store, 'ofac-sdn', [b], { today, date: '2024-02-01' });
    assert.equal(rb!.lists[0]!.removed, 1);
    assert.equal(await inForce(store, 'us-ofac-sdn'), n - 1);
    const [r] = await importFiles(store, 'ofac-sdn', [a], { today, date: '2024-03-01' });
    assert.equal(r!.lists[0]!.status, 'imported');
    assert.equal(r!.lists[0]!.added, 1);
    assert.equal(await inForce(store, 'us-ofac-sdn'), n);
    // The latest again is unchanged.
    const [same] = await importFiles(store, 'ofac-sdn', [a], { today, date: '2024-04-01' });
    assert.equal(same!.lists[0]!.status, 'unchanged');
  });

  it('a future publication date is refused unless forced', async () => {
    const before = await snapshot(store);
    await assert.rejects(importFiles(store, 'ofac-sdn', [sdnSubset(301)], { today, date: '2062-01-01' }), (e) => isListwatchError(e, 'BAD_INPUT') && /after today/.test(e.message) && e.where?.field === 'date');
    assert.deepEqual(await snapshot(store), before);
  });

  it('an empty or cut alt.csv is refused (the aliases are guarded like the entries); --force takes it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lw-alt-'));
    // The first 3,000 records of the 2021 set and their aliases (a whole set takes a minute to import three times).
    const sdn = readFileSync(path.join(SET_2021, 'sdn.csv'), 'latin1').split('\r\n').slice(0, 3000);
    const ids = new Set(sdn.map((l) => l.slice(0, l.indexOf(','))));
    const altAll = readFileSync(path.join(SET_2021, 'alt.csv'), 'latin1').split('\r\n').filter((l) => ids.has(l.slice(0, l.indexOf(','))));
    writeFileSync(path.join(dir, 'sdn.csv'), Buffer.from(sdn.join('\r\n') + '\r\n', 'latin1'));
    writeFileSync(path.join(dir, 'alt.csv'), Buffer.from(altAll.join('\r\n') + '\r\n', 'latin1'));
    const files = [path.join(dir, 'sdn.csv'), path.join(dir, 'alt.csv')];
    const otherLoc = await pgliteLocation();
    const other = await openStore(otherLoc.opts);
    try {
      await importFiles(other, 'ofac-sdn', files, { today, date: '2021-07-01' });
      const before = await snapshot(other);
      writeFileSync(files[1]!, '');
      await assert.rejects(importFiles(other, 'ofac-sdn', files, { today, date: '2021-08-01' }), (e) => isListwatchError(e, 'BAD_FILE') && e.where?.file === 'alt.csv' && /empty/.test(e.message));
      // Cut at a line end: a valid but short file. 10 % of the aliases are left.
      writeFileSync(files[1]!, Buffer.from(altAll.slice(0, Math.floor(altAll.length / 10)).join('\r\n') + '\r\n', 'latin1'));
      await assert.rejects(importFiles(other, 'ofac-sdn', files, { today, date: '2021-08-01' }), (e) => isListwatchError(e, 'ROW_COUNT_DROP') && /aliases/.test(e.message));
      assert.deepEqual(await snapshot(other), before, 'a refusal writes nothing');
      const [forced] = await importFiles(other, 'ofac-sdn', files, { today, date: '2021-08-01', force: true });
      assert.equal(forced!.lists[0]!.status, 'imported');
    } finally {
      await other.close();
      await otherLoc.dispose();
    }
  });
});
