import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ScreenResult } from '../app/types.js';
import type { JobRecord } from '../store/store.js';
import { testEngines } from '../store/testing.js';
import { repoRoot, serverFixture } from './test-support/app.js';

// The labelled development queries: a real batch file (id, query, as_of, …) of 861 rows.
const devCsv = readFileSync(path.resolve(repoRoot, '../shared/eval/dev.csv'), 'utf8');
const devRows = devCsv.trim().split('\n').length - 1;

for (const engine of testEngines) {
  describe(`batch job survives a server restart (${engine.name})`, () => {
    test('closing the app mid-job and starting a new one on the same store finishes it once', async () => {
      const fx = await serverFixture(engine);
      try {
        const first = await fx.app();
        const r = await first.inject({ method: 'POST', url: '/api/v1/jobs?as_of=2026-11-01', payload: devCsv, headers: { 'content-type': 'text/csv' } });
        assert.equal(r.statusCode, 202, r.body);
        const id = r.json<JobRecord>().id;
        await first.close(); // the runner stops after its current chunk

        const stopped = (await fx.store.getJob(id))!;
        assert.ok(stopped.status === 'queued' || stopped.status === 'running', `left unfinished, got ${stopped.status}`);
        assert.ok(stopped.processed < devRows, 'stopped before the end');

        await fx.reopen();
        const second = await fx.app();
        try {
          await second.jobs.settled();
          const job = (await second.inject(`/api/v1/jobs/${id}`)).json<JobRecord>();
          assert.equal(job.status, 'done');
          assert.equal(job.total, devRows);
          assert.equal(job.processed, devRows);
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
  });
}
