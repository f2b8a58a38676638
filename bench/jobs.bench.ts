/**
 * Jobs through the queue, end to end: a generated CSV of BENCH_JOBS_ROWS rows (default 2,000,000)
 * submitted as a batch job to PostgreSQL (DATABASE_URL, or a throwaway server from the test
 * harness) and run by one `listwatch worker` process, then by two. Reports rows/s of each and
 * the ratio, peak RSS of each worker process (VmHWM: main thread + screening thread), time from
 * submit to the first stored result, and the machine load (a shared machine skews the ratio).
 * Run alone: `npm run bench -- jobs` (BENCH_JOBS_ROWS=200000 for a shorter run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Jobs } from '../src/app/jobs/jobs.js';
import { readBatchCsv } from '../src/app/screen/batch-io.js';
import { ensureSeeded } from '../src/app/seed.js';
import { openStore } from '../src/store/open.js';
import { ensureBuilt } from './build.js';
import { generateNames } from './names.js';
import type { BenchModule } from './types.js';

interface Run {
  workers: number;
  /** Median ms per chunk in the workers: reading its input, screening + enriching, writing its results. */
  chunkMsMedian: { read: number; screen: number; enrich: number; write: number };
  chunks: number;
  /** From submit to a worker starting the first chunk (database times). */
  firstChunkStartMs: number;
  /** Each worker's index build at start, ms (before the clock starts). */
  indexBuildMs: number[];
  /** CPU time (user + system, main and screening threads) each worker used during the run: load-independent cost. */
  cpuSecondsPerWorker: number[];
  /** Of that, each worker's main thread (queue, database, enrichment); the rest is its screening thread and V8's and libuv's helper threads. */
  mainThreadCpuSecondsPerWorker: number[];
  /** CPU of this process (reading the CSV and storing the chunks). */
  submitterCpuSeconds: number;
  /** CPU of the PostgreSQL server during the run (-1: not on this machine). */
  databaseCpuSeconds: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  firstResultMs: number;
  submitMs: number;
  peakRssMbPerWorker: number[];
  loadAverage: number[];
}

interface JobsSection {
  rows: number;
  chunkSize: number;
  dataset: string;
  /** How the worker processes were run. */
  worker: string;
  runs: Run[];
  ratioTwoOverOne: number;
  /**
   * The most two workers can gain over one on this machine's cores, from the one-worker run's CPU:
   * one worker is bound by its screening thread (one core) while its main thread, the submitter and
   * the database run beside it; N cores can at best run all of it in parallel, so the ratio is at
   * most cores × (screening CPU ÷ all CPU). Screening CPU = the worker's CPU minus its main thread's.
   */
  ratioCeiling: number;
  note: string;
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

/** Rejects with `what` when `p` takes longer than `ms`. */
function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => { t = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms); })]).finally(() => clearTimeout(t));
}

/**
 * The fields of a /proc `stat` file after the command name: [0] state, [1] ppid, [11] utime,
 * [12] stime, [13] cutime, [14] cstime (clock ticks, 100/s on Linux). Throws when it is gone.
 */
function procStat(file: string): string[] {
  const f = readFileSync(file, 'utf8');
  return f.slice(f.lastIndexOf(')') + 2).split(' ');
}

/** CPU seconds (user + system) a live process has used: all threads, or with `mainOnly` its main thread's. */
function cpuSeconds(pid: number, mainOnly = false): number {
  try {
    const f = procStat(mainOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`);
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return -1;
  }
}

/**
 * CPU seconds the PostgreSQL server at `url` has used so far, when it runs on this machine: the
 * postmaster's own and its reaped children's (cutime/cstime) plus its live children's. -1 when
 * /proc does not show it (a remote server).
 */
async function databaseCpuSeconds(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    const backend = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const postmaster = Number(procStat(`/proc/${backend}/stat`)[1]);
    const own = procStat(`/proc/${postmaster}/stat`);
    let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d) || Number(d) === postmaster) continue;
      try {
        const f = procStat(`/proc/${d}/stat`);
        if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
      } catch { /* exited meanwhile */ }
    }
    return ticks / 100;
  } catch {
    return -1;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Peak resident set of a live process (VmHWM), MB. */
function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : -1;
  } catch {
    return -1;
  }
}

interface WorkerProc {
  proc: ChildProcess;
  ready: Promise<void>;
  /** Resolves when its screening index is built (ms it took). */
  indexed: Promise<number>;
  /** Per-chunk timings from the worker's log. */
  chunkMs: { read: number; screen: number; enrich: number; write: number }[];
  tail(): string;
}

/** Starts `listwatch worker` as a user runs it: the compiled CLI (dist/, built by `ensureBuilt` first). */
function startWorker(root: string, url: string, concurrency: number): WorkerProc {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
  delete env.LISTWATCH_FROM_SOURCE;
  const proc = spawn(process.execPath, [path.join(root, 'bin', 'listwatch.mjs'), 'worker', '--concurrency', String(concurrency)], {
    cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'],
  });
  const chunkMs: WorkerProc['chunkMs'] = [];
  let last = '';
  let buf = '';
  let onIndexed: (ms: number) => void = () => undefined;
  const indexed = new Promise<number>((r) => (onIndexed = r));
  const ready = new Promise<void>((resolve, reject) => {
    proc.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        last = (last + line + '\n').slice(-4000);
        if (line.includes('"worker started"')) resolve();
        if (line.includes('"screening index ready"')) {
          try { onIndexed((JSON.parse(line) as { ms: number }).ms); } catch { onIndexed(-1); }
        }
        if (line.includes('"chunk written"')) {
          try { chunkMs.push((JSON.parse(line) as { ms: WorkerProc['chunkMs'][number] }).ms); } catch { /* not JSON */ }
        }
      }
    });
    proc.once('exit', (c) => reject(new Error(`worker exited ${c}: ${last}`)));
  });
  ready.catch(() => undefined);
  return { proc, ready, indexed, chunkMs, tail: () => last };
}

const median = (xs: number[]): number => {
  if (!xs.length) return -1;
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.floor(a.length / 2)]!;
};

async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

const mod: BenchModule = {
  name: 'jobs',
  description: 'a batch job end to end through the queue (pg-boss on PostgreSQL) with one and two worker processes',
  summary(s) {
    const t = s as JobsSection;
    const out: Record<string, string | number> = { rows: t.rows };
    for (const r of t.runs) {
      out[`${r.workers} worker(s) rows/s`] = `${r.rowsPerSecond} (${r.seconds} s, load ${r.loadAverage.join(' ')})`;
      out[`${r.workers} worker(s) peak RSS MB per process`] = r.peakRssMbPerWorker.join(', ');
      out[`${r.workers} worker(s) submit → first result ms`] = `${r.firstResultMs} (first chunk started at ${r.firstChunkStartMs})`;
      out[`${r.workers} worker(s) CPU s per worker (main thread) / submitter / database; index build ms`] = `${r.cpuSecondsPerWorker.map((c, i) => `${c} (${r.mainThreadCpuSecondsPerWorker[i]})`).join(', ')} / ${r.submitterCpuSeconds} / ${r.databaseCpuSeconds}; ${r.indexBuildMs.join(', ')}`;
      out[`${r.workers} worker(s) median ms per chunk read/screen/enrich/write`] = `${r.chunkMsMedian.read}/${r.chunkMsMedian.screen}/${r.chunkMsMedian.enrich}/${r.chunkMsMedian.write} (${r.chunks} chunks)`;
    }
    out['ratio two / one'] = t.ratioTwoOverOne;
    out['ratio ceiling (2 × screening share of all CPU, one-worker run)'] = t.ratioCeiling;
    return out;
  },
  async run(ctx) {
    const rows = Number(process.env.BENCH_JOBS_ROWS ?? 2_000_000);
    const chunkSize = Number(process.env.BENCH_JOBS_CHUNK ?? 2000);
    const workerCounts = (process.env.BENCH_JOBS_WORKERS ?? '1,2').split(',').map(Number);
    const concurrency = Number(process.env.BENCH_JOBS_CONCURRENCY ?? 2);
    // A run may not hang the bench: it fails after this long, or after this long without progress.
    const timeoutS = Number(process.env.BENCH_JOBS_TIMEOUT_S ?? 1800);
    const stallS = Number(process.env.BENCH_JOBS_STALL_S ?? 240);
    // The workers run the compiled CLI, as `listwatch worker` does after `npm install`: built here when
    // dist/ is older than the sources. (Run through tsx instead, each process carried a module loader
    // thread and the transformed sources: 438 vs 343 MB peak RSS on 600,000 rows.)
    if (!ensureBuilt(ctx).ok) throw new Error('npm run build failed: the workers would run stale code');
    const dir = mkdtempSync(path.join(tmpdir(), 'lw-bench-jobs-'));
    const { startTestPostgres } = (await import(path.join(ctx.repoRoot, 'scripts', 'pg-harness.mjs'))) as { startTestPostgres(): Promise<{ url: string; stop(): Promise<void> }> };
    const server = process.env.DATABASE_URL ? null : await startTestPostgres();
    const adminUrl = process.env.DATABASE_URL ?? server!.url;
    try {
      const csv = path.join(dir, 'input.csv');
      let written = false;
      const runs: Run[] = [];
      for (const workers of workerCounts) {
        const url = await freshDatabase(adminUrl, `lw_bench_jobs_${workers}`);
        const store = await openStore({ databaseUrl: url });
        await ensureSeeded(store, path.join(ctx.repoRoot, 'data'), () => undefined);
        if (!written) {
          // Names as a holdings file has them: mostly unlisted companies, 5 % listed names and their variants.
          const names = generateNames(Math.min(rows, 200_000), (await store.getEntities()).map((e) => e.name), 13);
          const lines: string[] = ['id,name'];
          for (let i = 0; i < rows; i++) lines.push(`r${i},"${names[i % names.length]!.replace(/"/g, '""')}"`);
          writeFileSync(csv, lines.join('\n') + '\n');
          written = true;
        }
        const jobs = await Jobs.open(store, { worker: false, chunkSize });
        const procs = Array.from({ length: workers }, () => startWorker(ctx.repoRoot, url, concurrency));
        try {
          await withTimeout(Promise.all(procs.map((p) => p.ready)), 300_000, 'workers did not start');
          // Workers are long-lived: the clock starts once their index is built (its time is reported apart).
          const indexMs = await withTimeout(Promise.all(procs.map((p) => p.indexed)), 300_000, 'workers did not build their index');
          const cpu0 = procs.map((p) => cpuSeconds(p.proc.pid!));
          const mainCpu0 = procs.map((p) => cpuSeconds(p.proc.pid!, true));
          const benchCpu0 = process.cpuUsage();
          const dbCpu0 = await databaseCpuSeconds(url);
          ctx.log(`jobs: ${rows} rows, ${workers} worker(s)`);
          const load0 = loadavg();
          const t0 = performance.now();
          const job = await jobs.submit(readBatchCsv(createReadStream(csv), csv), { asOf: ctx.today }, { fileName: 'bench.csv' });
          const submitMs = performance.now() - t0;
          let firstResultMs = -1;
          let lastDone = -1;
          let lastMove = performance.now();
          let lastLog = performance.now();
          const dead = (): string | null => {
            const p = procs.find((w) => w.proc.exitCode !== null || w.proc.signalCode !== null);
            return p ? `a worker exited (${p.proc.exitCode ?? p.proc.signalCode}): ${p.tail()}` : null;
          };
          const end = await jobs.waitFor(job.id, {
            pollMs: 200,
            onProgress: (j) => {
              const now = performance.now();
              if (firstResultMs < 0 && j.done > 0) firstResultMs = now - t0;
              if (j.done !== lastDone) { lastDone = j.done; lastMove = now; }
              if (now - lastLog >= 10_000) {
                lastLog = now;
                ctx.log(`jobs: ${workers} worker(s): ${j.done}/${rows} rows, ${Math.round(j.done / ((now - t0) / 1000))} rows/s, load ${loadavg()[0]!.toFixed(1)}`);
              }
              const problem = dead() ?? (now - t0 > timeoutS * 1000 ? `timed out after ${timeoutS} s` : now - lastMove > stallS * 1000 ? `no progress for ${stallS} s` : null);
              if (problem) throw new Error(`jobs bench, ${workers} worker(s), ${j.done}/${rows} rows: ${problem}`);
            },
          });
          const seconds = (performance.now() - t0) / 1000;
          // From the database's own times (the submit streams the file while workers already screen; this loop only polls after it).
          if (end.firstResultAt) firstResultMs = Date.parse(end.firstResultAt) - Date.parse(end.createdAt);
          const firstChunkStartMs = end.startedAt ? Date.parse(end.startedAt) - Date.parse(end.createdAt) : -1;
          if (end.state !== 'done' || end.done !== rows) throw new Error(`job ended ${end.state} with ${end.done} of ${rows} rows`);
          const load1 = loadavg();
          runs.push({
            workers, rows, seconds: r2(seconds), rowsPerSecond: Math.round(rows / seconds), firstResultMs: Math.round(firstResultMs), submitMs: Math.round(submitMs),
            peakRssMbPerWorker: procs.map((p) => peakRssMb(p.proc.pid!)), loadAverage: [r2(load0[0]!), r2(load1[0]!)],
            chunks: end.chunks,
            firstChunkStartMs,
            indexBuildMs: indexMs,
            cpuSecondsPerWorker: procs.map((p, i) => r2(cpuSeconds(p.proc.pid!) - cpu0[i]!)),
            mainThreadCpuSecondsPerWorker: procs.map((p, i) => r2(cpuSeconds(p.proc.pid!, true) - mainCpu0[i]!)),
            submitterCpuSeconds: r2(((u) => (u.user + u.system) / 1e6)(process.cpuUsage(benchCpu0))),
            databaseCpuSeconds: dbCpu0 < 0 ? -1 : r2((await databaseCpuSeconds(url)) - dbCpu0),
            chunkMsMedian: {
              read: median(procs.flatMap((p) => p.chunkMs.map((m) => m.read))),
              screen: median(procs.flatMap((p) => p.chunkMs.map((m) => m.screen))),
              enrich: median(procs.flatMap((p) => p.chunkMs.map((m) => m.enrich ?? 0))),
              write: median(procs.flatMap((p) => p.chunkMs.map((m) => m.write))),
            },
          });
          ctx.log(`jobs: ${workers} worker(s): ${Math.round(rows / seconds)} rows/s`);
        } finally {
          for (const p of procs) p.proc.kill('SIGTERM');
          // A worker that does not stop within 30 s is killed: the bench never hangs on one.
          await Promise.all(procs.map((p) => withTimeout(new Promise((r) => (p.proc.exitCode !== null || p.proc.signalCode !== null ? r(null) : p.proc.once('exit', r))), 30_000, 'worker stop')
            .catch(() => { p.proc.kill('SIGKILL'); })));
          await jobs.close();
          await store.close();
        }
      }
      const one = runs.find((r) => r.workers === 1)?.rowsPerSecond ?? NaN;
      const two = runs.find((r) => r.workers === 2)?.rowsPerSecond ?? NaN;
      const solo = runs.find((r) => r.workers === 1);
      const ceiling = solo && solo.databaseCpuSeconds >= 0
        ? Math.min(2, availableParallelism()) * (solo.cpuSecondsPerWorker[0]! - solo.mainThreadCpuSecondsPerWorker[0]!) / (solo.cpuSecondsPerWorker[0]! + solo.submitterCpuSeconds + solo.databaseCpuSeconds)
        : NaN;
      const section: JobsSection = {
        rows, chunkSize, dataset: 'bundled dataset (data/)', worker: 'compiled CLI (dist/), `listwatch worker`', runs, ratioTwoOverOne: r2(two / one), ratioCeiling: r2(ceiling),
        note: 'Wall time from the start of the submit (the CSV is streamed into the database while workers already screen) to the job being done. The machine is shared: see loadAverage (1-minute, at start and end of each run).',
      };
      return section;
    } finally {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default mod;
