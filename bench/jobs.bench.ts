/**
 * Jobs through the queue, end to end: a generated CSV of BENCH_JOBS_ROWS rows (default 2,000,000)
 * submitted as a batch job to PostgreSQL (DATABASE_URL, or a throwaway server from the test
 * harness) and run by one `listwatch worker` process, then by two. Reports rows/s of each and
 * the ratio, peak RSS of each worker process (VmHWM: main thread + screening thread), time from
 * submit to the first stored result, and the machine load (a shared machine skews the ratio).
 * Run alone: `npm run bench -- jobs` (BENCH_JOBS_ROWS=200000 for a shorter run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Jobs } from '../src/app/jobs/jobs.js';
import { readBatchCsv } from '../src/app/screen/batch-io.js';
import { ensureSeeded } from '../src/app/seed.js';
import { openStore } from '../src/store/open.js';
import { generateNames } from './names.js';
import type { BenchModule } from './types.js';

interface Run {
  workers: number;
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
  runs: Run[];
  ratioTwoOverOne: number;
  note: string;
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

/** Peak resident set of a live process (VmHWM), MB. */
function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : -1;
  } catch {
    return -1;
  }
}

function startWorker(root: string, url: string): { proc: ChildProcess; ready: Promise<void> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bin', 'listwatch.mjs'), 'worker'], {
    cwd: root, env: { ...process.env, DATABASE_URL: url, LISTWATCH_FROM_SOURCE: '1' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    let buf = '';
    proc.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('"worker started"')) resolve();
    });
    proc.once('exit', (c) => reject(new Error(`worker exited ${c}: ${buf.slice(-2000)}`)));
  });
  return { proc, ready };
}

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
      out[`${r.workers} worker(s) submit → first result ms`] = r.firstResultMs;
    }
    out['ratio two / one'] = t.ratioTwoOverOne;
    return out;
  },
  async run(ctx) {
    const rows = Number(process.env.BENCH_JOBS_ROWS ?? 2_000_000);
    const chunkSize = 1000;
    const dir = mkdtempSync(path.join(tmpdir(), 'lw-bench-jobs-'));
    const { startTestPostgres } = (await import(path.join(ctx.repoRoot, 'scripts', 'pg-harness.mjs'))) as { startTestPostgres(): Promise<{ url: string; stop(): Promise<void> }> };
    const server = process.env.DATABASE_URL ? null : await startTestPostgres();
    const adminUrl = process.env.DATABASE_URL ?? server!.url;
    try {
      const csv = path.join(dir, 'input.csv');
      let written = false;
      const runs: Run[] = [];
      for (const workers of [1, 2]) {
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
        const procs = Array.from({ length: workers }, () => startWorker(ctx.repoRoot, url));
        try {
          await Promise.all(procs.map((p) => p.ready));
          ctx.log(`jobs: ${rows} rows, ${workers} worker(s)`);
          const load0 = loadavg();
          const t0 = performance.now();
          const job = await jobs.submit(readBatchCsv(createReadStream(csv), csv), { asOf: ctx.today }, { fileName: 'bench.csv' });
          const submitMs = performance.now() - t0;
          let firstResultMs = -1;
          const end = await jobs.waitFor(job.id, {
            pollMs: 100,
            onProgress: (j) => { if (firstResultMs < 0 && j.done > 0) firstResultMs = performance.now() - t0; },
          });
          const seconds = (performance.now() - t0) / 1000;
          if (end.state !== 'done' || end.done !== rows) throw new Error(`job ended ${end.state} with ${end.done} of ${rows} rows`);
          const load1 = loadavg();
          runs.push({
            workers, rows, seconds: r2(seconds), rowsPerSecond: Math.round(rows / seconds), firstResultMs: Math.round(firstResultMs), submitMs: Math.round(submitMs),
            peakRssMbPerWorker: procs.map((p) => peakRssMb(p.proc.pid!)), loadAverage: [r2(load0[0]!), r2(load1[0]!)],
          });
          ctx.log(`jobs: ${workers} worker(s): ${Math.round(rows / seconds)} rows/s`);
        } finally {
          for (const p of procs) p.proc.kill('SIGTERM');
          await Promise.all(procs.map((p) => new Promise((r) => (p.proc.exitCode !== null ? r(null) : p.proc.once('exit', r)))));
          await jobs.close();
          await store.close();
        }
      }
      const one = runs.find((r) => r.workers === 1)!.rowsPerSecond;
      const two = runs.find((r) => r.workers === 2)!.rowsPerSecond;
      const section: JobsSection = {
        rows, chunkSize, dataset: 'bundled dataset (data/)', runs, ratioTwoOverOne: r2(two / one),
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
