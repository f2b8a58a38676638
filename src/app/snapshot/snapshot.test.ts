import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_KINDS } from '../../core/model.js';
import type { Store } from '../../store/store.js';
import { testEngines, type TestLocation } from '../../store/testing.js';
import { openSeeded } from '../test-support.js';
import { RecordSnapshot } from './snapshot.js';

// The snapshot must answer every read exactly as the store does (same objects, same order), so
// the read services give the same answers from memory as from the database.
for (const engine of testEngines) {
  describe(`RecordSnapshot on ${engine.name}`, () => {
    let loc: TestLocation;
    let store: Store;
    let snap: RecordSnapshot;
    before(async () => {
      loc = await engine.location();
      store = await openSeeded(loc);
      // A relation and an entity only imports would add, so lookups of both kinds are exercised.
      await store.apply({
        entities: [{ id: 'zz-snapshot-sub', name: 'ZZ Snapshot Subsidiary', type: 'organization', names: [], identifiers: [] }],
        relations: [{ entityId: 'zz-snapshot-sub', parentId: 'xiaomi', kind: 'subsidiary-of', sourceIds: [] }],
      });
      snap = await RecordSnapshot.load(store);
    });
    after(async () => {
      await store?.close();
      await loc?.dispose();
    });

    test('lists, sources, entities and publications as the store gives them', async () => {
      assert.deepEqual(await snap.getLists(), await store.getLists());
      assert.deepEqual(await snap.getSources(), await store.getSources());
      const sourceIds = (await store.getSources()).map((s) => s.id);
      const some = [sourceIds[5]!, 'no-such-source', sourceIds[0]!, sourceIds[3]!];
      assert.deepEqual(await snap.getSources(some), await store.getSources(some));
      for (const l of await store.getLists()) {
        assert.deepEqual(await snap.getList(l.id), await store.getList(l.id));
        assert.deepEqual(await snap.getPublications(l.id), await store.getPublications(l.id));
        assert.deepEqual(await snap.getDesignations({ listId: l.id }), await store.getDesignations({ listId: l.id }));
      }
      assert.equal(await snap.getList('no-such-list'), null);
      assert.deepEqual(await snap.getPublications('no-such-list'), []);
      assert.deepEqual(await snap.getPublications(), await store.getPublications());
      for (const p of await store.getPublications()) assert.deepEqual(await snap.getPublication(p.id), await store.getPublication(p.id), p.id);
      assert.equal(await snap.getPublication('no/such'), null);
      assert.equal(await snap.countEntities(), await store.countEntities());
      const entities = await store.getEntities();
      assert.deepEqual(await snap.getEntities(), entities);
      const ids = [entities[40]!.id, 'no-such-entity', entities[2]!.id, entities[17]!.id, entities[2]!.id];
      assert.deepEqual(await snap.getEntities(ids), await store.getEntities(ids));
      const many = entities.filter((_, i) => i % 2 === 0).map((e) => e.id).reverse();
      assert.deepEqual(await snap.getEntities(many), await store.getEntities(many));
      assert.equal(await snap.getEntity('no-such-entity'), null);
    });

    test('designations, relations and events per entity, list, kind and date, as the store gives them', async () => {
      assert.deepEqual(await snap.getDesignations(), await store.getDesignations());
      assert.deepEqual(await snap.getRelations(), await store.getRelations());
      assert.deepEqual(await snap.getEvents(), await store.getEvents());
      const entities = await store.getEntities();
      for (const e of entities) {
        assert.deepEqual(await snap.getEntity(e.id), e);
        assert.deepEqual(await snap.getDesignations({ entityId: e.id }), await store.getDesignations({ entityId: e.id }), e.id);
        assert.deepEqual(await snap.getRelations(e.id), await store.getRelations(e.id), e.id);
        assert.deepEqual(await snap.getEntityVersions(e.id), await store.getEntityVersions(e.id), e.id);
      }
      const withEvents = [...new Set((await store.getEvents()).flatMap((e) => e.entityIds))].slice(0, 30);
      assert.ok(withEvents.length > 0, 'the dataset has events about entities');
      for (const id of withEvents) assert.deepEqual(await snap.getEvents({ entityId: id }), await store.getEvents({ entityId: id }), id);
      for (const l of await store.getLists()) {
        assert.deepEqual(await snap.getEvents({ listId: l.id }), await store.getEvents({ listId: l.id }), l.id);
        assert.deepEqual(await snap.getDesignations({ entityId: 'xiaomi', listId: l.id }), await store.getDesignations({ entityId: 'xiaomi', listId: l.id }));
      }
      for (const kind of EVENT_KINDS) assert.deepEqual(await snap.getEvents({ kind }), await store.getEvents({ kind }), kind);
      for (const q of [{ since: '2024-01-01' }, { until: '2021-01-14' }, { since: '2021-01-14', until: '2021-01-14' }, { since: '2022-01-01', until: '2025-06-30', listId: 'us-dod-1260h' }]) {
        assert.deepEqual(await snap.getEvents(q), await store.getEvents(q), JSON.stringify(q));
      }
      assert.ok((await snap.getRelations('zz-snapshot-sub')).length > 0);
    });
  });
}
