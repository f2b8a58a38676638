import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../store/open.js';
import type { Store } from '../../store/store.js';
import { postgresLocation, type TestLocation } from '../../store/testing.js';
import { JobQueue } from './queue.js';

/**
 * Two processes' queue connections on one PostgreSQL database, as when two workers start at the
 * same moment: creating the same new queues at once must succeed for both (pg-boss's
 * create_queue deadlocks two concurrent creators; one is retried).
 */
describe('job queue: concurrent creation (PostgreSQL)', () => {
  let location: TestLocation;
  const stores: Store[] = [];
  const queues: JobQueue[] = [];

  before(async () => {
    location = await postgresLocation();
    for (let i = 0; i < 2; i++) stores.push(await openStore(location.opts));
    for (const s of stores) queues.push(await JobQueue.open(s.sql, { supervise: true, maintenanceIntervalSeconds: 1 }));
  });

  after(async () => {
    for (const q of queues) await q.close();
    for (const s of stores) await s.close();
    await location?.dispose();
  });

  test('two connections creating the same 15 queues (with dead-letter queues) at once both succeed', async () => {
    const failures: string[] = [];
    for (let i = 0; i < 15; i++) {
      const o = { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: true, expireInSeconds: 4, deadLetter: `probe-dead-${i}` };
      const r = await Promise.allSettled(queues.map((q) => q.ensure(`probe-${i}`, o)));
      for (const x of r) if (x.status === 'rejected') failures.push(`probe-${i}: ${String(x.reason)}`);
    }
    assert.deepEqual(failures, []);
    const rows = await stores[0]!.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.queue WHERE name LIKE 'probe-%'`);
    assert.equal(rows[0]!.n, 30, 'each queue and its dead-letter queue exist once');
    // Both can queue and fetch on every one of them.
    await queues[0]!.send('probe-14', { k: 1 });
    const [got] = await queues[1]!.fetch<{ k: number }>('probe-14');
    assert.equal(got?.data.k, 1);
  });
});
