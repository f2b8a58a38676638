import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Dossier, ListSummary, PublicationDiff, ScreenResult } from '../app/types.js';
import type { Entity, Publication } from '../core/model.js';
import type { JobView } from '../app/jobs/batch.js';
import { pgliteLocation } from '../store/testing.js';
import { serverFixture, TODAY } from './test-support/app.js';
import type { ServerFixture } from './test-support/app.js';

const DOD = 'us-dod-1260h';

/** A multipart body with one file field, built by hand so the test sends exactly these bytes. */
function multipart(name: string, content: string): { payload: string; headers: Record<string, string> } {
  const b = '----lwtest' + Math.random().toString(16).slice(2);
  const payload = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${b}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

/** A CSV field, quoted (names carry commas: "Co., Ltd."). */
const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

describe('HTTP API (in process, PGlite)', () => {
  let fx: ServerFixture;
  let app: FastifyInstance;
  let listed: Entity; // an entity on the DoD list today, read from the store

  before(async () => {
    fx = await serverFixture({ name: 'pglite', location: pgliteLocation });
    app = await fx.app();
    const des = (await fx.store.getDesignations({ listId: DOD })).filter((d) => d.to === null);
    assert.ok(des.length > 0, 'the bundled dataset has DoD designations in force');
    listed = (await fx.store.getEntity(des[0]!.entityId))!;
  });
  after(async () => {
    await app?.close();
    await fx?.dispose();
  });

  test('health reports the engine, the entity count and the dataset hash', async () => {
    const r = await app.inject('/api/v1/health');
    assert.equal(r.statusCode, 200);
    const h = r.json<{ engine: string; entities: number; datasetHash: string | null }>();
    assert.equal(h.engine, 'pglite');
    assert.equal(h.entities, await fx.store.countEntities());
    assert.ok(h.entities > 0);
  });

  test('large read answers are gzipped for clients that accept it, the same JSON as plain; small ones and q=0 are not', async () => {
    const plain = await app.inject('/api/v1/lists');
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers['vary'], 'Accept-Encoding');
    const gz = await app.inject({ url: '/api/v1/lists', headers: { 'accept-encoding': 'br, gzip;q=0.8' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(gz.rawPayload.length < plain.rawPayload.length / 3, `${gz.rawPayload.length} of ${plain.rawPayload.length} bytes`);
    assert.deepEqual(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8')), plain.json());
    const refused = await app.inject({ url: '/api/v1/lists', headers: { 'accept-encoding': 'gzip;q=0, identity' } });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.deepEqual(refused.json(), plain.json());
    // Content codings are case-insensitive; a client preferring identity gets it.
    assert.equal((await app.inject({ url: '/api/v1/lists', headers: { 'accept-encoding': 'GZIP' } })).headers['content-encoding'], 'gzip');
    assert.equal((await app.inject({ url: '/api/v1/lists', headers: { 'accept-encoding': 'identity, gzip;q=0.5' } })).headers['content-encoding'], undefined);
    const small = await app.inject({ url: '/api/v1/events?entity=no-such-entity', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(small.statusCode, 200);
    assert.equal(small.headers['content-encoding'], undefined);
    assert.deepEqual(small.json(), []);
  });

  test('OpenAPI document lists every endpoint', async () => {
    const r = await app.inject('/openapi.json');
    assert.equal(r.statusCode, 200);
    const doc = r.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    assert.match(doc.openapi, /^3\./);
    for (const p of ['/api/v1/screen', '/api/v1/jobs', '/api/v1/jobs/{id}', '/api/v1/jobs/{id}/results', '/api/v1/entities/{id}', '/api/v1/entities/{id}/timeline',
      '/api/v1/entities/{id}/relations', '/api/v1/entities/{id}/obligations', '/api/v1/lists', '/api/v1/lists/{id}', '/api/v1/lists/{id}/diff', '/api/v1/events', '/api/v1/health', '/api/v1/sources']) {
      assert.ok(doc.paths[p], `missing path ${p}`);
    }
    assert.ok(doc.paths['/api/v1/screen']!['post'], 'POST /screen documented');
    assert.ok((doc.paths['/api/v1/jobs']!['post'] as { requestBody?: unknown }).requestBody, 'upload body documented');
  });

  test('GET /screen finds a listed entity by its name, active, with an explanation', async () => {
    const r = await app.inject({ url: '/api/v1/screen', query: { q: listed.name, as_of: TODAY } });
    assert.equal(r.statusCode, 200);
    const res = r.json<ScreenResult>();
    assert.equal(res.asOf, TODAY);
    const top = res.hits[0];
    assert.ok(top, 'a hit');
    assert.equal(top.entityId, listed.id);
    assert.equal(top.active, true);
    assert.ok(top.explanation.summary.length > 0);
    assert.ok(top.designations.some((d) => d.list === DOD && d.active));
  });

  test('GET /screen with a role adds obligations', async () => {
    const r = await app.inject({ url: '/api/v1/screen', query: { q: listed.name, role: 'dod-contractor' } });
    assert.equal(r.statusCode, 200);
    assert.ok(Array.isArray(r.json<ScreenResult>().hits[0]?.obligations));
  });

  test('POST /screen screens a small list in order', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/screen', payload: { names: [listed.name, 'Zzyzx Bakery of Ohio'], as_of: TODAY } });
    assert.equal(r.statusCode, 200);
    const { results } = r.json<{ results: ScreenResult[] }>();
    assert.equal(results.length, 2);
    assert.equal(results[0]!.query, listed.name);
    assert.equal(results[0]!.hits[0]?.entityId, listed.id);
  });

  test('validation errors are 400 and name the field', async () => {
    const cases: [string, InjectOptions, string][] = [
      ['missing q', { url: '/api/v1/screen' }, 'q'],
      ['threshold > 1', { url: '/api/v1/screen', query: { q: 'x', threshold: '2' } }, 'threshold'],
      ['threshold not a number', { url: '/api/v1/screen', query: { q: 'x', threshold: 'high' } }, 'threshold'],
      ['as_of not a calendar date', { url: '/api/v1/screen', query: { q: 'x', as_of: '2026-02-30' } }, 'as_of'],
      ['unknown role', { url: '/api/v1/screen', query: { q: 'x', role: 'pirate' } }, 'role'],
      ['names not an array (no array coercion)', { method: 'POST', url: '/api/v1/screen', payload: { names: 'Huawei' } }, 'names'],
      ['too many names', { method: 'POST', url: '/api/v1/screen', payload: { names: Array.from({ length: 101 }, (_, i) => `n${i}`) } }, 'names'],
      ['diff without to', { url: `/api/v1/lists/${DOD}/diff`, query: { from: 'x' } }, 'to'],
    ];
    for (const [what, req, field] of cases) {
      const r = await app.inject(req);
      assert.equal(r.statusCode, 400, what);
      const e = r.json<{ error: { code: string; message: string; field?: string } }>().error;
      assert.equal(e.code, 'BAD_INPUT', what);
      assert.equal(e.field, field, `${what}: ${e.message}`);
      assert.match(e.message, new RegExp(field), what);
    }
  });

  test('unknown things are 404', async () => {
    for (const url of ['/api/v1/entities/no-such-entity', '/api/v1/lists/no-such-list', '/api/v1/jobs/no-such-job', '/api/v1/publications/no-such/2020-01-01', '/api/v1/nothing-here']) {
      const r = await app.inject(url);
      assert.equal(r.statusCode, 404, url);
      assert.equal(r.json<{ error: { code: string } }>().error.code, 'NOT_FOUND', url);
    }
  });

  test('entity dossier, timeline, relations and obligations', async () => {
    const d = (await app.inject(`/api/v1/entities/${listed.id}?as_of=${TODAY}&role=us-investor`)).json<Dossier>();
    assert.equal(d.entity.id, listed.id);
    assert.ok(d.designations.some((x) => x.listId === DOD && x.active));
    for (const step of d.timeline) for (const s of step.sourceIds) assert.ok(d.sources[s], `timeline source ${s} is included`);
    const tl = (await app.inject(`/api/v1/entities/${listed.id}/timeline`)).json<{ timeline: unknown[] }>();
    assert.equal(tl.timeline.length, d.timeline.length);
    const rel = await app.inject(`/api/v1/entities/${listed.id}/relations`);
    assert.equal(rel.statusCode, 200);
    assert.ok(Array.isArray(rel.json<{ parents: unknown[] }>().parents));
    const ob = await app.inject(`/api/v1/entities/${listed.id}/obligations?role=dod-contractor`);
    assert.equal(ob.statusCode, 200);
    for (const o of ob.json<{ obligations: { role: string }[] }>().obligations) assert.equal(o.role, 'dod-contractor');
  });

  test('lists, publications and the diff of two DoD editions', async () => {
    const lists = (await app.inject('/api/v1/lists')).json<ListSummary[]>();
    assert.ok(lists.some((l) => l.list.id === DOD));
    const dod = (await app.inject(`/api/v1/lists/${DOD}?as_of=${TODAY}`)).json<ListSummary>();
    const inForce = (await fx.store.getDesignations({ listId: DOD })).filter((d) => d.from <= TODAY && (d.to === null || TODAY < d.to));
    assert.equal(dod.activeCount, inForce.length);
    const editions = dod.publications.filter((p) => p.kind === 'edition');
    assert.ok(editions.length >= 2);
    const [a, b] = editions.slice(-2) as [Publication, Publication];
    const pa = (await app.inject(`/api/v1/publications/${a.id}`)).json<Publication>();
    const pb = (await app.inject(`/api/v1/publications/${encodeURIComponent(b.id)}`)).json<Publication>();
    assert.equal(pa.id, a.id);
    assert.equal(pb.id, b.id);
    const r = await app.inject({ url: `/api/v1/lists/${DOD}/diff`, query: { from: a.id, to: b.id } });
    assert.equal(r.statusCode, 200);
    const d = r.json<PublicationDiff>();
    assert.equal(d.fromCount, pa.entries.length);
    assert.equal(d.toCount, pb.entries.length);
    const before = new Set(pa.entries.map((e) => e.entityId));
    const after = new Set(pb.entries.map((e) => e.entityId));
    for (const x of d.added) assert.ok(after.has(x.entityId) && !before.has(x.entityId), `added ${x.entityId}`);
    for (const x of d.removed) assert.ok(before.has(x.entityId) && !after.has(x.entityId), `removed ${x.entityId}`);
  });

  test('events and sources', async () => {
    const ev = await app.inject(`/api/v1/events?list=${DOD}`);
    assert.equal(ev.statusCode, 200);
    const events = ev.json<{ listIds: string[]; date: string }[]>();
    for (const e of events) assert.ok(e.listIds.includes(DOD));
    assert.equal((await app.inject('/api/v1/events?since=yesterday')).statusCode, 400);
    const src = (await app.inject('/api/v1/sources')).json<{ id: string }[]>();
    const ids = new Set(src.map((s) => s.id));
    for (const s of await fx.store.getSources()) assert.ok(ids.has(s.id), `source ${s.id}`);
    assert.equal(ids.size, src.length, 'no source twice');
    // Every source an obligation cites can be looked up.
    const screened = (await app.inject({ url: '/api/v1/screen', query: { q: listed.name, role: 'dod-contractor' } })).json<ScreenResult>();
    for (const o of screened.hits[0]?.obligations ?? []) for (const id of o.sourceIds) assert.ok(ids.has(id), `obligation source ${id}`);
  });

  test('batch job from a text/csv body: progress, CSV and JSONL results', async () => {
    const csv = `id,name\nr1,${quote(listed.name)}\nr2,Zzyzx Bakery of Ohio\nr3,\nr4,${quote(listed.name)}\n`;
    const r = await app.inject({ method: 'POST', url: '/api/v1/jobs?as_of=2026-11-01', payload: csv, headers: { 'content-type': 'text/csv' } });
    assert.equal(r.statusCode, 202, r.body);
    const job = r.json<JobView>();
    assert.equal(job.total, 4, 'every data row, the one without a name too');
    await app.jobs.settled();
    const done = (await app.inject(`/api/v1/jobs/${job.id}`)).json<JobView & { status: string; processed: number }>();
    assert.equal(done.state, 'done');
    assert.equal(done.status, 'done');
    assert.equal(done.done, 4);
    assert.equal(done.processed, 4);
    assert.deepEqual(done.errors, [{ line: 4, problem: 'empty name' }]);
    assert.equal(done.fileSha256, createHash('sha256').update(csv).digest('hex'));
    const jsonl = (await app.inject(`/api/v1/jobs/${job.id}/results?format=jsonl`)).body.trim().split('\n').map((l) => JSON.parse(l) as ScreenResult & { line: number; id: string; error?: string });
    assert.deepEqual(jsonl.map((l) => [l.line, l.id]), [[2, 'r1'], [3, 'r2'], [4, 'r3'], [5, 'r4']]);
    assert.equal(jsonl[2]!.error, 'empty name');
    assert.equal(jsonl[0]!.asOf, '2026-11-01');
    assert.equal(jsonl[0]!.hits[0]?.entityId, listed.id);
    const res = await app.inject(`/api/v1/jobs/${job.id}/results?format=csv`);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    const rows = res.body.trim().split('\n');
    // The columns of old first, the audit columns after them (batch-audit-columns.ts).
    assert.ok(rows[0]!.startsWith('line,id,query,as_of,rank,entity_id,name,matched_name,score,active,lists,explanation,error,screened_at,'), rows[0]);
    assert.ok(rows.some((row) => row.startsWith('4,r3,') && row.includes(',empty name,')), 'the row without a name has its error');
    assert.ok(rows.some((row) => row.startsWith('2,r1,') && row.includes(listed.id)));
  });

  test('batch job from a multipart upload', async () => {
    const m = multipart('names.csv', `${quote(listed.name)}\nZzyzx Bakery of Ohio\n`);
    const r = await app.inject({ method: 'POST', url: '/api/v1/jobs', ...m });
    assert.equal(r.statusCode, 202, r.body);
    const job = r.json<JobView>();
    assert.equal(job.total, 2);
    assert.equal(job.fileName, 'names.csv');
    await app.jobs.settled();
    assert.equal((await app.inject(`/api/v1/jobs/${job.id}`)).json<JobView>().state, 'done');
  });

  test('a bad CSV is 422 naming the line', async () => {
    const unclosed = await app.inject({ method: 'POST', url: '/api/v1/jobs', payload: 'id,name\n1,Huawei\n2,"ZTE\n', headers: { 'content-type': 'text/csv' } });
    assert.equal(unclosed.statusCode, 422);
    assert.equal(unclosed.json<{ error: { line?: number } }>().error.line, 3);
    const ragged = await app.inject({ method: 'POST', url: '/api/v1/jobs', payload: 'id,name\n1,Huawei\n2,ZTE,extra\n', headers: { 'content-type': 'text/csv' } });
    assert.equal(ragged.statusCode, 422);
    const e = ragged.json<{ error: { code: string; line?: number; message: string } }>().error;
    assert.equal(e.code, 'BAD_FILE');
    assert.equal(e.line, 3, e.message);
    const noName = await app.inject({ method: 'POST', url: '/api/v1/jobs', payload: 'a,b\n1,2\n', headers: { 'content-type': 'text/csv' } });
    assert.equal(noName.statusCode, 422);
  });

  test('uploads over the limit are 413 (text/csv and multipart)', async () => {
    const small = await fx.app({ maxUploadBytes: 1024, jobs: { worker: false } });
    try {
      const big = 'name\n' + 'Huawei Technologies Co., Ltd.\n'.repeat(100);
      const r1 = await small.inject({ method: 'POST', url: '/api/v1/jobs', payload: big, headers: { 'content-type': 'text/csv' } });
      assert.equal(r1.statusCode, 413);
      assert.equal(r1.json<{ error: { code: string } }>().error.code, 'TOO_LARGE');
      const r2 = await small.inject({ method: 'POST', url: '/api/v1/jobs', ...multipart('big.csv', big) });
      assert.equal(r2.statusCode, 413);
      const ok = await small.inject({ method: 'POST', url: '/api/v1/jobs', payload: 'name\nHuawei\n', headers: { 'content-type': 'text/csv' } });
      assert.equal(ok.statusCode, 202);
      await small.jobs.settled();
    } finally {
      await small.close();
    }
  });

  test('a real listening server answers over TCP', async () => {
    const live = await fx.app({ jobs: { worker: false } });
    try {
      const url = await live.listen({ port: 0, host: '127.0.0.1' });
      const res = await fetch(`${url}/api/v1/screen?q=${encodeURIComponent(listed.name)}`);
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as ScreenResult).hits[0]?.entityId, listed.id);
      const bad = await fetch(`${url}/api/v1/screen?q=x&threshold=9`);
      assert.equal(bad.status, 400);
    } finally {
      await live.close();
    }
  });
});
