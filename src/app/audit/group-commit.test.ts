import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines, useFreshStore } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
import { readAudit, recordAudit, verifyAudit, type AuditEntry } from './audit.js';
import { createAuditAppender } from './group-commit.js';

for (const engine of testEngines) {
  describe(`audit group commit (${engine.name})`, () => {
    let store: Store;
    useFreshStore((s) => {
      store = s;
    }, engine);

    test('concurrent entries share commits, each caller gets its own entry, and the chain verifies beside single appends', async () => {
      const appender = createAuditAppender(store);
      const first = await appender.record({ actor: 'local:test', action: 'screen', subject: 'first', at: '2026-11-21T09:00:00.000Z' });
      assert.equal(first.seq, 1);
      // 60 at once (they queue behind the commit that starts first) with plain appends in between.
      const many = Array.from({ length: 60 }, (_, i) => appender.record({ actor: 'key:k1', action: 'screen', subject: `name ${i}`, options: { asOf: '2026-11-21' }, details: { i } }));
      const single = recordAudit(store, { actor: 'local:test', action: 'decision', subject: 'single' });
      const got: AuditEntry[] = await Promise.all(many);
      await single;
      got.forEach((e, i) => {
        assert.equal(e.subject, `name ${i}`);
        assert.deepEqual(e.details, { i });
      });
      // Recorded order is chain order.
      for (let i = 1; i < got.length; i++) assert.ok(got[i]!.seq > got[i - 1]!.seq);
      const r = await verifyAudit(store);
      assert.equal(r.ok, true, r.problem?.message);
      assert.equal(r.entries, 62);
      // What each caller got is what was stored.
      const stored = new Map<number, AuditEntry>();
      for await (const e of readAudit(store)) stored.set(e.seq, e);
      for (const e of [first, ...got]) assert.deepEqual(stored.get(e.seq), e);
    });

    test('an entry without actor is refused and does not block the others', async () => {
      const appender = createAuditAppender(store);
      await assert.rejects(appender.record({ actor: '', action: 'screen' }), /actor/);
      const ok = await appender.record({ actor: 'local:test', action: 'screen', subject: 'after' });
      assert.equal(ok.subject, 'after');
      assert.equal((await verifyAudit(store)).ok, true);
    });
  });
}
