// HTTP benchmark: single-name screens against a real listening server on 127.0.0.1 (autocannon).
// Run alone: node --import tsx bench/http.ts [--duration 10] ; or from bench/run.ts via runHttpBench().
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { parse } from 'csv-parse/sync';
import { ensureSeeded } from '../src/app/seed.js';
import { createApp } from '../src/server/app.js';
import { openStore } from '../src/store/open.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One load level's figures. */
export interface HttpLevel {
  connections: number;
  durationS: number;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  target: string;
  pass: boolean;
}

/** The HTTP benchmark report. */
export interface HttpBenchReport {
  name: 'http';
  engine: string;
  queries: number;
  levels: HttpLevel[];
}

/**
 * Seeds a PGlite store in a temp dir, serves the app on 127.0.0.1 (a free port), and loads
 * GET /api/v1/screen with names from the dev set at 8 connections (target p99 < 10 ms) and at
 * 200 connections (target >= 5,000 req/s, no errors), each for `durationS` seconds.
 */
export async function runHttpBench(opts: { durationS?: number; log?: (m: string) => void } = {}): Promise<HttpBenchReport> {
  const durationS = opts.durationS ?? 10;
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const dir = mkdtempSync(path.join(tmpdir(), 'lw-bench-http-'));
  const store = await openStore({ dbDir: path.join(dir, 'db') });
  try {
    await ensureSeeded(store, path.join(root, 'data'), () => undefined);
    const app = await createApp({ store, today: () => new Date().toISOString().slice(0, 10), jobsDir: path.join(dir, 'jobs'), resumeJobs: false });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const dev = parse(readFileSync(path.resolve(root, '../shared/eval/dev.csv')), { columns: true }) as { query: string }[];
      const names = dev.map((r) => r.query).filter((q) => q.trim()).slice(0, 400);
      const requests = names.map((q) => ({ method: 'GET', path: `/api/v1/screen?q=${encodeURIComponent(q)}&limit=10` }));
      // Warm the index and the JIT before measuring.
      await autocannon({ url, connections: 4, amount: 2000, requests });
      const levels: HttpLevel[] = [];
      for (const [connections, target] of [[8, 'p99 < 10 ms'], [200, '>= 5000 req/s, no errors']] as const) {
        const r = await autocannon({ url, connections, duration: durationS, requests, timeout: 10 });
        const level: HttpLevel = {
          connections, durationS, requests: r.requests.total, reqPerSec: Math.round(r.requests.average),
          p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, target,
          pass: connections === 8 ? r.latency.p99 < 10 && r.non2xx === 0 : r.requests.average >= 5000 && r.errors + r.timeouts + r.non2xx === 0,
        };
        log(`http: ${connections} connections: ${level.reqPerSec} req/s, p50 ${level.p50Ms} ms, p99 ${level.p99Ms} ms, errors ${level.errors}, non-2xx ${level.non2xx} (${target}: ${level.pass ? 'pass' : 'MISS'})`);
        levels.push(level);
      }
      return { name: 'http', engine: store.engine, queries: names.length, levels };
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--duration');
  const report = await runHttpBench(i > 0 ? { durationS: Number(process.argv[i + 1]) } : {});
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}
