/**
 * Child process of the throughput benchmark's latency figure: builds the index from a snapshot
 * file and screens names one at a time in this fresh process (the compiled modules in dist/ when
 * present and not BENCH_FROM_SOURCE), after a warm-up on names of their own, and prints p50/p99/
 * mean/max ms as JSON. A fresh process, because in the harness the latency depended on what the
 * harness had done before (its heap after an HTTP bench gave p99 2.4 ms, 0.36 ms without).
 * Usage: node bench/latency-child.mjs SNAPSHOT.json NAMES.json WARMUP AS_OF
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = existsSync(path.join(root, 'dist', 'src', 'app', 'screen', 'screen.js')) && !process.env.BENCH_FROM_SOURCE;
const mod = (rel) => pathToFileURL(compiled ? path.join(root, 'dist', 'src', `${rel}.js`) : path.join(root, 'src', `${rel}.ts`)).href;
const { indexFromSnapshot } = await import(mod('core/match/build-index'));
const { screenWithIndex } = await import(mod('app/screen/screen'));

const [snapFile, namesFile, warmup, asOf] = process.argv.slice(2);
const { snapshotFromJson } = await import(mod('core/match/snapshot-json'));
const index = indexFromSnapshot(snapshotFromJson(readFileSync(snapFile, 'utf8')));
const names = JSON.parse(readFileSync(namesFile, 'utf8'));
const n = Number(warmup);
for (const q of names.slice(0, n)) screenWithIndex(index, q, { asOf });
const times = [];
const cpu0 = process.cpuUsage();
for (const q of names.slice(n)) {
  const s = performance.now();
  screenWithIndex(index, q, { asOf });
  times.push(performance.now() - s);
}
const cpu = process.cpuUsage(cpu0);
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
const r3 = (x) => Math.round(x * 1000) / 1000;
console.log(JSON.stringify({
  compiled, queries: times.length, p50Ms: r3(pct(50)), p99Ms: r3(pct(99)), meanMs: r3(times.reduce((a, b) => a + b, 0) / times.length), maxMs: r3(pct(100)),
  cpuSecondsPer1000: r3(((cpu.user + cpu.system) / 1e6 / times.length) * 1000),
}));
