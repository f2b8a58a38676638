// Batch jobs' audit outputs through a real HTTP server with keys on: the job audited at finish
// (outcomes, answer digest = sha256 of the JSONL download), coverage on GET /jobs/{id} and in the
// first JSONL record, the CSV audit columns with a BOM, and the summary report (PDF text, HTML).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { createKey } from '../app/accounts/accounts.js';
import { readAudit, verifyAudit } from '../app/audit/audit.js';
import { DEFAULT_CJK_FONT } from '../app/report/pdf.js';
import { AUDIT_CSV_COLUMNS } from '../app/screen/batch-audit-columns.js';
import { testEngines } from '../store/testing.js';
import { pdfText } from '../test-support/pdf-text.js';
import { serverFixture } from './test-support/app.js';

const CSV = 'id,name\na1,Huawei Technologies\na2,"=HYPERLINK(""x"")"\na3,Acme Bakery Inc\na4,\na5,Xiaomi Corporation\n';

type Job = { id: string; state: string; coverage?: { asOf: string; role?: string; lists: { listId: string; latestPublication?: { citation?: string } | null }[]; warnings: { listId: string }[] }; outcomes?: Record<string, number>; audit?: { seq: number; hash: string; answerDigest: string } };

for (const engine of testEngines) {
  describe(`batch job audit outputs over HTTP (${engine.name})`, () => {
    test('finish audit, coverage, CSV audit columns with BOM, summary report; keys enforced', async () => {
      const fx = await serverFixture(engine);
      const analyst = (await createKey(fx.store, { role: 'analyst', by: 'local:test', now: '2026-11-21T08:00:00.000Z' })).key;
      const viewer = (await createKey(fx.store, { role: 'viewer', by: 'local:test', now: '2026-11-21T08:00:00.000Z' })).key;
      const app = await fx.app({ accounts: {} });
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const call = (path: string, key: string | null, init: RequestInit = {}): Promise<Response> =>
        fetch(`${base}/api/v1${path}`, { ...init, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(init.headers as Record<string, string> | undefined) } });
      try {
        const post = await call('/jobs?as_of=2026-11-01&role=exporter', analyst, { method: 'POST', body: CSV, headers: { 'content-type': 'text/csv' } });
        assert.equal(post.status, 202, await post.clone().text());
        const { id } = (await post.json()) as Job;
        await app.jobs.waitFor(id);

        // No key: 401 on every download.
        for (const p of [`/jobs/${id}`, `/jobs/${id}/results?format=csv`, `/jobs/${id}/report?format=pdf`]) assert.equal((await call(p, null)).status, 401, p);

        const job = (await (await call(`/jobs/${id}`, viewer)).json()) as Job;
        assert.equal(job.state, 'done');
        assert.equal(job.coverage?.asOf, '2026-11-01');
        assert.equal(job.coverage?.role, 'exporter');
        assert.ok(job.coverage?.lists.some((l) => l.listId === 'us-bis-entity-list'));
        // The bundled Entity List's latest publication is more than 365 days before 2026-11-01: the exporter is warned.
        assert.deepEqual(job.coverage?.warnings.map((w) => w.listId), ['us-bis-entity-list']);
        assert.ok(job.audit && job.audit.seq > 0);

        // Exactly one finish entry, after the submission's; the chain verifies.
        const entries = [];
        for await (const e of readAudit(fx.store)) entries.push(e);
        const finish = entries.filter((e) => e.action === 'screen.batch.finish' && (e.details as { jobId?: string }).jobId === id);
        assert.equal(finish.length, 1);
        assert.equal(finish[0]!.seq, job.audit!.seq);
        assert.equal(finish[0]!.actor, entries.find((e) => e.action === 'screen.batch')!.actor);
        assert.ok(finish[0]!.listVersions?.['us-bis-entity-list']);
        assert.equal((await verifyAudit(fx.store)).ok, true);

        // JSONL: every input row once, in order; the first record carries the coverage; its sha256 is the audited digest.
        const jsonl = await (await call(`/jobs/${id}/results?format=jsonl`, viewer)).text();
        const recs = jsonl.trim().split('\n').map((l) => JSON.parse(l) as { line: number; id: string; coverage?: unknown; error?: string; hits?: { active: boolean; unknown?: boolean }[] });
        // Counts by outcome agree with the records, one by one (Huawei is listed; Xiaomi's 1237 listing was vacated in 2021).
        const outcome = (r: (typeof recs)[number]): string => r.error !== undefined ? 'error' : !r.hits!.length ? 'no-hit' : r.hits!.some((h) => h.active) ? 'hit-active' : r.hits!.some((h) => h.unknown) ? 'hit-unknown' : 'hit-inactive';
        assert.equal(outcome(recs.find((r) => r.id === 'a1')!), 'hit-active');
        assert.equal(outcome(recs.find((r) => r.id === 'a4')!), 'error');
        assert.equal(outcome(recs.find((r) => r.id === 'a3')!), 'no-hit');
        const expected: Record<string, number> = { 'hit-active': 0, 'hit-unknown': 0, 'hit-inactive': 0, 'no-hit': 0, error: 0 };
        for (const r of recs) expected[outcome(r)]!++;
        assert.deepEqual(job.outcomes, expected);
        assert.deepEqual(recs.map((r) => r.line), [2, 3, 4, 5, 6]);
        assert.deepEqual(recs[0]!.coverage, job.coverage);
        assert.ok(recs.slice(1).every((r) => r.coverage === undefined));
        assert.equal(`sha256:${createHash('sha256').update(jsonl).digest('hex')}`, job.audit!.answerDigest);

        // CSV: BOM on request, the old columns first, the audit columns after; formula cells escaped.
        const csvRes = await call(`/jobs/${id}/results?format=csv&bom=1`, viewer);
        const bytes = Buffer.from(await csvRes.arrayBuffer());
        assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
        const noBom = Buffer.from(await (await call(`/jobs/${id}/results?format=csv`, viewer)).arrayBuffer());
        assert.notEqual(noBom[0], 0xef);
        const rows = parse(bytes.toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
        const header = Object.keys(rows[0]!);
        assert.deepEqual(header.slice(0, 13), ['line', 'id', 'query', 'as_of', 'rank', 'entity_id', 'name', 'matched_name', 'score', 'active', 'lists', 'explanation', 'error']);
        assert.deepEqual(header.slice(13), [...AUDIT_CSV_COLUMNS]);
        const huawei = rows.find((r) => r.id === 'a1' && r.entity_id === 'huawei-technologies')!;
        assert.ok(huawei, 'Huawei Technologies is a hit');
        const lists = huawei.list!.split('; ');
        const starts = huawei.designation_start!.split('; ');
        const cites = huawei.fr_citation!.split('; ');
        assert.equal(starts.length, lists.length);
        assert.equal(cites.length, lists.length);
        const el = lists.indexOf('us-bis-entity-list');
        assert.ok(el >= 0, huawei.list);
        assert.equal(starts[el], '2019-05-21');
        assert.equal(cites[el], '84 FR 22963');
        assert.equal(huawei.threshold, '0.8');
        assert.match(huawei.screened_at!, /^\d{4}-\d\d-\d\dT/);
        assert.ok(huawei.revision);
        assert.match(huawei.coverage_warnings!, /Entity List/);
        assert.deepEqual(JSON.parse(rows[0]!.coverage!), job.coverage);
        assert.ok(rows.slice(1).every((r) => r.coverage === ''));
        assert.equal(rows.find((r) => r.id === 'a2')!.query, "'=HYPERLINK(\"x\")");
        assert.equal(rows.find((r) => r.id === 'a4')!.error, 'empty name');

        // The summary report: HTML and PDF, for a viewer. It names each list's version (the Entity List's latest citation).
        const bisCitation = job.coverage!.lists.find((l) => l.listId === 'us-bis-entity-list')!.latestPublication!.citation!;
        assert.match(bisCitation, / FR /);
        const html = await (await call(`/jobs/${id}/report?format=html`, viewer)).text();
        for (const s of ['Batch screening summary', `Job</dt><dd>${id} (done)`, `hit-active</th><td class="num">${job.outcomes!['hit-active']}`, `sha256:${createHash('sha256').update(CSV).digest('hex')}`, `#${job.audit!.seq} (screen.batch.finish), hash ${job.audit!.hash}`, 'Role</dt><dd>exporter', bisCitation, 'Coverage warnings']) {
          assert.ok(html.includes(s), `HTML report lacks ${s}`);
        }
        if (existsSync(DEFAULT_CJK_FONT)) {
          const pdf = await call(`/jobs/${id}/report`, viewer);
          assert.equal(pdf.headers.get('content-type'), 'application/pdf');
          const text = pdfText(Buffer.from(await pdf.arrayBuffer())).replace(/\s+/g, ' ');
          for (const s of ['Batch screening summary', `hit-active: ${job.outcomes!['hit-active']}`, `no-hit: ${job.outcomes!['no-hit']}`, 'error: 1', 'Rows: 5', `Answer digest: ${job.audit!.answerDigest}`, 'Threshold: 0.8', 'As of: 2026-11-01']) assert.ok(text.includes(s), `PDF lacks ${s}`);
        }
      } finally {
        await app.close();
        await fx.dispose();
      }
    });

    test('a queued job has live coverage and no report yet (409); cancelling audits it', async () => {
      const fx = await serverFixture(engine);
      const app = await fx.app({ jobs: { worker: false } });
      try {
        const r = await app.inject({ method: 'POST', url: '/api/v1/jobs?role=importer', payload: 'name\nHoshine Silicon Industry\n', headers: { 'content-type': 'text/csv' } });
        const id = r.json<Job>().id;
        const queued = (await app.inject(`/api/v1/jobs/${id}`)).json<Job>();
        assert.equal(queued.state, 'queued');
        assert.equal(queued.coverage?.role, 'importer');
        assert.equal(queued.audit, undefined);
        assert.equal((await app.inject(`/api/v1/jobs/${id}/report`)).statusCode, 409);
        assert.equal((await app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/cancel` })).statusCode, 200);
        const cancelled = (await app.inject(`/api/v1/jobs/${id}`)).json<Job>();
        assert.equal(cancelled.state, 'cancelled');
        assert.deepEqual(cancelled.outcomes, { 'hit-active': 0, 'hit-unknown': 0, 'hit-inactive': 0, 'no-hit': 0, error: 0 });
        const html = (await app.inject(`/api/v1/jobs/${id}/report?format=html`)).body;
        assert.ok(html.includes(`Job</dt><dd>${id} (cancelled)`));
      } finally {
        await app.close();
        await fx.dispose();
      }
    });
  });
}
