import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines, useFreshStore } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
import { exportAudit } from './export.js';
import { GENESIS_HASH, listVersions, readAudit, recordAudit, recordScreening, verifyAudit } from './audit.js';
import { canonicalJson, digestOf } from './canonical.js';

async function collect(it: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const c of it) s += c;
  return s;
}

for (const engine of testEngines) {
  describe(`audit trail (${engine.name})`, () => {
    let store: Store;
    useFreshStore((s) => {
      store = s;
    }, engine);

    test('an empty trail verifies', async () => {
      const r = await verifyAudit(store);
      assert.deepEqual(r, { ok: true, entries: 0, head: { seq: 0, hash: GENESIS_HASH } });
    });

    test('entries are numbered, chained and read back as written', async () => {
      const a = await recordAudit(store, { actor: 'local:test', action: 'import', subject: 'sdn.csv', details: { fileHash: 'abc', rows: 3 }, at: '2026-11-20T10:00:00.000Z' });
      const b = await recordScreening(store, { actor: 'key:k1', query: 'Tencent', options: { asOf: '2026-11-21', threshold: 0.8 }, answer: { hits: [{ entityId: 'tencent-holdings', score: 0.97 }] }, at: '2026-11-21T09:00:00.000Z' });
      assert.equal(a.seq, 1);
      assert.equal(a.prevHash, GENESIS_HASH);
      assert.equal(b.seq, 2);
      assert.equal(b.prevHash, a.hash);
      assert.equal(b.answerDigest, digestOf({ hits: [{ entityId: 'tencent-holdings', score: 0.97 }] }));
      assert.equal(b.revision, await store.getRevision());
      const read = [];
      for await (const e of readAudit(store)) read.push(e);
      assert.deepEqual(read, [a, b]);
      const since = [];
      for await (const e of readAudit(store, { since: '2026-11-21' })) since.push(e.seq);
      assert.deepEqual(since, [2]);
      assert.equal((await verifyAudit(store)).ok, true);
    });

    test('concurrent appends get consecutive numbers and keep the chain', async () => {
      await Promise.all(Array.from({ length: 12 }, (_, i) => recordAudit(store, { actor: 'local:test', action: 'decision', subject: `e${i}` })));
      const r = await verifyAudit(store);
      assert.equal(r.ok, true, r.problem?.message);
      assert.equal(r.entries, 14);
    });

    test('UPDATE and DELETE are refused by the database', async () => {
      await assert.rejects(store.sql.query("UPDATE audit_log SET actor = 'x' WHERE seq = 1"), /append-only/);
      await assert.rejects(store.sql.query('DELETE FROM audit_log WHERE seq = 1'), /append-only/);
    });

    test('export gives every entry as JSONL and as CSV', async () => {
      const jsonl = (await collect(exportAudit(store, 'jsonl'))).trim().split('\n').map((l) => JSON.parse(l) as { seq: number; hash: string; subject?: string });
      assert.equal(jsonl.length, 14);
      assert.equal(jsonl[0]!.subject, 'sdn.csv');
      const csv = (await collect(exportAudit(store, 'csv', { since: '2026-11-21' }))).trim().split('\r\n');
      assert.match(csv[0]!, /^seq,at,actor,action,subject,/);
      assert.ok(csv.length >= 2 && csv[1]!.startsWith('2,2026-11-21T09:00:00.000Z,key:k1,screen,Tencent,'));
    });

    test('an entry altered or removed directly in the database is named by verify', async () => {
      // What someone with database rights could do: switch the guard off and rewrite a row.
      await store.sql.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
      const [row] = await store.sql.query<{ body: string }>('SELECT body FROM audit_log WHERE seq = 2');
      const forged = row!.body.replace('Tencent', 'Someone else');
      await store.sql.query('UPDATE audit_log SET body = $1 WHERE seq = 2', [forged]);
      let r = await verifyAudit(store);
      assert.equal(r.ok, false);
      assert.deepEqual([r.problem?.seq, r.problem?.kind], [2, 'altered']);
      assert.equal(r.entries, 1);
      // Restore, then remove an entry in the middle.
      await store.sql.query('UPDATE audit_log SET body = $1 WHERE seq = 2', [row!.body]);
      assert.equal((await verifyAudit(store)).ok, true);
      const [five] = await store.sql.query<Record<string, unknown>>('SELECT * FROM audit_log WHERE seq = 5');
      await store.sql.query('DELETE FROM audit_log WHERE seq = 5');
      r = await verifyAudit(store);
      assert.deepEqual([r.ok, r.problem?.seq, r.problem?.kind], [false, 5, 'removed']);
      assert.match(r.problem!.message, /entry 5 was removed/);
      await store.sql.query('INSERT INTO audit_log (seq, at, actor, action, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)', [five!['seq'], five!['at'], five!['actor'], five!['action'], five!['body'], five!['prev_hash'], five!['hash']]);
      // Removing the newest entry is caught by the head row.
      await store.sql.query('DELETE FROM audit_log WHERE seq = 14');
      r = await verifyAudit(store);
      assert.deepEqual([r.ok, r.problem?.seq, r.problem?.kind], [false, 14, 'removed']);
      await store.sql.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
    });
  });
}

describe('canonical JSON and list versions', () => {
  test('key order does not change the text or the digest', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } }), '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    assert.equal(digestOf({ a: 1, b: 2 }), digestOf({ b: 2, a: 1 }));
    assert.notEqual(digestOf({ a: 1 }), digestOf({ a: 2 }));
  });

  test('each list’s version is its latest effective publication on the date', async () => {
    const { pgliteLocation } = await import('../../store/testing.js');
    const { openSeeded } = await import('../test-support.js');
    const loc = await pgliteLocation();
    const store = await openSeeded(loc);
    try {
      const pubs = await store.getPublications('us-dod-1260h');
      const v = await listVersions(store, '2026-11-21');
      const expected = pubs.filter((p) => p.date <= '2026-11-21' && p.kind !== 'withdrawn').at(-1);
      assert.ok(expected);
      assert.equal(v['us-dod-1260h'], expected.id);
      const early = await listVersions(store, '2000-01-01');
      assert.equal(early['us-dod-1260h'], undefined);
    } finally {
      await store.close();
      await loc.dispose();
    }
  });
});
