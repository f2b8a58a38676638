import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../store/open.js';
import { pgliteLocation, type TestLocation } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
import { coverageFor, coverageWarnings, type ListCoverage } from './coverage.js';

const list = (listId: string, inForce: number, date: string | null): ListCoverage => ({
  listId, name: listId, publications: date ? 1 : 0, inForce, latestPublication: date ? { id: `${listId}/${date}`, date } : null, lastRefreshed: null,
});

describe('coverage', () => {
  it('warns for the list the role depends on when it is empty, missing or older than maxAgeDays', () => {
    const lists = [list('us-bis-entity-list', 3000, '2025-10-09'), list('us-dhs-uflpa', 0, null), list('us-dod-1260h', 188, '2026-06-08')];
    assert.deepEqual(coverageWarnings(lists, 'exporter', '2026-12-01', 365).map((w) => w.kind), ['stale']);
    assert.deepEqual(coverageWarnings(lists, 'exporter', '2026-10-09', 365).map((w) => w.kind), []);
    assert.deepEqual(coverageWarnings(lists, 'exporter', '2026-10-10', 365).map((w) => w.kind), ['stale']);
    assert.deepEqual(coverageWarnings(lists, 'exporter', '2026-12-01', 500), []);
    assert.deepEqual(coverageWarnings(lists, 'importer', '2026-12-01', 365).map((w) => w.kind), ['empty']);
    assert.deepEqual(coverageWarnings(lists, 'us-investor', '2026-12-01', 365).map((w) => `${w.kind}:${w.listId}`), ['missing:us-treasury-ns-cmic']);
    assert.deepEqual(coverageWarnings(lists, 'dod-contractor', '2026-12-01', 365), []);
    assert.deepEqual(coverageWarnings(lists, undefined, '2026-12-01', 365), []);
  });

  describe('on a store', () => {
    let loc: TestLocation;
    let store: Store;
    before(async () => {
      loc = await pgliteLocation();
      store = await openStore(loc.opts);
      await store.apply({
        origin: 'dataset',
        lists: [{ id: 'us-bis-entity-list', name: 'Entity List', agency: 'BIS', legalBasis: 'EAR', sourceIds: [] }],
        entities: [{ id: 'x', name: 'X Co', type: 'organization', names: [], identifiers: [] }],
        publications: [{ id: 'el/1', listId: 'us-bis-entity-list', date: '2025-10-09', kind: 'addition', title: 'rule', citation: '90 FR 1', sourceIds: [], entries: [{ entityId: 'x', printedName: 'X Co', action: 'add' }] }],
        openDesignations: [{ entityId: 'x', listId: 'us-bis-entity-list', from: '2025-10-09', to: null, addedBy: 'el/1', endedBy: null, printedName: 'X Co' }],
      });
    });
    after(async () => {
      await store.close();
      await loc.dispose();
    });
    it('reads each list: latest publication on or before asOf, in-force count, when it was stored', async () => {
      const c = await coverageFor(store, { asOf: '2026-12-01', role: 'exporter' });
      assert.equal(c.lists.length, 1);
      const el = c.lists[0]!;
      assert.equal(el.inForce, 1);
      assert.deepEqual(el.latestPublication, { id: 'el/1', date: '2025-10-09', citation: '90 FR 1' });
      assert.match(el.lastRefreshed ?? '', /^\d{4}-\d{2}-\d{2}T/);
      assert.deepEqual(c.warnings.map((w) => w.kind), ['stale']);
      const before = await coverageFor(store, { asOf: '2025-01-01', role: 'exporter' });
      assert.equal(before.lists[0]!.latestPublication, null);
      assert.deepEqual(before.warnings.map((w) => w.kind), ['empty']);
    });
  });
});
