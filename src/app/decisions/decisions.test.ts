import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../store/testing.js';
import type { TestLocation } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
import { openSeeded } from '../test-support.js';
import { latestAudit, verifyAudit } from '../audit/audit.js';
import type { HitDecision } from './decisions.js';
import { createDecisionReader, latestDecisions, listDecisions, queryKey, recordDecision, suppressedFalsePositive, withDecisions } from './decisions.js';

const T1 = '2026-11-21T09:00:00.000Z';
const T2 = '2026-11-21T10:00:00.000Z';

for (const engine of testEngines) {
  describe(`case decisions (${engine.name})`, () => {
    let loc: TestLocation;
    let store: Store;
    let entityId = '';
    let listId = '';
    before(async () => {
      loc = await engine.location();
      store = await openSeeded(loc);
      const open = (await store.getDesignations()).find((d) => d.to === null);
      assert.ok(open);
      entityId = open.entityId;
      listId = open.listId;
    });
    after(async () => {
      await store?.close();
      await loc?.dispose();
    });

    test('the same name, however written, shares decisions', () => {
      assert.equal(queryKey('Tencent Holdings, Ltd.'), queryKey('  tencent  HOLDINGS ltd '));
      assert.notEqual(queryKey('Tencent'), queryKey('Tencent Music'));
    });

    test('a decision is recorded, audited, and shown beside the hit of the next screen of that name', async () => {
      await assert.rejects(recordDecision(store, { query: 'X', entityId, verdict: 'maybe', note: 'n', actor: 'local:t', now: T1 }), /verdict/);
      await assert.rejects(recordDecision(store, { query: 'X', entityId, verdict: 'false-positive', note: ' ', actor: 'local:t', now: T1 }), /note/);
      await assert.rejects(recordDecision(store, { query: 'X', entityId: 'no-such-entity', verdict: 'false-positive', note: 'n', actor: 'local:t', now: T1 }), /not found/);
      const d = await recordDecision(store, { query: 'Acme Trading Co.', entityId, verdict: 'false-positive', note: 'different address and registry number', actor: 'user:alice', now: T1 });
      const [audit] = await latestAudit(store, 1);
      assert.deepEqual([audit?.action, audit?.seq, (audit?.details as { verdict: string }).verdict], ['decision', d.auditSeq, 'false-positive']);
      const hits: { entityId: string; decision?: HitDecision }[] = [{ entityId }, { entityId: 'other' }];
      const shown = await withDecisions(store, { query: 'acme trading co', hits });
      assert.deepEqual([shown.hits[0]!.decision?.actor, shown.hits[0]!.decision?.note, shown.hits[0]!.decision?.listingChanged], ['user:alice', 'different address and registry number', false]);
      assert.equal((shown.hits[1] as { decision?: unknown }).decision, undefined);
      const other = await withDecisions(store, { query: 'Acme', hits: [{ entityId }] });
      assert.equal((other.hits[0] as { decision?: unknown }).decision, undefined, 'another name has no decision');
      assert.equal((await listDecisions(store, { query: 'ACME trading co' })).length, 1);
    });

    test('a later decision supersedes; a false positive silences a watchlist only while the listing is unchanged', async () => {
      assert.ok(await suppressedFalsePositive(store, 'Acme Trading Co.', entityId));
      await recordDecision(store, { query: 'Acme Trading Co.', entityId, verdict: 'true-match', note: 'new evidence: same USCC', actor: 'user:bob', now: T2 });
      assert.equal(await suppressedFalsePositive(store, 'Acme Trading Co.', entityId), null, 'the latest is a true match');
      assert.equal((await latestDecisions(store, 'Acme Trading Co.', [entityId])).get(entityId)?.actor, 'user:bob');
      await recordDecision(store, { query: 'Acme Trading Co.', entityId, verdict: 'false-positive', note: 'bob was wrong', actor: 'user:alice', now: '2026-11-21T11:00:00.000Z' });
      assert.ok(await suppressedFalsePositive(store, 'Acme Trading Co.', entityId));
      // The listing changes: the designation ends (a removal notice of that list).
      const pub = (await store.getPublications(listId)).at(-1)!;
      await store.apply({ closeDesignations: [{ entityId, listId, to: '2026-11-30', endedBy: pub.id }] });
      assert.equal(await suppressedFalsePositive(store, 'Acme Trading Co.', entityId), null, 'listing changed: alert again');
      assert.equal((await latestDecisions(store, 'Acme Trading Co.', [entityId])).get(entityId)?.listingChanged, true);
      assert.equal((await verifyAudit(store)).ok, true);
    });

    test("the server's reader answers concurrent lookups (read together) exactly as one lookup each does", async () => {
      const reader = createDecisionReader(store);
      const others = (await store.getDesignations()).map((d) => d.entityId).filter((id) => id !== entityId).slice(0, 3);
      await recordDecision(store, { query: 'Beta Optics Ltd', entityId: others[0]!, verdict: 'true-match', note: 'same registry number', actor: 'user:carol', now: T2 });
      const asks: [string, string[]][] = [
        ['Acme Trading Co.', [entityId, ...others]], ['acme trading co', [entityId]], ['Beta Optics, Ltd.', others], ['Beta Optics Ltd', [entityId]],
        ['Nobody Decided This', [entityId, ...others]], ['Acme Trading Co.', []],
      ];
      const together = await Promise.all(asks.map(([q, ids]) => reader.latest(q, ids)));
      for (const [i, [q, ids]] of asks.entries()) assert.deepEqual(together[i], await latestDecisions(store, q, ids), `${q} × ${ids.length} entities`);
      assert.equal(together[0]!.get(entityId)?.actor, 'user:alice');
      assert.equal(together[2]!.get(others[0]!)?.actor, 'user:carol');
      assert.equal(together[4]!.size, 0);
      const shown = await reader.with({ query: 'beta optics ltd', hits: [{ entityId: others[0]! }, { entityId }] });
      assert.deepEqual(shown.hits.map((h) => (h as { decision?: HitDecision }).decision?.verdict), ['true-match', undefined]);
    });
  });
}
