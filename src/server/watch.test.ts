import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { pgliteLocation } from '../store/testing.js';
import { serverFixture, type ServerFixture } from './test-support/app.js';
import { startTestHttpServer, type TestHttpServer } from '../app/sync/test-server.js';

describe('watchlist, alert and sync routes', () => {
  let fx: ServerFixture;
  let app: FastifyInstance;
  let srv: TestHttpServer;
  before(async () => {
    fx = await serverFixture({ name: 'pglite', location: pgliteLocation });
    app = await fx.app();
    srv = await startTestHttpServer();
  });
  after(async () => {
    await srv.close();
    await app.close();
    await fx.dispose();
  });

  it('bad input is a 400 naming the problem, and nothing is created', async () => {
    const noName = await app.inject({ method: 'POST', url: '/api/v1/watchlists/w1/items', headers: { 'content-type': 'text/csv' }, payload: 'company\nHuawei\n' });
    assert.equal(noName.statusCode, 400);
    assert.match(noName.json().error.message, /no "name" column/);
    const badItem = await app.inject({ method: 'POST', url: '/api/v1/watchlists/w1/items', payload: { items: [{ name: 'A' }, { name: '' }] } });
    assert.equal(badItem.statusCode, 400);
    assert.match(badItem.json().error.message, /items\[1\]: the name is empty/);
    assert.deepEqual((await app.inject({ url: '/api/v1/watchlists' })).json(), []);
  });

  it('CSV and JSON bodies, status, webhooks (http(s) only), alerts and the Atom feed', async () => {
    const csv = await app.inject({ method: 'POST', url: '/api/v1/watchlists/suppliers/items', headers: { 'content-type': 'text/csv' }, payload: 'name,ref\n"Huawei Technologies Co., Ltd.",S-1\n' });
    assert.equal(csv.statusCode, 200, csv.body);
    assert.deepEqual([csv.json().created, csv.json().total], [true, 1]);
    const json = await app.inject({ method: 'POST', url: '/api/v1/watchlists/suppliers/items', payload: { items: [{ name: 'Acme Widgets GmbH', ref: 'S-2', country: 'DE' }], role: 'dod-contractor' } });
    assert.equal(json.json().total, 2);
    const st = (await app.inject({ url: '/api/v1/watchlists/suppliers' })).json();
    assert.deepEqual(st.items.map((i: { ref: string; status: string }) => [i.ref, i.status]), [['S-1', 'hit'], ['S-2', 'clear']]);
    assert.ok(st.items[0].result.hits[0].lists.length > 0);
    assert.equal(st.watchlist.role, 'dod-contractor');
    const ftp = await app.inject({ method: 'POST', url: '/api/v1/watchlists/suppliers/hooks', payload: { url: 'ftp://example.com/x', secret: 'abcdefgh12' } });
    assert.equal(ftp.statusCode, 400);
    assert.equal((await app.inject({ url: '/api/v1/watchlists/suppliers/hooks' })).json().length, 0);
    const hook = await app.inject({ method: 'POST', url: '/api/v1/watchlists/suppliers/hooks', payload: { url: `${srv.url}/hook`, secret: 'abcdefgh12' } });
    assert.equal(hook.statusCode, 200);
    assert.equal((await app.inject({ url: '/api/v1/watchlists/suppliers/hooks' })).json()[0].url, `${srv.url}/hook`);
    const feed = await app.inject({ url: '/api/v1/watchlists/suppliers/feed.atom' });
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
    assert.match(feed.body, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    assert.deepEqual((await app.inject({ url: '/api/v1/alerts?watch=suppliers' })).json(), []);
    assert.equal((await app.inject({ url: '/api/v1/watchlists/nope/feed.atom' })).statusCode, 404);
  });

  it('POST /sync runs a source under a given base URL; GET /sync shows its state and review items', async () => {
    srv.handle = (req, res) => {
      res.setHeader('content-type', 'application/json');
      const term = new URL(req.url!, 'http://x').searchParams.get('conditions[term]');
      res.end(JSON.stringify(term === '"1260H"' ? { count: 1, results: [{ document_number: '2026-11571', title: 'Notice of Availability of Designation of Chinese Military Companies', html_url: 'https://www.federalregister.gov/d/2026-11571', publication_date: '2026-06-10', type: 'Notice' }] } : { count: 0 }));
    };
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/sync', payload: { source: ['nope'] } })).statusCode, 400);
    const r = await app.inject({ method: 'POST', url: '/api/v1/sync', payload: { source: ['federal-register'], url: `${srv.url}/fr` } });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().sources[0].status, 'changed');
    assert.ok(srv.log.some((x) => x.path.startsWith('/fr/documents.json?')));
    const st = (await app.inject({ url: '/api/v1/sync' })).json();
    assert.equal(st.sources[0].sourceId, 'federal-register');
    assert.equal(st.reviews[0].url, 'https://www.federalregister.gov/d/2026-11571');
  });
});
