import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readAudit, verifyAudit } from '../audit/audit.js';
import type { Store } from '../../store/store.js';
import { useSeededStore } from '../test-support.js';
import { JOB_FINISH_ACTION } from './job-audit.js';
import { Jobs } from './jobs.js';

/** A batch job whose stored input is lost fails, and the run that failed it records the finish audit. */
describe('batch chunk: a job failed by its worker is audited at finish', () => {
  let store: Store;
  useSeededStore((s) => {
    store = s;
  });

  test('a chunk whose stored input is gone fails the job, with its finish entry written by that run (not on a later read)', async () => {
    const submitter = await Jobs.open(store, { worker: false });
    const job = await submitter.submit([{ line: 2, id: 'a', name: 'Huawei Technologies' }, { line: 3, id: 'b', name: 'Acme Bakery' }], { asOf: '2026-11-01' });
    await submitter.close();
    await store.sql.query('DELETE FROM job_inputs WHERE job_id = $1', [job.id]);
    const jobs = await Jobs.open(store, { worker: { concurrency: 1 } });
    try {
      const done = await jobs.waitFor(job.id, { pollMs: 100 });
      assert.equal(done.state, 'failed');
      assert.match(done.failure ?? '', /stored input of chunk 0 is missing/);
      // Read the trail directly (a job read would audit lazily and hide a missing entry).
      const finish = [];
      for await (const e of readAudit(store)) if (e.action === JOB_FINISH_ACTION && (e.details as { jobId?: string }).jobId === job.id) finish.push(e);
      assert.equal(finish.length, 1);
      assert.equal((finish[0]!.details as { state?: string }).state, 'failed');
      assert.equal((await verifyAudit(store)).ok, true);
    } finally {
      await jobs.close();
    }
  });
});
