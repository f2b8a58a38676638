import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { JobView } from '../app/jobs/batch.js';
import type { ScreenResult } from '../app/types.js';
import { testEngines } from '../store/testing.js';
import { repoRoot, serverFixture } from './test-support/app.js';

// The labelled development queries: a real batch file (id, query, as_of, …) of 861 rows.
const devCsv = readFileSync(path.resolve(repoRoot, '../shared/eval/dev.csv'), 'utf8');
const devRows = devCsv.trim().split('\n').length - 1;

for (const engine of testEngines) {
  describe(`batch jobs through the API (${engine.name})`, () => {
    test('a server restart mid-job loses nothing: the next server finishes it, every row once, in order', async () => {
      const fx = await serverFixture(engine);
      try {
        // Small chunks and a slow write, so the first server stops with the job part-way.
        const first = await fx.app({ jobs: { chunkSize: 100, worker: { delayBeforeWriteMs: 150 } } });
        const r = await first.inject({ method: 'POST', url: '/api/v1/jobs?as_of=2026-11-01', payload: devCsv, headers: { 'content-type': 'text/csv' } });
        assert.equal(r.statusCode, 202, r.body);
        const id = r.json<JobView>().id;
        while ((await first.jobs.require(id)).done === 0) await new Promise((res) => setTimeout(res, 50));
        await first.close(); // the worker finishes the chunk in hand, then stops

        const stopped = (await fx.store.sql.query<{ state: string; done: number }>('SELECT state, done FROM jobs WHERE id = $1', [id]))[0]!;
        assert.ok(stopped.state === 'running', `left unfinished, got ${stopped.state}`);
        assert.ok(stopped.done < devRows, 'stopped before the end');

        await fx.reopen();
        const second = await fx.app();
        try {
          const job = await second.jobs.waitFor(id);
          assert.equal(job.state, 'done');
          assert.equal(job.total, devRows);
          assert.equal(job.done, devRows);
          const lines = (await second.inject(`/api/v1/jobs/${id}/results?format=jsonl`)).body.trim().split('\n')
            .map((l) => JSON.parse(l) as ScreenResult & { line: number; id: string });
          assert.equal(lines.length, devRows, 'every row once, none twice');
          assert.deepEqual(lines.map((l) => l.line), Array.from({ length: devRows }, (_, i) => i + 2), 'in input order');
          // Rows with their own as_of were screened on that date.
          const dated = devCsv.trim().split('\n').slice(1).map((l) => l.split(',')).find((c) => /^\d{4}-\d{2}-\d{2}$/.test(c[2] ?? ''));
          if (dated) assert.equal(lines.find((l) => l.id === dated[0])?.asOf, dated[2]);
        } finally {
          await second.close();
        }
      } finally {
        await fx.dispose();
      }
    });

    test('cancel, delete, list and purge', async () => {
      const fx = await serverFixture(engine);
      // No worker: the job stays queued until cancelled.
      const app = await fx.app({ jobs: { worker: false } });
      try {
        const post = async (): Promise<JobView> => (await app.inject({ method: 'POST', url: '/api/v1/jobs', payload: 'name\nHuawei\nZTE\n', headers: { 'content-type': 'text/csv' } })).json<JobView>();
        const a = await post();
        const b = await post();
        assert.equal(a.state, 'queued');
        const listed = (await app.inject('/api/v1/jobs')).json<{ jobs: JobView[] }>().jobs.map((j) => j.id);
        assert.deepEqual(listed.filter((x) => x === a.id || x === b.id).sort(), [a.id, b.id].sort());
        const cancelled = await app.inject({ method: 'POST', url: `/api/v1/jobs/${a.id}/cancel` });
        assert.equal(cancelled.statusCode, 200, cancelled.body);
        assert.equal(cancelled.json<JobView>().state, 'cancelled');
        assert.equal((await app.inject({ method: 'POST', url: `/api/v1/jobs/${a.id}/cancel` })).statusCode, 409, 'a finished job cannot be cancelled');
        const [inputs] = await fx.store.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM job_inputs WHERE job_id = $1', [a.id]);
        assert.equal(inputs?.n, 0, 'the upload of a cancelled job is removed');
        assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/jobs/${b.id}` })).statusCode, 204);
        assert.equal((await app.inject(`/api/v1/jobs/${b.id}`)).statusCode, 404);
        assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/jobs/${b.id}` })).statusCode, 404);
        // Retention: a job finished long ago goes; a recent one stays.
        assert.equal((await app.inject({ method: 'POST', url: '/api/v1/jobs/purge?older_than_days=1' })).json<{ deleted: number }>().deleted, 0);
        await fx.store.sql.query(`UPDATE jobs SET finished_at = now() - interval '40 days' WHERE id = $1`, [a.id]);
        assert.equal((await app.inject({ method: 'POST', url: '/api/v1/jobs/purge?older_than_days=30' })).json<{ deleted: number }>().deleted, 1);
        assert.equal((await app.inject(`/api/v1/jobs/${a.id}`)).statusCode, 404);
      } finally {
        await app.close();
        await fx.dispose();
      }
    });
  });
}
