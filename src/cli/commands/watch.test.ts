import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { sharedData } from '../../sources/test-support.js';
import { startTestHttpServer, serveFiles, type TestHttpServer } from '../../app/sync/test-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CONS = sharedData('ofac_non_sdn_consolidated/watchman_2025-12');
const CONS_FILES = ['cons_prim.csv', 'cons_add.csv', 'cons_alt.csv', 'cons_comments.csv'];
const run = promisify(execFile);

/** Runs the real CLI in a child process (asynchronously: the test's HTTP servers must keep answering). */
async function cli(db: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [path.join(root, 'bin/listwatch.mjs'), '--db', db, ...args], { cwd: root, env: { ...process.env, LISTWATCH_FROM_SOURCE: '1', DATABASE_URL: '' }, timeout: 180_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : 1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

describe('listwatch sync / watch / alerts (end to end, CLI against local servers)', () => {
  let dir: string;
  let srv: TestHttpServer;
  const posts: { id: string; valid: boolean }[] = [];
  const secret = 'cli-secret-123456';
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lw-cli-watch-'));
    srv = await startTestHttpServer();
    const files = serveFiles(Object.fromEntries(CONS_FILES.map((f) => [f, readFileSync(path.join(CONS, f))])), { etag: 'cons-2025-12', lastModified: 'Fri, 19 Dec 2025 08:00:00 GMT' });
    srv.handle = (req, res) => {
      if (req.method === 'POST') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['x-listwatch-signature']));
          posts.push({ id: (JSON.parse(body) as { alert: { id: string } }).alert.id, valid: Boolean(m && m[2] === createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex')) });
          res.statusCode = 200;
          res.end();
        });
        return;
      }
      files(req, res);
    };
  });
  after(async () => {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('watch add, watch hook, sync --url, alerts --json, alerts deliver, lists shows last checked', async () => {
    const db = path.join(dir, 'db');
    // Two counterparties that the consolidated file lists (read from it here: entities of the
    // Ukraine EO 13662 program, not in the bundled record) and one that nothing lists.
    const rows = parse(readFileSync(path.join(CONS, 'cons_prim.csv'), 'latin1').replace(/\x1a\s*$/, ''), { relax_quotes: true, relax_column_count: true }) as string[][];
    const listed = rows.filter((r) => r[2]!.trim() === '-0-' && r[3]!.includes('UKRAINE-EO13662') && !r[1]!.includes(',')).slice(0, 2).map((r) => ({ name: r[1]! }));
    assert.equal(listed.length, 2);
    const csv = path.join(dir, 'w.csv');
    writeFileSync(csv, ['name,ref', ...listed.map((r, i) => `${r.name},L${i}`), 'Qorvanti Lumex Widgets,C1'].join('\n'));
    const add = await cli(db, ['watch', 'add', 'suppliers', '--input', csv]);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /created watchlist suppliers: 3 added/);
    assert.equal((await cli(db, ['watch', 'hook', 'suppliers', '--url', 'ftp://example.com/x', '--secret', secret])).code, 2);
    assert.equal((await cli(db, ['watch', 'hook', 'suppliers', '--url', `${srv.url}/hook`, '--secret', secret])).code, 0);

    const sync = await cli(db, ['--json', 'sync', '--source', 'ofac-cons', '--url', `${srv.url}/cons`]);
    assert.equal(sync.code, 0, sync.stderr);
    const sr = JSON.parse(sync.stdout) as { sources: { status: string; requests: { url: string }[] }[]; rescreen: { alerts: number } };
    assert.equal(sr.sources[0]!.status, 'changed');
    assert.equal(sr.sources[0]!.requests[0]!.url, `${srv.url}/cons/cons_prim.csv`);

    const alerts = JSON.parse((await cli(db, ['alerts', '--watch', 'suppliers', '--json'])).stdout) as { id: string; kind: string; item: { ref: string }; publication: { citation: string } }[];
    // One new-hit per (entity, list): an entity may be on several of the file's program lists.
    assert.deepEqual([...new Set(alerts.map((a) => `${a.kind}|${a.item.ref}`))].sort(), ['new-hit|L0', 'new-hit|L1']);
    assert.equal(sr.rescreen.alerts, alerts.length);
    assert.ok(alerts.every((a) => /^cons_prim\.csv \(\+3 companion files\), sha256 /.test(a.publication.citation)), alerts[0]?.publication.citation);
    const status = JSON.parse((await cli(db, ['watch', 'list', 'suppliers', '--json'])).stdout) as { items: { ref: string; status: string }[] };
    assert.deepEqual(status.items.map((i) => [i.ref, i.status]), [['L0', 'hit'], ['L1', 'hit'], ['C1', 'clear']]);

    const deliver = await cli(db, ['alerts', 'deliver']);
    assert.equal(deliver.code, 0, deliver.stderr);
    assert.deepEqual(posts.map((p) => p.id).sort(), alerts.map((a) => a.id).sort());
    assert.ok(posts.every((p) => p.valid));

    const again = await cli(db, ['--json', 'sync', '--source', 'ofac-cons', '--url', `${srv.url}/cons`]);
    assert.equal((JSON.parse(again.stdout) as { sources: { status: string }[] }).sources[0]!.status, 'unchanged');
    const lists = JSON.parse((await cli(db, ['lists', '--json'])).stdout) as { list: { id: string }; sync?: { lastChecked: string; lastChanged: string } }[];
    const synced = lists.filter((l) => l.sync);
    assert.ok(synced.length >= 2 && synced.every((l) => l.sync!.lastChecked > l.sync!.lastChanged));
    const text = await cli(db, ['lists']);
    assert.match(text.stdout, /LAST CHECKED\s+LAST CHANGED/);
  });
});
