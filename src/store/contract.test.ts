import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isListwatchError } from '../core/errors.js';
import type { Designation } from '../core/model.js';
import { openStore } from './open.js';
import type { Store } from './store.js';
import { SqlStore } from './sql/store.js';
import { migrations } from './sql/migrations/index.js';
import { freshStore, pgliteLocation, testEngines } from './testing.js';
import * as fx from './test-support/fixtures.js';

/** Everything a store holds, read through the interface: two equal snapshots mean nothing changed. */
async function snapshot(s: Store): Promise<unknown> {
  const pubs = await s.getPublications();
  return {
    sources: await s.getSources(),
    lists: await s.getLists(),
    entities: await s.getEntities(),
    relations: await s.getRelations(),
    publications: await Promise.all(pubs.map((p) => s.getPublication(p.id))),
    designations: await s.getDesignations(),
    events: await s.getEvents(),
    meta: await s.getMeta('k'),
  };
}

const d = (entityId: string, listId: string, from: string, addedBy: string, printedName: string, extra: Partial<Designation> = {}): Designation =>
  ({ entityId, listId, from, to: null, addedBy, endedBy: null, printedName, ...extra });

for (const engine of testEngines) {
  describe(`store contract: ${engine.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    before(async () => {
      ({ store, dispose } = await freshStore(engine));
      await store.apply({ sources: fx.sources, lists: fx.lists, entities: fx.entities, relations: fx.relations, publications: fx.publications, events: fx.events, meta: { k: 'v' } });
    });
    after(async () => dispose());

    it('reports its engine and migrates idempotently', async () => {
      assert.equal(store.engine, engine.name);
      await store.migrate();
      await store.migrate();
      const rows = await (store as SqlStore).sql.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(rows.map((r) => r.version), migrations.map((m) => m.version));
    });

    it('round-trips sources, lists and entities with and without optional fields', async () => {
      assert.deepEqual(await store.getSources(), fx.sources);
      assert.deepEqual(await store.getSources(['src-b', 'nope']), [fx.sources[1]]);
      assert.deepEqual(await store.getLists(), fx.lists);
      assert.deepEqual(await store.getList('list-y'), fx.lists[1]);
      assert.equal(await store.getList('nope'), null);
      assert.deepEqual(await store.getEntities(), [...fx.entities].sort((a, b) => a.id.localeCompare(b.id)));
      assert.deepEqual(await store.getEntity('acme'), fx.entities[0]);
      assert.equal(await store.getEntity('nope'), null);
      assert.deepEqual((await store.getEntities(['beta', 'nope', 'acme'])).map((e) => e.id), ['acme', 'beta']);
      assert.equal(await store.countEntities(), fx.entities.length);
      assert.equal(await store.getMeta('k'), 'v');
      assert.equal(await store.getMeta('missing'), null);
    });

    it('replaces an entity written again and upserts sources and meta', async () => {
      const renamed = { ...fx.entities[2]!, name: 'Beta Corporation', names: [{ name: 'Beta Corp.', kind: 'previous' as const, sourceIds: [], verified: true }] };
      await store.apply({ entities: [renamed], sources: [{ ...fx.sources[1]!, title: 'Press report (updated)' }], meta: { k: 'v2' } });
      assert.deepEqual(await store.getEntity('beta'), renamed);
      assert.equal((await store.getSources(['src-b']))[0]?.title, 'Press report (updated)');
      assert.equal(await store.getMeta('k'), 'v2');
      await store.apply({ entities: [fx.entities[2]!], sources: [fx.sources[1]!], meta: { k: 'v' } });
      assert.deepEqual(await store.getEntity('beta'), fx.entities[2]);
    });

    it('orders publications by date then id, without entries in lists, with entries in order alone', async () => {
      const all = await store.getPublications();
      assert.deepEqual(all.map((p) => p.id), ['list-x/2024-01-31', 'list-y/2024-01-31', 'list-x/2025-01-07']);
      assert.ok(all.every((p) => p.entries.length === 0));
      assert.deepEqual((await store.getPublications('list-x')).map((p) => p.id), ['list-x/2024-01-31', 'list-x/2025-01-07']);
      for (const p of fx.publications) assert.deepEqual(await store.getPublication(p.id), p);
      assert.equal(await store.getPublication('nope'), null);
    });

    it('finds a publication by list and content hash', async () => {
      const found = await store.findPublicationByHash('list-x', 'h-2025');
      assert.equal(found?.id, 'list-x/2025-01-07');
      assert.equal(await store.findPublicationByHash('list-y', 'h-2025'), null);
      assert.equal(await store.findPublicationByHash('list-x', 'other'), null);
    });

    it('finds names by pg_trgm similarity, best first, one row per entity', async () => {
      const hits = await (store as SqlStore).trigramSearch('acme holding', { threshold: 0.2 });
      assert.equal(hits[0]?.entityId, 'acme');
      assert.ok(hits[0]!.score > 0.5 && hits[0]!.score <= 1);
      assert.equal(new Set(hits.map((h) => h.entityId)).size, hits.length);
      assert.ok(hits.every((h, i) => i === 0 || hits[i - 1]!.score >= h.score));
      assert.deepEqual((await (store as SqlStore).trigramSearch('阿克米控股')).map((h) => [h.entityId, h.kind]), [['acme', 'zh-hans']]);
      assert.deepEqual(await (store as SqlStore).trigramSearch('zzzz qqqq'), []);
    });

    it('returns relations in both directions', async () => {
      assert.deepEqual(await store.getRelations('acme'), fx.relations);
      assert.deepEqual(await store.getRelations('acme-sub'), [fx.relations[0]]);
      assert.deepEqual(await store.getRelations('nope'), []);
      await store.apply({ relations: [{ ...fx.relations[0]!, evidence: 'again' }] });
      assert.deepEqual(await store.getRelations(), fx.relations, 'an existing relation is kept as it was');
    });

    it('filters events by entity, list, kind and date range', async () => {
      const ids = async (q: Parameters<Store['getEvents']>[0]) => (await store.getEvents(q)).map((e) => e.id);
      assert.deepEqual(await store.getEvents(), fx.events);
      assert.deepEqual(await ids({ entityId: 'beta' }), ['ev-2']);
      assert.deepEqual(await ids({ entityId: 'acme' }), ['ev-1', 'ev-2']);
      assert.deepEqual(await ids({ listId: 'list-y' }), ['ev-2', 'ev-3']);
      assert.deepEqual(await ids({ kind: 'proposal' }), ['ev-3']);
      assert.deepEqual(await ids({ since: '2024-05-01' }), ['ev-2', 'ev-3']);
      assert.deepEqual(await ids({ until: '2024-05-01' }), ['ev-1', 'ev-2']);
      assert.deepEqual(await ids({ since: '2024-02-01', until: '2024-12-31', listId: 'list-x' }), ['ev-2']);
      assert.deepEqual(await ids({ entityId: 'acme', kind: 'removal' }), []);
    });

    it('opens, updates and closes designations, including a same-day redesignation', async () => {
      await store.apply({ openDesignations: [
        d('acme', 'list-x', '2024-01-31', 'list-x/2024-01-31', 'ACME'),
        d('beta', 'list-y', '2024-01-31', 'list-y/2024-01-31', 'Beta', { basis: 'b1' }),
      ] });
      await store.apply({
        updateDesignations: [{ entityId: 'acme', listId: 'list-x', printedName: 'Acme Holdings Ltd.', basis: 'mcf' }, { entityId: 'beta', listId: 'list-y', printedName: 'Beta Co' }],
        openDesignations: [d('acme-sub', 'list-x', '2025-01-07', 'list-x/2025-01-07', 'Acme Sub*')],
      });
      await store.apply({
        closeDesignations: [{ entityId: 'beta', listId: 'list-y', to: '2025-03-01', endedBy: 'p-red' }],
        openDesignations: [d('beta', 'list-y', '2025-03-01', 'p-red', 'Beta Co')],
      });
      assert.deepEqual(await store.getDesignations({ entityId: 'beta' }), [
        d('beta', 'list-y', '2024-01-31', 'list-y/2024-01-31', 'Beta Co', { basis: 'b1', to: '2025-03-01', endedBy: 'p-red' }),
        d('beta', 'list-y', '2025-03-01', 'p-red', 'Beta Co'),
      ]);
      assert.deepEqual(await store.getDesignations({ listId: 'list-x' }), [
        d('acme', 'list-x', '2024-01-31', 'list-x/2024-01-31', 'Acme Holdings Ltd.', { basis: 'mcf' }),
        d('acme-sub', 'list-x', '2025-01-07', 'list-x/2025-01-07', 'Acme Sub*'),
      ]);
      assert.equal((await store.getDesignations({ entityId: 'acme', listId: 'list-y' })).length, 0);
      assert.equal((await store.getDesignations()).length, 4);
    });

    it('refuses to close or open what the record does not allow, leaving it unchanged', async () => {
      const before = await snapshot(store);
      await assert.rejects(store.apply({ closeDesignations: [{ entityId: 'nope', listId: 'list-x', to: '2025-01-01', endedBy: 'x' }] }), (e) => isListwatchError(e, 'CONFLICT'));
      await assert.rejects(store.apply({ openDesignations: [d('acme', 'list-x', '2026-01-01', 'x', 'dup')] }), (e) => isListwatchError(e, 'CONFLICT'));
      assert.deepEqual(await snapshot(store), before);
    });

    it('rolls back a whole change when its second publication collides', async () => {
      const before = await snapshot(store);
      const fresh = { ...fx.publications[2]!, id: 'list-y/2026-01-01', date: '2026-01-01' };
      await assert.rejects(store.apply({
        sources: [{ id: 'src-new', title: 'New', quality: 'P' }],
        entities: [{ id: 'gamma', name: 'Gamma', type: 'organization', names: [], identifiers: [] }, { ...fx.entities[0]!, name: 'Changed' }],
        publications: [fresh, fx.publications[0]!],
        openDesignations: [d('gamma', 'list-y', '2026-01-01', fresh.id, 'Gamma')],
        events: [{ ...fx.events[0]!, id: 'ev-new' }],
        meta: { k: 'changed' },
      }), (e) => isListwatchError(e, 'CONFLICT') && /list-x\/2025-01-07/.test((e as Error).message));
      assert.deepEqual(await snapshot(store), before);
      await assert.rejects(store.apply({ publications: [fresh, fresh] }), (e) => isListwatchError(e, 'CONFLICT'));
      assert.equal(await store.getPublication(fresh.id), null);
    });

    it('raises the revision on a successful apply, not on a failed one or a job write', async () => {
      const r0 = await store.getRevision();
      assert.equal(await store.getRevision(), r0, 'reading does not change it');
      await store.apply({ meta: { k: 'rev' } });
      const r1 = await store.getRevision();
      assert.notEqual(r1, r0);
      await assert.rejects(store.apply({ meta: { k: 'lost' }, publications: [fx.publications[0]!] }), (e) => isListwatchError(e, 'CONFLICT'));
      assert.equal(await store.getRevision(), r1, 'a rolled-back change leaves the revision');
      assert.equal(await store.getMeta('k'), 'rev');
      await store.sql.query(`INSERT INTO jobs (id, kind, state, chunk_size) VALUES ('rev-job', 'batch-screen', 'queued', 1000)`);
      assert.equal(await store.getRevision(), r1, 'jobs are not the record');
      await store.apply({ meta: { k: 'v' } });
      const r2 = await store.getRevision();
      assert.ok(![r0, r1].includes(r2), 'every apply gives a new revision');
    });

    it('writes more rows than one statement chunk in one change', async () => {
      const many = Array.from({ length: 6100 }, (_, i) => ({
        id: `bulk:${String(i).padStart(5, '0')}`, name: `Bulk ${i}`, type: 'organization' as const,
        names: [{ name: `Bulk Name ${i}`, kind: 'printed' as const, sourceIds: [], verified: true }, { name: `B${i}`, kind: 'alias' as const, sourceIds: [], verified: true }],
        identifiers: [],
      }));
      const pub = { id: 'bulk/2024-05-03', listId: 'bulk', date: '2024-05-03', kind: 'snapshot' as const, title: 'Bulk', sourceIds: [], contentHash: 'bulk-h', entries: many.map((e) => ({ entityId: e.id, printedName: e.name })) };
      await store.apply({ entities: many, publications: [pub], openDesignations: many.map((e) => d(e.id, 'bulk', pub.date, pub.id, e.name)) });
      assert.equal(await store.countEntities(), fx.entities.length + many.length);
      const back = await store.getPublication(pub.id);
      assert.deepEqual(back?.entries, pub.entries);
      assert.equal((await store.getDesignations({ listId: 'bulk' })).length, many.length);
      const [names] = await (store as SqlStore).sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM entity_names WHERE entity_id LIKE 'bulk:%'`);
      assert.equal(names?.n, many.length * 3, 'two names and the display name per entity');
    });

    it('replaces the rows of one origin and keeps the others', async () => {
      const { store: s, dispose: drop } = await freshStore(engine);
      try {
        const ds = { id: 'ds', name: 'DS', type: 'organization' as const, names: [], identifiers: [] };
        const gone = { ...ds, id: 'ds-gone' };
        const shared = { ...ds, id: 'ds-shared' };
        const imp = { ...ds, id: 'imp:1' };
        const dsPub = { id: 'list-x/1', listId: 'list-x', date: '2024-01-01', kind: 'edition' as const, title: 'x', sourceIds: [], entries: [{ entityId: 'ds', printedName: 'DS' }, { entityId: 'ds-gone', printedName: 'G' }] };
        await s.apply({ origin: 'dataset', lists: [fx.lists[0]!], entities: [ds, gone, shared], publications: [dsPub], events: [{ ...fx.events[0]!, id: 'ds-ev' }],
          openDesignations: [d('ds', 'list-x', '2024-01-01', dsPub.id, 'DS'), d('ds-gone', 'list-x', '2024-01-01', dsPub.id, 'G')] });
        const impPub = { id: 'imp/1', listId: 'list-i', date: '2024-02-01', kind: 'snapshot' as const, title: 'i', sourceIds: [], entries: [{ entityId: 'imp:1', printedName: 'I' }, { entityId: 'ds-shared', printedName: 'S' }] };
        await s.apply({ lists: [fx.lists[1]!], entities: [imp], publications: [impPub], openDesignations: [d('imp:1', 'list-i', '2024-02-01', impPub.id, 'I')] });
        const dsPub2 = { ...dsPub, id: 'list-x/2', entries: [{ entityId: 'ds', printedName: 'DS 2' }] };
        await s.apply({ origin: 'dataset', replaceOrigin: 'dataset', resetDesignations: ['list-x'], lists: [fx.lists[0]!], entities: [ds], publications: [dsPub2],
          openDesignations: [d('ds', 'list-x', '2024-01-01', dsPub2.id, 'DS 2')] });
        assert.deepEqual((await s.getPublications()).map((p) => p.id), ['list-x/2', 'imp/1']);
        assert.deepEqual((await s.getEntities()).map((e) => e.id), ['ds', 'ds-shared', 'imp:1'], 'an unreferenced old dataset entity goes, one an import refers to stays');
        assert.deepEqual((await s.getDesignations()).map((x) => `${x.entityId}@${x.listId}:${x.addedBy}`), ['ds@list-x:list-x/2', 'imp:1@list-i:imp/1']);
        assert.deepEqual((await s.getEvents()).map((e) => e.id), []);
        assert.deepEqual((await s.getLists()).map((l) => l.id), ['list-x', 'list-y']);
      } finally {
        await drop();
      }
    });

    it('keeps the record across close and reopen, and two openers migrate once', async () => {
      const { store: s, location, dispose: drop } = await freshStore(engine);
      try {
        await s.apply({ sources: fx.sources, entities: fx.entities, publications: fx.publications, meta: { dataset_hash: 'abc' } });
        await s.close();
        // Two stores opening the same place at once: PostgreSQL serialises migrate() with an advisory lock;
        // PGlite allows one process per directory, so it reopens once.
        const reopened = engine.name === 'postgres'
          ? await Promise.all([openStore(location.opts), openStore(location.opts)])
          : [await openStore(location.opts)];
        for (const r of reopened) {
          assert.equal(await r.getMeta('dataset_hash'), 'abc');
          assert.deepEqual(await r.getPublication(fx.publications[0]!.id), fx.publications[0]);
          assert.equal(await r.countEntities(), fx.entities.length);
        }
        await Promise.all(reopened.map((r) => r.close()));
      } finally {
        await drop();
      }
    });

    it('a script that fails inside its own BEGIN…COMMIT leaves no connection in an aborted transaction', async () => {
      await store.sql.exec('CREATE TABLE IF NOT EXISTS script_probe (n int)');
      await assert.rejects(store.sql.exec('BEGIN; INSERT INTO script_probe VALUES (1); SELECT 1/0; INSERT INTO script_probe VALUES (2); COMMIT;'), /division by zero/);
      // More queries than a pool has connections: every one must land on a usable connection.
      const counts = await Promise.all(Array.from({ length: 25 }, () => store.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM script_probe')));
      assert.deepEqual(new Set(counts.map((r) => r[0]!.n)), new Set([0]), 'the failed script wrote nothing');
      await store.sql.exec('DROP TABLE script_probe');
    });
  });
}

describe('store revision across processes (PostgreSQL)', () => {
  it('is the same for two stores on one database and moves for both when either applies, also concurrently', async () => {
    const { store: a, location, dispose: drop } = await freshStore(testEngines.find((e) => e.name === 'postgres')!);
    const b = await openStore(location.opts);
    try {
      const r0 = await a.getRevision();
      assert.equal(await b.getRevision(), r0);
      await b.apply({ sources: fx.sources });
      const r1 = await a.getRevision();
      assert.notEqual(r1, r0, 'a sees the change b made');
      assert.equal(await b.getRevision(), r1);
      // Two writers at once: both changes land, each with its own revision, none lost.
      await Promise.all([a.apply({ meta: { a: '1' } }), b.apply({ meta: { b: '1' } })]);
      const r3 = await b.getRevision();
      assert.equal(await a.getRevision(), r3);
      assert.equal(Number(r3) - Number(r1), 2, 'two applies, two steps (the SQL store counts)');
    } finally {
      await b.close();
      await drop();
    }
  });
});

describe('openStore errors', () => {
  it('names an unreachable PostgreSQL server without its password', async () => {
    await assert.rejects(openStore({ databaseUrl: 'postgres://u:secret@127.0.0.1:1/db' }), (e) =>
      isListwatchError(e, 'STORE') && /cannot reach PostgreSQL at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db/.test((e as Error).message) && !(e as Error).message.includes('secret'));
  });

  it('names a store directory that cannot be created', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'lw-bad-'));
    try {
      writeFileSync(path.join(base, 'file'), 'x');
      const dir = path.join(base, 'file', 'db');
      await assert.rejects(openStore({ dbDir: dir }), (e) => isListwatchError(e, 'STORE') && (e as Error).message.includes(dir));
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('PGlite directory lock', () => {
  it('refuses a second open of a directory in use and takes over a lock left by a dead process', async () => {
    const loc = await pgliteLocation();
    try {
      const s = await openStore(loc.opts);
      await assert.rejects(openStore(loc.opts), (e) => isListwatchError(e, 'STORE') && /in use by process \d+/.test((e as Error).message));
      await s.close();
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      writeFileSync(path.join(loc.opts.dbDir!, 'listwatch.lock'), String(dead));
      const again = await openStore(loc.opts);
      assert.equal(await again.countEntities(), 0);
      await again.close();
    } finally {
      await loc.dispose();
    }
  });
});
