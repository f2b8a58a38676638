import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { openStore } from '../../store/open.js';
import type { Store } from '../../store/store.js';
import { pgliteLocation, postgresLocation, type TestLocation } from '../../store/testing.js';
import { sharedData } from '../../sources/test-support.js';
import { importFiles } from '../import/index.js';
import { addItems, listAlerts } from '../watchlists/index.js';
import { addHook } from '../alerts/hooks.js';
import { deliveries } from '../alerts/deliver.js';
import { createApp } from '../../server/app.js';
import { startTestHttpServer } from '../sync/test-server.js';
import { ensureSeeded } from '../seed.js';

/**
 * Watchlist re-screens and alert deliveries as jobs, end to end: an import queues a re-screen, a
 * worker (a separate `listwatch worker` process on the real PostgreSQL; the server's in-process
 * worker on embedded PGlite) runs it, and the alert reaches a real local webhook receiver once,
 * although every job runs twice (a forced retry after its work) and the receiver refuses the first
 * POST of each alert (retried with backoff by the delivery job).
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const OLD = sharedData('ofac_sdn/watchman_bench_2021-07');
const NEW = sharedData('ofac_sdn/jackdwyer_2024-05-03');
const SECRET = 'jobs-secret-0123456789';

/** ent_num → primary name of an OFAC legacy CSV, read with csv-parse (not listwatch's parser). */
function sdnNames(file: string): Map<string, string> {
  const rows = parse(readFileSync(file, 'latin1').replace(/\x1a\s*$/, ''), { relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  return new Map(rows.filter((r) => /^\d+$/.test(r[0]!.trim())).map((r) => [r[0]!.trim(), r[1]!.trim()]));
}

/** A few entities listed in 2024 but not in 2021, with long distinctive names (the oracle: the files' difference). */
function addedEntities(n: number): [string, string][] {
  const oldN = sdnNames(path.join(OLD, 'sdn.csv'));
  const oldNames = new Set([...oldN.values()].map((x) => x.toUpperCase()));
  const out: [string, string][] = [];
  for (const [id, name] of sdnNames(path.join(NEW, 'sdn.csv'))) {
    if (oldN.has(id) || oldNames.has(name.toUpperCase()) || name.split(/\s+/).length < 4 || /^[A-Z]+, /.test(name)) continue;
    out.push([id, name]);
    if (out.length === n) break;
  }
  return out;
}

/** A webhook receiver that checks signatures and refuses the first POST of every alert (HTTP 500). */
function receiver(): Promise<{ server: Server; url: string; posts: { id: string; ok: boolean }[]; bad: string[] }> {
  const posts: { id: string; ok: boolean }[] = [];
  const bad: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['x-listwatch-signature'] ?? ''));
      const id = (JSON.parse(body) as { alert: { id: string } }).alert.id;
      if (!m || m[2] !== createHmac('sha256', SECRET).update(`${m[1]}.${body}`).digest('hex')) { bad.push(id); res.statusCode = 401; res.end(); return; }
      const ok = posts.some((p) => p.id === id);
      posts.push({ id, ok });
      res.statusCode = ok ? 204 : 500;
      res.end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, posts, bad })));
}

/** Waits until every delivery of the store is delivered (or `ms` passes). */
async function allDelivered(store: Store, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ds = await deliveries(store);
    if (ds.length && ds.every((d) => d.status === 'delivered')) return;
    if (Date.now() > until) assert.fail(`deliveries not all delivered after ${ms} ms: ${JSON.stringify(ds)}`);
    await sleep(250);
  }
}

/** The shared part of both engines' checks: the expected alerts, each POSTed once refused and once accepted. */
async function checkOnce(store: Store, added: [string, string][], rx: Awaited<ReturnType<typeof receiver>>): Promise<void> {
  const alerts = await listAlerts(store, { watchlist: 'suppliers' });
  const got = new Set(alerts.map((a) => `${a.kind}|${a.entity?.id}`));
  for (const [id, name] of added) assert.ok(got.has(`new-hit|us-ofac-sdn:${id}`), `a new-hit alert for ${name}: ${[...got].join(', ')}`);
  assert.equal(new Set(alerts.map((a) => a.id)).size, alerts.length, 'each alert raised once');
  assert.deepEqual(rx.bad, [], 'every POST signed');
  for (const a of alerts) {
    const posts = rx.posts.filter((p) => p.id === a.id);
    assert.deepEqual(posts.map((p) => p.ok), [false, true], `alert ${a.id}: refused once, then delivered once`);
  }
  assert.equal(rx.posts.length, alerts.length * 2, 'no POST for anything else');
  const ds = await deliveries(store);
  assert.ok(ds.every((d) => d.status === 'delivered' && d.attempts === 2), JSON.stringify(ds));
}

async function prepare(store: Store, url: string): Promise<[string, string][]> {
  await importFiles(store, 'ofac-sdn', [path.join(OLD, 'sdn.csv')], { today: '2026-12-01', date: '2021-07-07' });
  const added = addedEntities(3);
  assert.equal(added.length, 3);
  const now = () => new Date().toISOString();
  const r = await addItems(store, 'suppliers', [...added.map(([, name], i) => ({ name, ref: `A${i}` })), { name: 'Zzyzx Bakery of Ohio', ref: 'F1' }], { today: '2026-12-01', now });
  assert.equal(r.alerts, 0, 'the baseline raises nothing');
  await addHook(store, 'suppliers', url, SECRET, now());
  return added;
}

describe('background jobs on PostgreSQL: a separate worker process re-screens after an import and delivers once', { timeout: 600_000 }, () => {
  let location: TestLocation;
  let store: Store;
  let rx: Awaited<ReturnType<typeof receiver>>;
  let worker: ChildProcess | undefined;
  const events: Record<string, unknown>[] = [];

  before(async () => {
    location = await postgresLocation();
    store = await openStore(location.opts);
    // Seeded here, as the CLI processes would (each seeds an empty store: they must not race to).
    await ensureSeeded(store, path.join(root, 'data'), () => undefined);
    rx = await receiver();
  });
  after(async () => {
    if (worker && worker.exitCode === null) { worker.kill('SIGKILL'); await new Promise((r) => worker!.once('exit', r)); }
    await new Promise<void>((r) => rx?.server.close(() => r()));
    await store?.close();
    await location?.dispose();
  });

  test('import --queue → watch-rescreen → alerts-deliver, each run twice, one delivery per alert', async () => {
    const added = await prepare(store, rx.url);
    const env = { ...process.env, DATABASE_URL: location.opts.databaseUrl!, LISTWATCH_FROM_SOURCE: '1' };
    worker = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bin', 'listwatch.mjs'), 'worker'], {
      cwd: root, stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...env, LISTWATCH_JOB_MAINTENANCE_S: '1', LISTWATCH_DELIVER_BASE_DELAY_MS: '500', LISTWATCH_JOBS_FAULT: 'fail-once:watch-rescreen,fail-once:alerts-deliver' },
    });
    let buf = '';
    worker.stderr!.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try { events.push(JSON.parse(line) as Record<string, unknown>); } catch { /* not a log line */ }
      }
    });
    const imp = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bin', 'listwatch.mjs'), 'import', '--format', 'ofac-sdn', '--date', '2024-05-03', '--queue', path.join(NEW, 'sdn.csv')], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let impErr = '';
    imp.stderr!.on('data', (d: Buffer) => (impErr += d.toString()));
    const code = await new Promise((r) => imp.once('exit', r));
    assert.equal(code, 0, impErr);
    assert.match(impErr, /watchlist re-screen queued \(job /);
    // The import itself raised nothing: the re-screen is the worker's.
    await allDelivered(store, 180_000);
    await checkOnce(store, added, rx);
    const reruns = (): Record<string, unknown>[] => events.filter((e) => e.msg === 'watchlist re-screened' && e.watchlist === 'suppliers');
    // The forced retry comes after pg-boss's retry delay (5 s, with backoff).
    for (let t = 0; t < 240 && reruns().length < 2; t++) await sleep(250);
    const runs = reruns();
    assert.deepEqual(runs.map((e) => e.attempt), [0, 1], 'the re-screen ran twice (a forced retry)');
    assert.ok(Number(runs[0]!.alerts) >= 3 && runs[1]!.alerts === 0, 'the second run raised nothing new');
    assert.ok(events.some((e) => e.msg === 'alert delivery pass' && Number(e.failed) > 0 && e.nextPassAt), 'a refused POST queued a later pass');
    assert.ok(events.some((e) => e.msg === 'job run failed; pg-boss retries it' && e.queue === 'alerts-deliver'), 'the delivery pass was retried');
    // After every retry, still one accepted POST per alert.
    await checkOnce(store, added, rx);
  });

  test('sync --queue: the worker runs the sync and records its result as the run\'s output', async () => {
    assert.ok(worker && worker.exitCode === null, 'the worker of the previous test is still running');
    const srv = await startTestHttpServer();
    try {
      srv.handle = (_req, res) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ count: 0 })); };
      const env = { ...process.env, DATABASE_URL: location.opts.databaseUrl!, LISTWATCH_FROM_SOURCE: '1' };
      const p = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bin', 'listwatch.mjs'), 'sync', '--queue', '--json', '--source', 'federal-register', '--url', `${srv.url}/fr`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      assert.equal(await new Promise((r) => p.once('exit', r)), 0, err);
      const id = (JSON.parse(out) as { queued: string }).queued;
      assert.match(id, /^[0-9a-f-]{36}$/);
      const { JobQueue } = await import('./queue.js');
      const q = await JobQueue.open(store.sql);
      try {
        let run: Awaited<ReturnType<typeof q.run>> = null;
        for (let t = 0; t < 480 && run?.state !== 'completed'; t++) { await sleep(250); run = await q.run('sync-run', id); }
        assert.equal(run?.state, 'completed', JSON.stringify(run));
        assert.deepEqual(run!.output, { recordChanged: false, sources: [{ source: 'federal-register', status: 'unchanged' }] });
        // `listwatch runs` shows it: state, attempt and result.
        const shown = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bin', 'listwatch.mjs'), 'runs', '--kind', 'sync-run', '--json'], { cwd: root, env, encoding: 'utf8' });
        assert.equal(shown.status, 0, shown.stderr);
        const listed = (JSON.parse(shown.stdout) as { id: string; name: string; state: string; attempt: number; output: unknown; completedAt: string | null }[]).find((r) => r.id === id);
        assert.deepEqual([listed?.name, listed?.state, listed?.attempt, listed?.output], ['sync-run', 'completed', 0, run!.output]);
        assert.ok(listed!.completedAt);
        const text = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bin', 'listwatch.mjs'), 'runs', '--limit', '5'], { cwd: root, env, encoding: 'utf8' });
        assert.equal(text.status, 0, text.stderr);
        assert.match(text.stdout, new RegExp(`${id}  sync-run +completed +finished `));
        const bad = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bin', 'listwatch.mjs'), 'runs', '--limit', '0'], { cwd: root, env, encoding: 'utf8' });
        assert.equal(bad.status, 2);
        assert.match(bad.stderr, /--limit/);
        assert.ok(srv.log.some((x) => x.path.startsWith('/fr/documents.json?')), 'the worker fetched from the given base URL');
      } finally {
        await q.close();
      }
    } finally {
      await srv.close();
    }
  });
});

describe('background jobs on embedded PGlite: the server\'s timers queue them, its in-process worker runs them', { timeout: 600_000 }, () => {
  let location: TestLocation;
  let store: Store;
  let rx: Awaited<ReturnType<typeof receiver>>;

  before(async () => {
    location = await pgliteLocation();
    store = await openStore(location.opts);
    rx = await receiver();
  });
  after(async () => {
    await new Promise<void>((r) => rx?.server.close(() => r()));
    await store?.close();
    await location?.dispose();
  });

  test('an import noticed by the re-screen timer: one alert per change, delivered once after a refused POST', async () => {
    const added = await prepare(store, rx.url);
    const app = await createApp({
      store, today: () => '2026-12-01',
      // The receiver shares this process with PGlite, whose long statements (the import) can hold the event loop:
      // a generous POST time limit, so a slow answer is not taken for a failure (and the alert sent again).
      background: { sync: false, rescreenCheckMs: 300, deliverEveryMs: 300, deliver: { baseDelayMs: 300, timeoutMs: 120_000 } },
    });
    try {
      await importFiles(store, 'ofac-sdn', [path.join(NEW, 'sdn.csv')], { today: '2026-12-01', date: '2024-05-03' });
      await allDelivered(store, 180_000);
      await checkOnce(store, added, rx);
      // Once per change: later timer ticks queue nothing more (the shared mark holds this revision and day).
      const before = (await listAlerts(store, { watchlist: 'suppliers' })).length;
      await sleep(1500);
      assert.equal((await listAlerts(store, { watchlist: 'suppliers' })).length, before);
      assert.equal(rx.posts.length, before * 2);
      // The runs behind it, newest first, over the API: the re-screen of the watchlist (its result) and the delivery passes.
      const runs = (await app.inject('/api/v1/runs?limit=100')).json<{ name: string; state: string; createdAt: string; output: unknown; data: unknown }[]>();
      assert.ok(runs.length >= 3, JSON.stringify(runs));
      for (let i = 1; i < runs.length; i++) assert.ok(runs[i - 1]!.createdAt >= runs[i]!.createdAt, 'newest first');
      const rescreen = runs.find((r) => r.name === 'watch-rescreen' && r.state === 'completed');
      assert.ok(rescreen, JSON.stringify(runs.map((r) => [r.name, r.state])));
      assert.ok(rescreen.output && typeof rescreen.output === 'object', 'a finished re-screen keeps its result');
      assert.ok(runs.some((r) => r.name === 'alerts-deliver' && r.state === 'completed'));
      const only = (await app.inject('/api/v1/runs?kind=alerts-deliver')).json<{ name: string }[]>();
      assert.ok(only.length > 0 && only.every((r) => r.name === 'alerts-deliver'));
      assert.equal((await app.inject('/api/v1/runs?kind=nope')).statusCode, 400);
    } finally {
      await app.close();
    }
  });
});
