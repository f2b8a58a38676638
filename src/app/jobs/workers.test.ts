import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSeeded } from '../seed.js';
import { openStore } from '../../store/open.js';
import type { Store } from '../../store/store.js';
import { postgresLocation, type TestLocation } from '../../store/testing.js';
import { Jobs } from './jobs.js';
import type { JobView } from './batch.js';

/**
 * Two and more `listwatch worker` processes on the real PostgreSQL server of the test harness,
 * with faults: a worker killed with SIGKILL mid-chunk, a worker that hangs (SIGSTOP) past its
 * chunk's time-out, a row that kills the screening thread. Every job must end `done` with every
 * input row exactly once, in input order.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface Worker {
  proc: ChildProcess;
  events: Record<string, unknown>[];
  /** Resolves with the first event matching `pred` (already seen or still to come). */
  waitFor(pred: (e: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

function startWorker(url: string, env: Record<string, string>, nodeArgs: string[] = []): Worker {
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(root, 'bin', 'listwatch.mjs'), 'worker'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, LISTWATCH_FROM_SOURCE: '1', LISTWATCH_JOB_EXPIRE_S: '4', LISTWATCH_JOB_MAINTENANCE_S: '1', LISTWATCH_JOB_RETRY_DELAY_S: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const events: Record<string, unknown>[] = [];
  const waiters: { pred: (e: Record<string, unknown>) => boolean; resolve: (e: Record<string, unknown>) => void }[] = [];
  let buf = '';
  proc.stderr!.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      let e: Record<string, unknown>;
      try {
        e = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue; // not a log line (a warning)
      }
      events.push(e);
      for (const w of [...waiters]) if (w.pred(e)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(e); }
    }
  });
  return {
    proc,
    events,
    waitFor(pred, ms = 120_000) {
      const seen = events.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`worker ${proc.pid}: no matching event in ${ms} ms; saw ${[...new Set(events.map((x) => (x.error ? `${String(x.msg)} (${String(x.error)})` : String(x.msg))))].join(' | ')}`)), ms);
        waiters.push({ pred, resolve: (e) => { clearTimeout(t); resolve(e); } });
      });
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGCONT');
      proc.kill('SIGKILL');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

/** A CSV-like list of rows: `n` names, some listed, some not. */
function rows(n: number, poisonAt?: number): { line: number; id: string; name: string }[] {
  const names = ['Huawei Technologies Co., Ltd.', 'Zzyzx Bakery of Ohio', 'China Mobile Limited', 'Acme Widgets GmbH', 'Hikvision', 'Smith & Sons'];
  return Array.from({ length: n }, (_, i) => ({ line: i + 2, id: `r${i}`, name: i === poisonAt ? 'POISON ROW 7f3a' : `${names[i % names.length]}${i % 7 === 0 ? '' : ` ${i}`}` }));
}

/** Asserts the job is done with one record per input row, in input order, and returns the records. */
async function assertExactlyOnce(jobs: Jobs, job: JobView, n: number): Promise<{ line: number; id: string; error?: string; hits?: unknown[] }[]> {
  const done = await jobs.waitFor(job.id, { pollMs: 250 });
  assert.equal(done.state, 'done', `job ended ${done.state} ${done.failure ?? ''}`);
  assert.equal(done.total, n);
  assert.equal(done.done, n);
  const recs: { line: number; id: string; error?: string; hits?: unknown[] }[] = [];
  for await (const l of jobs.results(job.id)) recs.push(JSON.parse(l) as (typeof recs)[number]);
  assert.equal(recs.length, n, 'every row exactly once');
  assert.deepEqual(recs.map((r) => r.id), Array.from({ length: n }, (_, i) => `r${i}`), 'in input order, none twice, none missing');
  return recs;
}

describe('workers on PostgreSQL: crashes, hangs and poison rows', { timeout: 600_000 }, () => {
  let location: TestLocation;
  let store: Store;
  let jobs: Jobs;
  const workers: Worker[] = [];

  before(async () => {
    location = await postgresLocation();
    store = await openStore(location.opts);
    await ensureSeeded(store, path.join(root, 'data'), () => undefined);
    // This process only submits and reads: the workers are other processes.
    jobs = await Jobs.open(store, { worker: false, chunkSize: 100 });
  });

  // A failed test must not leave its workers running into the next one (they would take its jobs).
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
  });

  after(async () => {
    for (const w of workers) await w.stop();
    await jobs?.close();
    await store?.close();
    await location?.dispose();
  });

  test('a worker killed with SIGKILL mid-chunk: the other finishes the job, every row once', async () => {
    const delay = { LISTWATCH_JOBS_FAULT: 'delay:1500' };
    const a = startWorker(location.opts.databaseUrl!, delay);
    const b = startWorker(location.opts.databaseUrl!, delay);
    workers.push(a, b);
    await Promise.all([a.waitFor((e) => e.msg === 'worker started'), b.waitFor((e) => e.msg === 'worker started')]);
    const n = 1500;
    const job = await jobs.submit(rows(n), { asOf: '2026-11-01' });
    const started = await a.waitFor((e) => e.msg === 'chunk started' && e.jobId === job.id);
    a.proc.kill('SIGKILL'); // inside its 1.5 s between screening and writing
    await new Promise((r) => a.proc.once('exit', r));
    assert.ok(!a.events.some((e) => e.msg === 'chunk written' && e.chunk === started.chunk && e.from === started.from), 'the killed worker had not written its chunk');
    await assertExactlyOnce(jobs, job, n);
    // The killed worker's chunk was run again (by b) once pg-boss expired it.
    assert.ok(b.events.some((e) => e.jobId === job.id && e.chunk === started.chunk && (e.msg === 'chunk written' || e.msg === 'chunk retried: split in two')), 'b ran the killed chunk');
    await b.stop();
  });

  test('a worker that hangs is timed out, its chunk retried elsewhere; when it wakes its late write is refused', async () => {
    const a = startWorker(location.opts.databaseUrl!, { LISTWATCH_JOBS_FAULT: 'delay:800' });
    const b = startWorker(location.opts.databaseUrl!, { LISTWATCH_JOBS_FAULT: 'delay:800' });
    workers.push(a, b);
    await Promise.all([a.waitFor((e) => e.msg === 'worker started'), b.waitFor((e) => e.msg === 'worker started')]);
    const n = 1200;
    const job = await jobs.submit(rows(n), { asOf: '2026-11-01' });
    const started = await a.waitFor((e) => e.msg === 'chunk started' && e.jobId === job.id);
    a.proc.kill('SIGSTOP');
    // pg-boss fails the run after its expiry (4 s) and b takes the retry (split in two).
    await b.waitFor((e) => e.msg === 'chunk retried: split in two' && e.jobId === job.id && e.chunk === started.chunk);
    const end = await assertExactlyOnce(jobs, job, n);
    a.proc.kill('SIGCONT');
    // a wakes up and tries to write the chunk it held: refused, nothing doubles.
    await a.waitFor((e) => e.jobId === job.id && e.chunk === started.chunk && String(e.msg).startsWith('chunk skipped'), 60_000);
    assert.equal([...(await (async () => { const out: string[] = []; for await (const l of jobs.results(job.id)) out.push(l); return out; })())].length, end.length);
    await a.stop();
    await b.stop();
  });

  test('a poison row that kills the screening thread fails that row only; the job completes', async () => {
    const fault = { LISTWATCH_JOBS_FAULT: 'poison:POISON ROW', LISTWATCH_JOB_RETRY_LIMIT: '1' };
    const a = startWorker(location.opts.databaseUrl!, fault);
    const b = startWorker(location.opts.databaseUrl!, fault);
    workers.push(a, b);
    const n = 400;
    const poisonAt = 257;
    const job = await jobs.submit(rows(n, poisonAt), { asOf: '2026-11-01' }, { chunkSize: 16 });
    const recs = await assertExactlyOnce(jobs, job, n);
    const failed = recs.filter((r) => r.error !== undefined);
    assert.deepEqual(failed.map((r) => r.id), [`r${poisonAt}`], 'only the poison row failed');
    assert.match(failed[0]!.error!, /could not be screened/);
    assert.ok(recs.filter((r) => r.id !== `r${poisonAt}`).every((r) => Array.isArray(r.hits)), 'every other row has its screen result');
    const view = await jobs.require(job.id);
    assert.equal(view.rowErrors, 1);
    // Both processes lived through it.
    assert.equal(a.proc.exitCode, null);
    assert.equal(b.proc.exitCode, null);
  });

  test('a worker started with a V8 heap flag runs its screening thread; its heap budget collects the main heap', async () => {
    // --max-old-space-size once made the thread refuse to start (ERR_WORKER_INVALID_EXEC_ARGV) and the worker hang.
    const a = startWorker(location.opts.databaseUrl!, { LISTWATCH_WORKER_HEAP_MB: '8' }, ['--max-old-space-size=384']);
    workers.push(a);
    const n = 300;
    const job = await jobs.submit(rows(n), { asOf: '2026-11-01' }, { chunkSize: 50 });
    await assertExactlyOnce(jobs, job, n);
    a.proc.kill('SIGTERM');
    const budget = await a.waitFor((e) => e.msg === 'heap budget', 30_000);
    assert.ok(Number(budget.collections) >= 1, `a heap above an 8 MB budget was collected (${JSON.stringify(budget)})`);
  });
});
