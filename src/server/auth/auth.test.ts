import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createKey } from '../../app/accounts/accounts.js';
import { latestAudit, verifyAudit } from '../../app/audit/audit.js';
import { pgliteLocation } from '../../store/testing.js';
import { serverFixture } from '../test-support/app.js';
import type { ServerFixture } from '../test-support/app.js';

const bearer = (k: string): Record<string, string> => ({ authorization: `Bearer ${k}` });

describe('HTTP API with accounts (PGlite)', () => {
  let fx: ServerFixture;
  let app: FastifyInstance;
  const key: Record<'admin' | 'analyst' | 'viewer', string> = { admin: '', analyst: '', viewer: '' };
  let analystId = '';

  before(async () => {
    fx = await serverFixture({ name: 'pglite', location: pgliteLocation });
    for (const role of ['admin', 'analyst', 'viewer'] as const) {
      const k = await createKey(fx.store, { role, name: `${role}-test`, by: 'local:test', now: '2026-11-21T08:00:00.000Z' });
      key[role] = k.key;
      if (role === 'analyst') analystId = k.id;
    }
    app = await fx.app({ accounts: { rateLimit: { max: 8, timeWindowMs: 60_000 } }, corsOrigins: ['https://app.example.test'] });
  });
  after(async () => {
    await app?.close();
    await fx?.dispose();
  });

  test('401 without a key or with a bad one (typed body, WWW-Authenticate); public routes stay open', async () => {
    let r = await app.inject('/api/v1/lists');
    assert.equal(r.statusCode, 401);
    assert.equal(r.json<{ error: { code: string } }>().error.code, 'UNAUTHORIZED');
    assert.match(String(r.headers['www-authenticate']), /^Bearer/);
    r = await app.inject({ url: '/api/v1/lists', headers: bearer('lw_000000000000_' + 'A'.repeat(43)) });
    assert.equal(r.statusCode, 401);
    r = await app.inject({ url: '/api/v1/lists', headers: { authorization: 'Basic abc' } });
    assert.equal(r.statusCode, 401);
    assert.equal((await app.inject('/api/v1/health')).statusCode, 200);
    assert.equal((await app.inject('/api/v1/auth/me')).json<{ mode: string; signedIn: boolean }>().signedIn, false);
    const doc = (await app.inject('/openapi.json')).json<{ components: { securitySchemes: Record<string, { scheme: string }> }; security: unknown[] }>();
    assert.equal(doc.components.securitySchemes['bearerAuth']?.scheme, 'bearer');
    assert.deepEqual(doc.security, [{ bearerAuth: [] }]);
  });

  test('403 for a role that may not; each role may do its own', async () => {
    assert.equal((await app.inject({ url: '/api/v1/lists', headers: bearer(key.viewer) })).statusCode, 200);
    const denied = await app.inject({ url: '/api/v1/screen?q=Tencent', headers: bearer(key.viewer) });
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json<{ error: { code: string; message: string } }>().error.code, 'FORBIDDEN');
    assert.match(denied.json<{ error: { message: string } }>().error.message, /analyst/);
    assert.equal((await app.inject({ url: '/api/v1/keys', headers: bearer(key.analyst) })).statusCode, 403);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/keys', payload: { role: 'admin' }, headers: bearer(key.analyst) })).statusCode, 403);
    const ok = await app.inject({ url: '/api/v1/screen?q=Tencent%20Holdings', headers: bearer(key.analyst) });
    assert.equal(ok.statusCode, 200);
    const [last] = await latestAudit(fx.store, 1);
    assert.deepEqual([last?.action, last?.subject, last?.actor], ['screen', 'Tencent Holdings', `key:${analystId}`]);
    assert.ok(last?.listVersions?.['us-dod-1260h'] && last.answerDigest?.startsWith('sha256:') && last.revision);
  });

  test('an admin creates, lists and revokes keys over the API; a revoked key gets 401 at once', async () => {
    const c = await app.inject({ method: 'POST', url: '/api/v1/keys', payload: { role: 'viewer', name: 'dashboard' }, headers: bearer(key.admin) });
    assert.equal(c.statusCode, 201);
    const made = c.json<{ id: string; key: string; role: string }>();
    assert.equal(made.role, 'viewer');
    assert.equal((await app.inject({ url: '/api/v1/sources', headers: bearer(made.key) })).statusCode, 200);
    const list = (await app.inject({ url: '/api/v1/keys', headers: bearer(key.admin) })).json<{ id: string; key?: string }[]>();
    assert.ok(list.some((k) => k.id === made.id) && list.every((k) => k.key === undefined));
    const del = await app.inject({ method: 'DELETE', url: `/api/v1/keys/${made.id}`, headers: bearer(key.admin) });
    assert.equal(del.statusCode, 200);
    assert.equal((await app.inject({ url: '/api/v1/sources', headers: bearer(made.key) })).statusCode, 401);
    const [last] = await latestAudit(fx.store, 1);
    assert.deepEqual([last?.action, last?.subject], ['key.revoke', made.id]);
  });

  test('a user signs in with a password and uses the session key', async () => {
    const u = await app.inject({ method: 'POST', url: '/api/v1/users', payload: { name: 'carol', role: 'analyst', password: 'a long enough password' }, headers: bearer(key.admin) });
    assert.equal(u.statusCode, 201);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: 'carol', password: 'wrong' } })).statusCode, 401);
    const s = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: 'carol', password: 'a long enough password' } });
    assert.equal(s.statusCode, 200);
    const session = s.json<{ key: string }>().key;
    const me = (await app.inject({ url: '/api/v1/auth/me', headers: bearer(session) })).json<{ mode: string; actor: string; role: string }>();
    assert.deepEqual([me.mode, me.actor, me.role], ['keys', 'user:carol', 'analyst']);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(session) })).statusCode, 204);
    assert.equal((await app.inject({ url: '/api/v1/lists', headers: bearer(session) })).statusCode, 401);
  });

  test('each key has its own rate limit (429 RATE_LIMITED with Retry-After)', async () => {
    const k = await createKey(fx.store, { role: 'viewer', by: 'local:test', now: '2026-11-21T08:00:00.000Z' });
    let last = 0;
    let limited: { statusCode: number; headers: Record<string, unknown>; json<T>(): T } | null = null;
    for (let i = 0; i < 9; i++) {
      const r = await app.inject({ url: '/api/v1/sources', headers: bearer(k.key) });
      last = r.statusCode;
      if (r.statusCode === 429) { limited = r; break; }
    }
    assert.equal(last, 429);
    assert.equal(limited!.json<{ error: { code: string } }>().error.code, 'RATE_LIMITED');
    assert.ok(Number(limited!.headers['retry-after']) > 0);
    const other = await createKey(fx.store, { role: 'viewer', by: 'local:test', now: '2026-11-21T08:00:00.000Z' });
    assert.equal((await app.inject({ url: '/api/v1/sources', headers: bearer(other.key) })).statusCode, 200);
  });

  test('CORS answers only the configured origin', async () => {
    const pre = await app.inject({ method: 'OPTIONS', url: '/api/v1/lists', headers: { origin: 'https://app.example.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    assert.equal(pre.headers['access-control-allow-origin'], 'https://app.example.test');
    const other = await app.inject({ url: '/api/v1/health', headers: { origin: 'https://evil.example.test' } });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });

  test('an analyst records a decision; the next screen of that name shows it beside the hit; a viewer may not decide', async () => {
    const first = (await app.inject({ url: '/api/v1/screen?q=Tencent%20Holdings&as_of=2026-11-21', headers: bearer(key.analyst) })).json<{ hits: { entityId: string }[] }>();
    const entityId = first.hits[0]!.entityId;
    const body = { query: 'Tencent Holdings', entity_id: entityId, verdict: 'true-match', note: 'same company: checked the HKEX filing' };
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/decisions', payload: body, headers: bearer(key.viewer) })).statusCode, 403);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/decisions', payload: { ...body, verdict: 'perhaps' }, headers: bearer(key.analyst) })).statusCode, 400);
    const d = await app.inject({ method: 'POST', url: '/api/v1/decisions', payload: body, headers: bearer(key.analyst) });
    assert.equal(d.statusCode, 201, d.body);
    const next = (await app.inject({ url: '/api/v1/screen?q=tencent%20holdings&as_of=2026-11-21', headers: bearer(key.analyst) })).json<{ hits: { entityId: string; decision?: { verdict: string; actor: string; note: string; at: string } }[] }>();
    const hit = next.hits.find((h) => h.entityId === entityId);
    assert.deepEqual([hit?.decision?.verdict, hit?.decision?.actor, hit?.decision?.note], ['true-match', `key:${analystId}`, body.note]);
    const listed = (await app.inject({ url: `/api/v1/decisions?entity=${entityId}`, headers: bearer(key.viewer) })).json<{ verdict: string }[]>();
    assert.equal(listed.length, 1);
  });

  test('admins read, export and verify the audit trail over the API', async () => {
    assert.equal((await app.inject({ url: '/api/v1/audit', headers: bearer(key.analyst) })).statusCode, 403);
    const recent = (await app.inject({ url: '/api/v1/audit?limit=3', headers: bearer(key.admin) })).json<{ seq: number; action: string }[]>();
    assert.equal(recent.length, 3);
    assert.ok(recent[0]!.seq > recent[1]!.seq);
    const csv = await app.inject({ url: '/api/v1/audit?format=csv&since=2000-01-01', headers: bearer(key.admin) });
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /^seq,at,actor,action,/);
    assert.ok(csv.body.includes(',decision,Tencent Holdings,'));
    const v = (await app.inject({ url: '/api/v1/audit/verify', headers: bearer(key.admin) })).json<{ ok: boolean }>();
    assert.equal(v.ok, true);
  });

  test('the audit trail still verifies after all of this', async () => {
    const v = await verifyAudit(fx.store);
    assert.equal(v.ok, true, v.problem?.message);
    assert.ok(v.entries >= 6);
  });
});

describe('HTTP API without accounts: open single-user mode', () => {
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

  test('no key needed; screens are audited as local:open; no CORS headers', async () => {
    const me = (await app.inject('/api/v1/auth/me')).json<{ mode: string; signedIn: boolean; role: string }>();
    assert.deepEqual([me.mode, me.signedIn, me.role], ['open', true, 'admin']);
    const r = await app.inject({ url: '/api/v1/screen?q=Huawei', headers: { origin: 'https://app.example.test' } });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['access-control-allow-origin'], undefined);
    const [last] = await latestAudit(fx.store, 1);
    assert.deepEqual([last?.actor, last?.subject], ['local:open', 'Huawei']);
  });

  test('a batch job submitted over the API is audited with its row count and file hash', async () => {
    const csv = 'name\nTencent Holdings\nAcme Widgets\n';
    const r = await app.inject({ method: 'POST', url: '/api/v1/jobs?as_of=2026-11-21', payload: csv, headers: { 'content-type': 'text/csv' } });
    assert.equal(r.statusCode, 202);
    // The job may finish (and be audited at finish, job-audit.ts) before this reads: look for the submission entry.
    const last = (await latestAudit(fx.store, 3)).find((e) => e.action === 'screen.batch');
    const d = last?.details as { jobId: string; rows: number; fileHash: string };
    assert.deepEqual([last?.action, d.jobId, d.rows], ['screen.batch', r.json<{ id: string }>().id, 2]);
    assert.equal(d.fileHash, `sha256:${createHash('sha256').update(csv).digest('hex')}`);
    await app.jobs.settled();
  });
});
