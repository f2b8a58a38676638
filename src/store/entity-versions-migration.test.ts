import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openSeeded } from '../app/test-support.js';
import { importFiles } from '../app/import/service.js';
import { sharedData, tempFile } from '../sources/test-support.js';
import type { Store } from './store.js';
import { testEngines, type TestLocation } from './testing.js';

/**
 * Migration 030 on an existing store (issue #10): the bundled record plus a real OFAC SDN import,
 * its `entity_versions` taken away as a store from before the migration has none, migrated again.
 * Every entity keeps every name: one version per entity, equal to its current attributes, from its
 * first publication, exactly what the live writes had derived.
 */

const SDN_2024 = sharedData('ofac_sdn/jackdwyer_2024-05-03/sdn.csv');
const TODAY = '2026-11-21';

const allVersions = (s: Store) => s.sql.query(`SELECT entity_id, from_date, from_pub, to_date, to_pub, name, type, country, names, identifiers, addresses
  FROM entity_versions ORDER BY entity_id, from_date NULLS FIRST, seq`);

for (const engine of testEngines) {
  describe(`migration 030 on an existing store: ${engine.name}`, () => {
    let loc: TestLocation;
    let store: Store;
    before(async () => {
      loc = await engine.location();
      store = await openSeeded(loc);
      const sdn = readFileSync(SDN_2024, 'latin1').split('\r\n').slice(0, 500);
      await importFiles(store, 'ofac-sdn', [tempFile('sdn.csv', Buffer.from(sdn.join('\r\n') + '\r\n\x1a', 'latin1'))], { today: TODAY, date: '2024-05-03' });
    });
    after(async () => {
      await store.close();
      await loc.dispose();
    });

    it('keeps every name: one version per entity from its first publication, as live writes derive it', async (t) => {
      const live = await allVersions(store);
      const entities = await store.getEntities();
      assert.ok(entities.length > 500, `${entities.length} entities`);
      assert.equal(live.length, entities.length);

      await store.sql.exec('DROP TABLE entity_versions; DELETE FROM schema_migrations WHERE version = 30;');
      const t0 = performance.now();
      await store.migrate();
      t.diagnostic(`migration 030 on ${entities.length} entities (bundled record + 500 SDN records), ${engine.name}: ${Math.round(performance.now() - t0)} ms`);

      assert.deepEqual(await allVersions(store), live);
      assert.deepEqual(await store.getEntitiesAsOf('1900-01-01'), entities);
      assert.deepEqual(await store.getEntitiesAsOf(TODAY), entities);
      assert.deepEqual(await store.getEntityChangeDates(), []);
      const sdn = await store.getEntityVersions('us-ofac-sdn:36');
      assert.deepEqual(sdn.map((v) => [v.from, v.to]), [['2024-05-03', null]]);
      assert.ok(sdn[0]!.fromPublication?.startsWith('us-ofac-sdn/import-2024-05-03-'));
    });
  });
}
