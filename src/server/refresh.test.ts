import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { importFiles } from '../app/import/index.js';
import type { ScreenResult } from '../app/types.js';
import { sharedData } from '../sources/test-support.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { pgliteLocation, postgresLocation } from '../store/testing.js';
import type { TestEngine } from '../store/testing.js';
import { Refresher } from './refresh.js';
import { serverFixture, TODAY } from './test-support/app.js';
import type { ServerFixture } from './test-support/app.js';

const SDN_2024 = sharedData('ofac_sdn/jackdwyer_2024-05-03/sdn.csv');
/** An SDN-only person (NPWMD, nationality China) of the 2024 file, read from the file itself. */
const PERSON = (() => {
  const rows = parse(readFileSync(SDN_2024, 'latin1'), { relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const row = rows.find((r) => r[1] === 'LI, Fangwei' && r[2] === 'individual');
  assert.ok(row, 'LI, Fangwei is an individual in the 2024 SDN file');
  return row[1]!;
})();

interface Health { revision: string; loadedAt: string; loadMs: number; storeRevision: string; refreshError?: string; entities: number }

const screen = async (app: FastifyInstance): Promise<ScreenResult> => {
  const r = await app.inject({ url: '/api/v1/screen', query: { q: PERSON, as_of: TODAY } });
  assert.equal(r.statusCode, 200);
  return r.json<ScreenResult>();
};
const sdnHit = (res: ScreenResult) => res.hits.find((h) => h.designations.some((d) => d.list === 'us-ofac-sdn' && d.active));
const health = async (app: FastifyInstance): Promise<Health> => (await app.inject('/api/v1/health')).json<Health>();

/**
 * The server sees a change another writer made while it runs: `writer` returns the store the
 * import goes through (a SECOND store on the same PostgreSQL database, or the server's own PGlite
 * store, which allows one opener per directory).
 */
function refreshSuite(engine: TestEngine, writer: (fx: ServerFixture) => Promise<{ store: Store; close(): Promise<void> }>): void {
  describe(`server refresh on ${engine.name}`, () => {
    let fx: ServerFixture;
    let live: FastifyInstance;
    let frozen: FastifyInstance;
    before(async () => {
      fx = await serverFixture(engine);
      live = await fx.app({ refreshIntervalMs: 0, jobs: { worker: false } });
      // A check at most once an hour: within this test it serves what it loaded at start.
      frozen = await fx.app({ refreshIntervalMs: 3_600_000, jobs: { worker: false } });
    });
    after(async () => {
      await live?.close();
      await frozen?.close();
      await fx?.dispose();
    });

    test('an import by another writer is screened on the next request; health shows the new revision', async () => {
      assert.equal(sdnHit(await screen(live)), undefined, `${PERSON} is not in the bundled dataset`);
      const h0 = await health(live);
      assert.equal(h0.revision, await fx.store.getRevision());
      assert.equal(h0.storeRevision, h0.revision);
      assert.ok(!Number.isNaN(Date.parse(h0.loadedAt)));

      const w = await writer(fx);
      try {
        const [r] = await importFiles(w.store, 'ofac-sdn', [SDN_2024], { today: TODAY, date: '2024-05-03' });
        assert.equal(r!.lists.find((l) => l.listId === 'us-ofac-sdn')?.status, 'imported');
        const after = await w.store.getRevision();
        assert.notEqual(after, h0.revision);

        const hit = sdnHit(await screen(live));
        assert.ok(hit, `${PERSON} is found after the import`);
        assert.equal(hit.name, PERSON);
        const h1 = await health(live);
        assert.equal(h1.revision, after);
        assert.equal(h1.storeRevision, after);
        assert.equal(h1.refreshError, undefined);
        assert.ok(Date.parse(h1.loadedAt) >= Date.parse(h0.loadedAt));
        assert.ok(Number.isInteger(h1.loadMs) && h1.loadMs >= 0);
        assert.equal(h1.entities, await w.store.countEntities());

        // The server with a long interval has not checked yet: old index, and health says it lags.
        assert.equal(sdnHit(await screen(frozen)), undefined);
        const hf = await health(frozen);
        assert.equal(hf.revision, h0.revision);
        assert.equal(hf.storeRevision, after);
      } finally {
        await w.close();
      }
    });

    test('nothing is rebuilt while the revision stands still', async () => {
      const h0 = await health(live);
      await screen(live);
      const h1 = await health(live);
      assert.equal(h1.revision, h0.revision);
      assert.equal(h1.loadedAt, h0.loadedAt, 'same load, no rebuild');
    });
  });
}

refreshSuite({ name: 'postgres', location: postgresLocation }, async (fx) => {
  const other = await openStore(fx.location.opts);
  return { store: other, close: () => other.close() };
});
refreshSuite({ name: 'pglite', location: pgliteLocation }, async (fx) => ({ store: fx.store, close: async () => undefined }));

describe('Refresher', () => {
  test('one check at a time: calls during a rebuild get the old value at once, then the new one is swapped in', async () => {
    const loc = await pgliteLocation();
    const store = await openStore(loc.opts);
    try {
      let gate: () => void = () => undefined;
      let loads = 0;
      const r = await Refresher.create({
        revision: () => store.getRevision(),
        // Each load records what the store held; the second one waits for the test to let it finish.
        load: async () => {
          loads++;
          const n = await store.countEntities();
          if (loads > 1) await new Promise<void>((res) => { gate = res; });
          return n;
        },
        intervalMs: 0, clock: () => 0, now: () => new Date().toISOString(),
      });
      assert.equal(r.current.value, 0);
      await store.apply({ entities: [{ id: 'x', name: 'X', type: 'organization', names: [], identifiers: [] }] });
      const first = r.fresh();
      assert.ok(first instanceof Promise, 'a check was started');
      // Let the revision read and the load's count run, so the load is parked on the gate.
      while (loads < 2) await new Promise((res) => setImmediate(res));
      await new Promise((res) => setImmediate(res));
      const during = r.fresh();
      assert.ok(!(during instanceof Promise), 'no second check while one runs');
      assert.equal(during.value, 0, 'the old value is served meanwhile');
      gate();
      const done = await first;
      assert.equal(done.value, 1);
      assert.equal(done.revision, await store.getRevision());
      assert.equal((await r.fresh()).value, 1);
      assert.equal(loads, 2, 'an unchanged revision loads nothing');
    } finally {
      await store.close();
      await loc.dispose();
    }
  });
});
