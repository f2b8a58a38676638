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
});
