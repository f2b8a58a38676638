import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity, Publication } from '../core/model.js';
import type { Store } from './store.js';
import { freshStore, testEngines } from './testing.js';
import * as fx from './test-support/fixtures.js';

/** Contract of the versioned entity attributes (migration 030, issue #10), on both engines. */

const pub = (id: string, date: string, entityIds: string[], kind: Publication['kind'] = 'snapshot'): Publication =>
  ({ id, listId: 'list-x', date, kind, title: id, sourceIds: ['src-a'], entries: entityIds.map((entityId) => ({ entityId, printedName: entityId })) });
const withAliases = (e: Entity, aliases: string[]): Entity =>
  ({ ...e, names: [...e.names.filter((n) => n.kind !== 'alias'), ...aliases.map((name) => ({ name, kind: 'alias' as const, sourceIds: ['src-a'], verified: true }))] });
const aliases = (e: Entity | undefined): string[] => (e?.names ?? []).filter((n) => n.kind === 'alias').map((n) => n.name);

for (const engine of testEngines) {
  describe(`entity versions contract: ${engine.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const acme = fx.entities[0]!;
    const beta = fx.entities[2]!;
    before(async () => {
      ({ store, dispose } = await freshStore(engine));
      await store.apply({ sources: fx.sources, lists: fx.lists, entities: fx.entities, relations: fx.relations, publications: fx.publications, events: fx.events });
    });
    after(async () => dispose());

    it('an entity written with the publications that list it holds from the earliest of them; one no publication lists, from the start', async () => {
      const [v] = await store.getEntityVersions('acme');
      assert.deepEqual(v, { entity: acme, from: '2024-01-31', fromPublication: 'list-x/2024-01-31', to: null, toPublication: null });
      assert.deepEqual((await store.getEntityVersions('acme-sub')).map((x) => [x.from, x.fromPublication]), [['2025-01-07', 'list-x/2025-01-07']]);
      assert.deepEqual(await store.getEntityVersions('nope'), []);
      assert.deepEqual(await store.getEntityChangeDates(), []);
      assert.deepEqual(await store.getEntitiesAsOf('2020-01-01'), await store.getEntities());
    });

    it('a later publication carrying other names ends the old version there; as-of reads give the record as it stood', async () => {
      await store.apply({ entities: [withAliases(acme, ['ACME-X', 'ACME-Y'])], publications: [pub('list-x/p1', '2025-03-01', ['acme'])] });
      await store.apply({ entities: [withAliases(acme, [])], publications: [pub('list-x/p2', '2025-06-01', ['acme'])] });
      const vs = await store.getEntityVersions('acme');
      assert.deepEqual(vs.map((v) => [v.from, v.fromPublication, v.to, v.toPublication, aliases(v.entity)]), [
        ['2024-01-31', 'list-x/2024-01-31', '2025-03-01', 'list-x/p1', []],
        ['2025-03-01', 'list-x/p1', '2025-06-01', 'list-x/p2', ['ACME-X', 'ACME-Y']],
        ['2025-06-01', 'list-x/p2', null, null, []],
      ]);
      assert.deepEqual(await store.getEntityChangeDates(), ['2025-03-01', '2025-06-01']);
      // Half-open: the day a publication takes effect sees its attributes.
      assert.deepEqual(aliases((await store.getEntitiesAsOf('2025-02-28', ['acme']))[0]), []);
      assert.deepEqual(aliases((await store.getEntitiesAsOf('2025-03-01', ['acme']))[0]), ['ACME-X', 'ACME-Y']);
      assert.deepEqual(aliases((await store.getEntitiesAsOf('2025-05-31', ['acme']))[0]), ['ACME-X', 'ACME-Y']);
      assert.deepEqual(aliases((await store.getEntitiesAsOf('2025-06-01', ['acme']))[0]), []);
      assert.deepEqual(await store.getEntitiesAsOf('2030-01-01'), await store.getEntities(), 'after the last change: the current record');
      assert.deepEqual((await store.getEntitiesAsOf('2025-04-01', ['acme', 'nope'])).map((e) => e.id), ['acme']);
      // Before its first publication an entity is read as first recorded (findable, its designations inactive then).
      assert.deepEqual(await store.getEntitiesAsOf('2000-01-01', ['acme']), [acme]);
    });

    it('unchanged attributes open no version; a second publication of the same day replaces that day\'s', async () => {
      const current = (await store.getEntity('acme'))!;
      await store.apply({ entities: [current], publications: [pub('list-x/p3', '2025-07-01', ['acme'])] });
      assert.equal((await store.getEntityVersions('acme')).length, 3);
      await store.apply({ entities: [withAliases(acme, ['ACME-Z'])], publications: [pub('list-x/p4', '2025-08-01', ['acme'])] });
      await store.apply({ entities: [withAliases(acme, ['ACME-W'])], publications: [pub('list-x/p5', '2025-08-01', ['acme'])] });
      const vs = await store.getEntityVersions('acme');
      assert.deepEqual(vs.slice(3).map((v) => [v.from, v.to, aliases(v.entity)]), [['2025-08-01', null, ['ACME-W']]]);
      assert.deepEqual(aliases((await store.getEntity('acme'))!), ['ACME-W'], 'the entities row is the open version');
    });

    it('a refused change writes no version', async () => {
      const before = await store.getEntityVersions('beta');
      await assert.rejects(store.apply({ entities: [withAliases(beta, ['BETA-2'])], publications: [pub('list-x/p1', '2026-01-01', ['beta'])] }));
      assert.deepEqual(await store.getEntityVersions('beta'), before);
    });

    it('an entity written without a publication listing it is a correction: its history is replaced', async () => {
      await store.apply({ entities: [withAliases(acme, ['CORRECTED'])] });
      const vs = await store.getEntityVersions('acme');
      assert.deepEqual(vs.map((v) => [v.from, v.fromPublication, v.to, aliases(v.entity)]), [['2024-01-31', 'list-x/2024-01-31', null, ['CORRECTED']]]);
    });

    it('replacing an origin derives its entities\' versions anew', async () => {
      const ds = { ...fx.entities[1]!, id: 'ds-ent', names: [] };
      await store.apply({ origin: 'dataset', entities: [ds], publications: [{ ...pub('list-y/ds1', '2023-01-01', ['ds-ent']), listId: 'list-y' }] });
      assert.deepEqual((await store.getEntityVersions('ds-ent')).map((v) => v.from), ['2023-01-01']);
      await store.apply({ origin: 'dataset', replaceOrigin: 'dataset', entities: [{ ...ds, name: 'Renamed' }], publications: [{ ...pub('list-y/ds2', '2023-02-01', ['ds-ent']), listId: 'list-y' }] });
      assert.deepEqual((await store.getEntityVersions('ds-ent')).map((v) => [v.from, v.fromPublication, v.to, v.entity.name]), [['2023-02-01', 'list-y/ds2', null, 'Renamed']]);
      // Swept with its entity: nothing references it any more.
      await store.apply({ origin: 'dataset', replaceOrigin: 'dataset' });
      assert.deepEqual(await store.getEntityVersions('ds-ent'), []);
    });
  });
}
