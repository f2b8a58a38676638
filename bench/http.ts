// HTTP benchmark: single-name screens against a real listening server on 127.0.0.1 (autocannon).
// Run alone: node --import tsx bench/http.ts [--duration 10] ; or from bench/run.ts via runHttpBench().
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { parse } from 'csv-parse/sync';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What one autocannon run gives, shared by the HTTP benches' level reports. */
export interface LoadFigures {
  connections: number;
  durationS: number;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** One load level's figures. */
export interface HttpLevel extends LoadFigures {
  /** `cached`: the server's screen-answer cache on (names repeat, as in real use); `uncached`: every screen computed. */
  mode: 'cached' | 'uncached';
  target: string;
  pass: boolean;
}

/**
 * Runs a bench server script (`bench/<script>`, through tsx) in its own process, so autocannon does
 * not share its event loop, and waits for the URL it prints. BENCH_SERVER_PROF=1 writes the
 * server's CPU profile to .tmp/prof when it stops (where its time goes under load).
 */
export async function spawnServer(script: string, args: readonly string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const flags = [...(process.env.BENCH_SERVER_PROF ? ['--cpu-prof', '--cpu-prof-dir=.tmp/prof'] : []), '--import', 'tsx', path.join(root, 'bench', script), ...args];
  const child = spawn(process.execPath, flags, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`bench server ${script} exited with ${code}`)));
  });
  return { child, url };
}

/** Starts bench/http-server.ts (the app on a seeded store) and waits for its URL. */
export function startServer(dbDir: string, jobsDir: string, cacheSize?: number): Promise<{ child: ChildProcess; url: string }> {
  return spawnServer('http-server.ts', [dbDir, jobsDir, ...(cacheSize !== undefined ? [String(cacheSize)] : [])]);
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
 * GET /api/v1/screen with 400 names of the dev set at 8 connections (target p99 < 10 ms) and at
 * 200 connections (target >= 5,000 req/s, no errors), each for `durationS` seconds; once with
 * the server's screen-answer cache (the names repeat) and once without it (every screen computed).
 */
export async function runHttpBench(opts: { durationS?: number; log?: (m: string) => void } = {}): Promise<HttpBenchReport> {
  const durationS = opts.durationS ?? 10;
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const dir = mkdtempSync(path.join(tmpdir(), 'lw-bench-http-'));
  try {
    const dev = parse(readFileSync(path.resolve(root, '../shared/eval/dev.csv')), { columns: true }) as { query: string }[];
    const names = dev.map((r) => r.query).filter((q) => q.trim()).slice(0, 400);
    const requests = names.map((q) => ({ method: 'GET', path: `/api/v1/screen?q=${encodeURIComponent(q)}&limit=10` }));
    const levels: HttpLevel[] = [];
    const plan: [HttpLevel['mode'], number, string][] = [['cached', 8, 'p99 < 10 ms'], ['cached', 200, '>= 5000 req/s, no errors'], ['uncached', 8, 'p99 < 10 ms'], ['uncached', 200, '>= 5000 req/s, no errors']];
    for (const mode of ['cached', 'uncached'] as const) {
      const { child, url } = await startServer(path.join(dir, 'db'), path.join(dir, 'jobs'), mode === 'uncached' ? 0 : undefined);
      try {
        // Warm the JIT (and, in cached mode, the cache: every name once) before measuring.
        await autocannon({ url, connections: 4, amount: Math.max(1000, names.length * 2), requests });
        for (const [m, connections, target] of plan) {
          if (m !== mode) continue;
          const r = await autocannon({ url, connections, duration: durationS, requests, timeout: 10 });
          const errors = r.errors + r.timeouts;
          const level: HttpLevel = {
            mode, connections, durationS, requests: r.requests.total, reqPerSec: Math.round(r.requests.average),
            p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors, non2xx: r.non2xx, target,
            pass: connections === 8 ? r.latency.p99 < 10 && errors + r.non2xx === 0 : r.requests.average >= 5000 && errors + r.non2xx === 0,
          };
          log(`http ${mode}: ${connections} connections: ${level.reqPerSec} req/s, p50 ${level.p50Ms} ms, p99 ${level.p99Ms} ms, errors ${errors}, non-2xx ${level.non2xx} (${target}: ${level.pass ? 'pass' : 'MISS'})`);
          levels.push(level);
        }
      } finally {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
    return { name: 'http', engine: 'pglite', queries: names.length, levels };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--duration');
  const report = await runHttpBench(i > 0 ? { durationS: Number(process.argv[i + 1]) } : {});
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}
