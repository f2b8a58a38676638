import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../../store/open.js';
import { pgliteLocation, type TestLocation } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
import { sharedData } from '../../sources/test-support.js';
import { runSync, type SyncOptions } from './service.js';
import { listReviews, listSyncStatus, sourceSyncStatus } from './state.js';
import { serveFiles, startTestHttpServer, type TestHttpServer } from './test-server.js';

const V2021 = sharedData('ofac_sdn/watchman_bench_2021-07');
const V2024 = sharedData('ofac_sdn/jackdwyer_2024-05-03');
const read = (dir: string, name: string): Buffer => readFileSync(path.join(dir, name));
const v1Files = { 'sdn.csv': read(V2021, 'sdn.csv'), 'add.csv': read(V2021, 'add.csv'), 'alt.csv': read(V2021, 'alt.csv'), 'sdn_comments.csv': read(V2021, 'sdn_comments.csv') };
const v2Files = { 'sdn.csv': read(V2024, 'sdn.csv') };
const v1 = { etag: 'v2021', lastModified: 'Wed, 07 Jul 2021 12:00:00 GMT' };
const v2 = { etag: 'v2024', lastModified: 'Fri, 03 May 2024 09:00:00 GMT' };

/** Data rows of an OFAC legacy sdn.csv, counted independently of the parser (CRLF-separated, EOF mark). */
function sdnRows(buf: Buffer): number {
  return buf.toString('latin1').split('\r\n').filter((l) => /^\d+,/.test(l)).length;
}

async function counts(store: Store) {
  return { publications: (await store.getPublications()).length, designations: (await store.getDesignations()).length, entities: await store.countEntities() };
}

describe('runSync against a local HTTP server serving real OFAC files', () => {
  let loc: TestLocation;
  let store: Store;
  let srv: TestHttpServer;
  let clock = 0;
  const opts = (extra: Partial<SyncOptions> = {}): SyncOptions => ({
    sources: ['ofac-sdn'], baseUrl: srv.url, today: '2026-12-01',
    now: () => new Date(Date.UTC(2026, 11, 1, 10, 0, clock++)).toISOString(),
    http: { timeoutMs: 2_000, retries: 2, backoffMs: 1 }, ...extra,
  });
  before(async () => {
    loc = await pgliteLocation();
    store = await openStore(loc.opts);
    srv = await startTestHttpServer();
  });
  after(async () => {
    await srv.close();
    await store.close();
    await loc.dispose();
  });

  it('imports the 2021 set (sdn, add, alt, comments), dated by Last-Modified; lists show checked and changed', async () => {
    srv.handle = serveFiles(v1Files, v1);
    const r = await runSync(store, opts());
    const s = r.sources[0]!;
    assert.equal(s.status, 'changed', JSON.stringify(s.error));
    assert.equal(r.recordChanged, true);
    assert.deepEqual(s.requests.map((q) => [q.name, q.http]), [['sdn.csv', 200], ['add.csv', 200], ['alt.csv', 200], ['sdn_comments.csv', 200]]);
    const l = s.imports![0]!.lists[0]!;
    assert.equal(l.listId, 'us-ofac-sdn');
    assert.equal(l.entityCount, sdnRows(v1Files['sdn.csv']));
    const pub = (await store.getPublication(l.publicationId!))!;
    assert.equal(pub.date, '2021-07-07');
    const status = (await listSyncStatus(store)).get('us-ofac-sdn')!;
    assert.equal(status.sourceId, 'ofac-sdn');
    assert.ok(status.lastChanged && status.lastChanged === status.lastChecked);
  });

  it('the same files again: a 304 per file, a no-op that only moves "last checked"', async () => {
    const before = await counts(store);
    const changedBefore = (await listSyncStatus(store)).get('us-ofac-sdn')!.lastChanged;
    srv.log.length = 0;
    const r = await runSync(store, opts());
    assert.equal(r.sources[0]!.status, 'unchanged');
    assert.equal(r.recordChanged, false);
    assert.deepEqual(r.sources[0]!.requests.map((q) => q.http), [304, 304, 304, 304]);
    assert.ok(srv.log.every((x) => x.ifNoneMatch?.startsWith('"v2021-')), JSON.stringify(srv.log));
    assert.deepEqual(await counts(store), before);
    const st = (await listSyncStatus(store)).get('us-ofac-sdn')!;
    assert.equal(st.lastChanged, changedBefore);
    assert.ok(st.lastChecked > changedBefore!);
  });

  it('a server without validators sending the same bytes: unchanged by content hash', async () => {
    srv.handle = serveFiles(v1Files, v1, { conditional: false });
    const before = await counts(store);
    const r = await runSync(store, opts());
    assert.equal(r.sources[0]!.status, 'unchanged');
    assert.deepEqual(r.sources[0]!.requests.map((q) => q.http), [200, 200, 200, 200]);
    assert.deepEqual(await counts(store), before);
  });

  it('a truncated sdn.csv (connection ends early, no length declared) is refused; the record keeps its last good version', async () => {
    const cut = v2Files['sdn.csv'].subarray(0, 500_000);
    srv.handle = (req, res) => {
      if (!req.url!.endsWith('/sdn.csv')) { res.statusCode = 404; res.end(); return; }
      res.setHeader('last-modified', v2.lastModified);
      res.write(cut);
      res.end();
    };
    const before = await counts(store);
    const r = await runSync(store, opts());
    assert.equal(r.sources[0]!.status, 'refused');
    assert.equal(r.sources[0]!.error!.code, 'BAD_FILE');
    assert.deepEqual(await counts(store), before);
  });

  it('a body shorter than its Content-Length is retried, then the source fails', async () => {
    srv.handle = (_req, res) => {
      res.setHeader('content-length', '1000000');
      res.write(v2Files['sdn.csv'].subarray(0, 1000));
      setTimeout(() => res.destroy(), 20);
    };
    srv.log.length = 0;
    const before = await counts(store);
    const r = await runSync(store, opts());
    assert.equal(r.sources[0]!.status, 'failed');
    assert.equal(r.sources[0]!.error!.code, 'UPSTREAM');
    assert.equal(srv.log.length, 3); // 1 + 2 retries
    assert.deepEqual(await counts(store), before);
  });

  it('a 500 is retried with backoff: twice then success imports; always 500 fails', async () => {
    let n = 0;
    const ok = serveFiles(v1Files, v1);
    srv.handle = (req, res) => {
      if (n++ < 2) { res.statusCode = 500; res.end('boom'); return; }
      ok(req, res);
    };
    const waits: number[] = [];
    const r = await runSync(store, opts({ http: { timeoutMs: 2_000, retries: 2, backoffMs: 5, sleep: async (ms) => { waits.push(ms); } } }));
    assert.equal(r.sources[0]!.status, 'unchanged');
    assert.deepEqual(waits, [5, 10]);
    srv.handle = (_req, res) => { res.statusCode = 500; res.end(); };
    const f = await runSync(store, opts());
    assert.equal(f.sources[0]!.status, 'failed');
    assert.match(f.sources[0]!.error!.message, /HTTP 500 \(after 3 attempts\)/);
    assert.equal((await sourceSyncStatus(store)).find((x) => x.sourceId === 'ofac-sdn')!.status, 'failed');
  });

  it('a hanging response times out (and is retried), the source fails, the record is unchanged', async () => {
    srv.handle = () => { /* never answers */ };
    const before = await counts(store);
    const t0 = Date.now();
    const r = await runSync(store, opts({ http: { timeoutMs: 150, retries: 1, backoffMs: 1 } }));
    assert.equal(r.sources[0]!.status, 'failed');
    assert.match(r.sources[0]!.error!.message, /no complete answer within 150 ms/);
    assert.ok(Date.now() - t0 < 5_000);
    assert.deepEqual(await counts(store), before);
  });

  it('the 2024 sdn.csv alone (companions 404) would drop most aliases: refused; with --force a new publication with the diff', async () => {
    srv.handle = serveFiles(v2Files, v2);
    const changedBefore = (await listSyncStatus(store)).get('us-ofac-sdn')!.lastChanged!;
    const before = await counts(store);
    const refused = await runSync(store, opts());
    assert.equal(refused.sources[0]!.status, 'refused');
    assert.equal(refused.sources[0]!.error!.code, 'ROW_COUNT_DROP');
    assert.match(refused.sources[0]!.error!.message, new RegExp(`^${srv.url}/sdn\\.csv: `));
    assert.deepEqual(await counts(store), before);
    const r = await runSync(store, opts({ force: true }));
    const s = r.sources[0]!;
    assert.equal(s.status, 'changed', JSON.stringify(s.error));
    assert.deepEqual(s.requests.map((q) => q.http), [200, 404, 404, 404]);
    const l = s.imports![0]!.lists[0]!;
    assert.equal(l.entityCount, sdnRows(v2Files['sdn.csv']));
    // added/removed against the 2021 file, by ent_num, counted here from the raw files
    const ids = (b: Buffer) => new Set(b.toString('latin1').split('\r\n').filter((x) => /^\d+,/.test(x)).map((x) => x.split(',')[0]));
    const a = ids(v1Files['sdn.csv']);
    const b = ids(v2Files['sdn.csv']);
    assert.equal(l.added, [...b].filter((x) => !a.has(x)).length);
    assert.equal(l.removed, [...a].filter((x) => !b.has(x)).length);
    assert.equal((await store.getPublication(l.publicationId!))!.date, '2024-05-03');
    assert.ok((await listSyncStatus(store)).get('us-ofac-sdn')!.lastChanged! > changedBefore);
  });

  it('review sources: new Federal Register documents and a changed FCC page become review items, once', async () => {
    const doc = (n: string, title: string) => ({ document_number: n, title, html_url: `https://www.federalregister.gov/d/${n}`, publication_date: '2026-11-20', type: 'Rule' });
    let page = '<html><body><h1>Covered List</h1><p>Huawei</p><script>var t=1</script></body></html>';
    let docs = [doc('2026-00001', 'Additions to the Entity List')];
    srv.handle = (req, res) => {
      const url = new URL(req.url!, 'http://x');
      if (url.pathname.endsWith('/documents.json')) {
        res.setHeader('content-type', 'application/json');
        const term = url.searchParams.get('conditions[term]');
        res.end(JSON.stringify(term === '"Entity List"' ? { count: docs.length, results: docs } : { count: 0 }));
      } else if (url.pathname.endsWith('/coveredlist')) res.end(page);
      else { res.statusCode = 404; res.end(); }
    };
    const o = opts({ sources: ['federal-register', 'fcc-covered-list'] });
    const r1 = await runSync(store, o);
    assert.deepEqual(r1.sources.map((s) => [s.source, s.status]), [['federal-register', 'changed'], ['fcc-covered-list', 'unchanged']]);
    assert.equal(r1.sources[0]!.reviews![0]!.url, 'https://www.federalregister.gov/d/2026-00001');
    const r2 = await runSync(store, o);
    assert.deepEqual(r2.sources.map((s) => s.status), ['unchanged', 'unchanged']);
    page = page.replace('<script>var t=1</script>', '<script>var t=2</script>');
    assert.equal((await runSync(store, o)).sources[1]!.status, 'unchanged'); // only a script changed
    page = page.replace('Huawei', 'Huawei, ZTE');
    docs = [...docs, doc('2026-00002', 'Revisions to the Entity List')];
    const r3 = await runSync(store, o);
    assert.deepEqual(r3.sources.map((s) => [s.status, s.reviews!.length]), [['changed', 1], ['changed', 1]]);
    assert.equal(r3.sources[1]!.reviews![0]!.url, `${srv.url}/coveredlist`);
    const items = await listReviews(store);
    assert.equal(items.length, 3);
  });
});
