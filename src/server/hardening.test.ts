import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { JobView as JobRecord } from '../app/jobs/batch.js';
import { pgliteLocation } from '../store/testing.js';
import { serverFixture } from './test-support/app.js';
import type { ServerFixture } from './test-support/app.js';

/** Server edges probed as a hostile client would (issue #10). */
describe('HTTP edges (issue #10)', () => {
  let fx: ServerFixture;
  let app: FastifyInstance;
  before(async () => {
    fx = await serverFixture({ name: 'pglite', location: pgliteLocation });
    app = await fx.app();
  });
  after(async () => {
    await app?.close();
    await fx?.dispose();
  });

  test('a UTF-16 upload (text/csv and multipart) is read as text, not as NUL-riddled names', async () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name\n1,"Huawei Technologies Co., Ltd."\n', 'utf16le')]);
    const r = await app.inject({ method: 'POST', url: '/api/v1/jobs', payload: body, headers: { 'content-type': 'text/csv' } });
    assert.equal(r.statusCode, 202, r.body);
    assert.equal(r.json<JobRecord>().total, 1);
    const b = '----lwtest16';
    const multi = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="u.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.from([0xfe, 0xff]), Buffer.from(Buffer.from('name\nZTE Corporation\n', 'utf16le')).swap16(),
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const m = await app.inject({ method: 'POST', url: '/api/v1/jobs', payload: multi, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
    assert.equal(m.statusCode, 202, m.body);
    await app.jobs.settled();
    for (const id of [r.json<JobRecord>().id, m.json<JobRecord>().id]) {
      const lines = (await app.inject(`/api/v1/jobs/${id}/results?format=jsonl`)).body.trim().split('\n').map((l) => JSON.parse(l) as { query: string });
      assert.ok(lines.every((l) => !l.query.includes('\u0000')), JSON.stringify(lines));
      assert.ok(lines.some((l) => /^(Huawei Technologies Co\., Ltd\.|ZTE Corporation)$/.test(l.query)), JSON.stringify(lines));
    }
  });

  test('a multipart body without its closing boundary is 400, not 500', async () => {
    const b = '----lwcut';
    const payload = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\nname\nHuawei\n`;
    const r = await app.inject({ method: 'POST', url: '/api/v1/jobs', payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
    assert.equal(r.statusCode, 400, r.body);
    assert.equal(r.json<{ error: { code: string } }>().error.code, 'BAD_INPUT');
  });

  test('/publications/%25 and %00 are 4xx naming the problem', async () => {
    for (const url of ['/api/v1/publications/%25', '/api/v1/publications/%00', '/api/v1/publications/us-dod-1260h%2F%E0%A4']) {
      const r = await app.inject(url);
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${url}: ${r.statusCode} ${r.body}`);
      assert.match(r.json<{ error: { message: string } }>().error.message, /percent-encoded|control character|not a valid url component/);
    }
  });

  test('dates: 0001-01-01 accepted like any calendar date; 2024-02-30 refused in a diff; threshold=0x1 refused', async () => {
    const early = await app.inject('/api/v1/screen?q=Huawei&as_of=0001-01-01');
    assert.equal(early.statusCode, 200, early.body);
    assert.equal(early.json<{ asOf: string }>().asOf, '0001-01-01');
    const diff = await app.inject('/api/v1/lists/us-dod-1260h/diff?from=2024-02-30&to=2025-01-07');
    assert.equal(diff.statusCode, 400, diff.body);
    assert.match(diff.body, /2024-02-30/);
    for (const t of ['0x1', '0b1', '0o1']) {
      const r = await app.inject(`/api/v1/screen?q=Huawei&threshold=${t}`);
      assert.equal(r.statusCode, 400, `${t}: ${r.body}`);
      assert.equal(r.json<{ error: { field: string } }>().error.field, 'threshold');
    }
    assert.equal((await app.inject('/api/v1/screen?q=Huawei&threshold=0.9')).statusCode, 200);
  });

  test('a cross-origin POST (a text/plain form from another site) is refused; same-origin and Origin-less are not', async () => {
    const csv = 'name\nHuawei\n';
    const cross = await app.inject({ method: 'POST', url: '/api/v1/jobs', payload: csv, headers: { 'content-type': 'text/plain', origin: 'https://evil.example', host: 'localhost:8080' } });
    assert.equal(cross.statusCode, 403, cross.body);
    assert.equal(cross.json<{ error: { code: string } }>().error.code, 'FORBIDDEN');
    const fetchMeta = await app.inject({ method: 'POST', url: '/api/v1/jobs', payload: csv, headers: { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' } });
    assert.equal(fetchMeta.statusCode, 403);
    const same = await app.inject({ method: 'POST', url: '/api/v1/jobs', payload: csv, headers: { 'content-type': 'text/plain', origin: 'http://localhost:8080', host: 'localhost:8080' } });
    assert.equal(same.statusCode, 202, same.body);
    const cli = await app.inject({ method: 'POST', url: '/api/v1/jobs', payload: csv, headers: { 'content-type': 'text/csv' } });
    assert.equal(cli.statusCode, 202, cli.body);
    await app.jobs.settled();
  });

  test('a configured origin may POST', async () => {
    const other = await fx.app({ jobs: { worker: false }, corsOrigins: ['https://app.example.test'] });
    try {
      const r = await other.inject({ method: 'POST', url: '/api/v1/jobs', payload: 'name\nZTE\n', headers: { 'content-type': 'text/csv', origin: 'https://app.example.test', host: 'localhost' } });
      assert.equal(r.statusCode, 202, r.body);
      await other.jobs.settled();
    } finally {
      await other.close();
    }
  });
});
