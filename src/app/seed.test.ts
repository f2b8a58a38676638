import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveDesignations } from '../core/history/designations.js';
import type { Designation, Publication } from '../core/model.js';
import { loadDataset } from '../sources/dataset/index.js';
import { freshStore, testEngines } from '../store/testing.js';
import type { Store } from '../store/store.js';
import { ensureSeeded } from './seed.js';

const bundled = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data');
const key = (d: Designation) => `${d.listId}|${d.entityId}|${d.from}|${d.to}|${d.addedBy}|${d.endedBy}|${d.printedName}|${d.basis ?? ''}`;
const keys = (ds: Designation[]) => ds.map(key).sort();

for (const engine of testEngines) {
  describe(`ensureSeeded: ${engine.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let dataDir: string;
    before(async () => {
      ({ store, dispose } = await freshStore(engine));
      // A private copy of the bundled dataset, so the test can change it.
      dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'lw-seed-')), 'data');
      cpSync(bundled, dataDir, { recursive: true });
    });
    after(async () => {
      await dispose();
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    });

    it('loads the whole bundled dataset once, with derived designations', async () => {
      const ds = await loadDataset(dataDir);
      const logs: string[] = [];
      assert.deepEqual(await ensureSeeded(store, dataDir, (m) => logs.push(m)), { seeded: true });
      assert.match(logs.join('\n'), new RegExp(`loading bundled dataset: ${ds.entities.length} entities, ${ds.publications.length} publications`));
      assert.equal(await store.countEntities(), ds.entities.length);
      assert.deepEqual((await store.getLists()).map((l) => l.id), ds.lists.map((l) => l.id).sort());
      assert.deepEqual((await store.getPublications()).map((p) => p.id).sort(), ds.publications.map((p) => p.id).sort());
      const sample = ds.publications[ds.publications.length - 1]!;
      assert.deepEqual((await store.getPublication(sample.id))?.entries, sample.entries);
      assert.deepEqual(keys(await store.getDesignations()), keys(deriveDesignations(ds.publications)));
      assert.equal((await store.getEvents()).length, ds.events.length);

      const again: string[] = [];
      assert.deepEqual(await ensureSeeded(store, dataDir, (m) => again.push(m)), { seeded: false });
      assert.deepEqual(again, []);
    });

    it('reseeds a changed dataset and keeps imported lists and imports on bundled lists', async () => {
      const ds = await loadDataset(dataDir);
      const list = ds.lists[0]!.id;
      const imported = { id: 'imp:1', name: 'Imported Co', type: 'organization' as const, names: [], identifiers: [] };
      const ownPub: Publication = { id: 'test-import/2026-01-01', listId: 'test-import', date: '2026-01-01', kind: 'snapshot', title: 'import', sourceIds: [], entries: [{ entityId: 'imp:1', printedName: 'Imported Co' }] };
      const onBundled: Publication = { id: `${list}/2099-01-01-import`, listId: list, date: '2099-01-01', kind: 'addition', title: 'imported notice', sourceIds: [], entries: [{ entityId: 'imp:1', printedName: 'IMPORTED CO', action: 'add' }] };
      await store.apply({
        entities: [imported],
        publications: [ownPub, onBundled],
        openDesignations: deriveDesignations([ownPub]).concat(deriveDesignations([...ds.publications.filter((p) => p.listId === list), onBundled]).filter((d) => d.addedBy === onBundled.id)),
      });

      // Change the dataset: drop the latest publication of the first list that has several.
      const file = path.join(dataDir, 'publications', `${list}.json`);
      const pubs = JSON.parse(readFileSync(file, 'utf8')) as Publication[];
      assert.ok(pubs.length > 1, `${list} has several publications`);
      const dropped = [...pubs].sort((a, b) => a.date.localeCompare(b.date)).pop()!;
      writeFileSync(file, JSON.stringify(pubs.filter((p) => p.id !== dropped.id), null, 2));
      const changed = await loadDataset(dataDir);

      const logs: string[] = [];
      assert.deepEqual(await ensureSeeded(store, dataDir, (m) => logs.push(m)), { seeded: true });
      assert.match(logs.join('\n'), /updating bundled dataset/);
      assert.equal(await store.getPublication(dropped.id), null);
      assert.deepEqual(await store.getPublication(ownPub.id), ownPub);
      assert.deepEqual(await store.getPublication(onBundled.id), onBundled);
      assert.deepEqual(await store.getEntity('imp:1'), imported);
      const expected = deriveDesignations([...changed.publications, ownPub, onBundled]);
      assert.deepEqual(keys(await store.getDesignations()), keys(expected));
      assert.ok((await store.getDesignations({ entityId: 'imp:1', listId: list })).length === 1, 'the import on a bundled list keeps its designation');
      assert.deepEqual(await ensureSeeded(store, dataDir, () => undefined), { seeded: false });
    });
  });
}
