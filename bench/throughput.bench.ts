/**
 * Speed: index build time, single-query latency (p50/p99, in process), batch throughput of
 * ≥ 200,000 generated names through `screenBatch` on all cores (in a child process, which also
 * gives the peak RSS of a batch run), and pg_trgm on a 1,000-name sample of the same names.
 * The index is the bundled dataset + OFAC SDN (2024-05-03) + the partial CSL (2023-11).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSnapshot, indexFromSnapshot } from '../src/core/match/build-index.js';
import { screenWithIndex } from '../src/app/screen/screen.js';
import { bigIndexSource, BIG_FILES } from './big-index.js';
import { generateNames } from './names.js';
import { prng } from '../src/test-support/prng.js';
import { TrigramBaseline } from './trgm.js';
import type { BenchModule } from './types.js';
import { runBatchChild } from './batch-run.js';
import type { BatchFigures } from './batch-run.js';

const BATCH_ROWS = 200_000;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

interface ThroughputSection {
  index: { files: string[]; entities: number; names: number; loadFilesMs: number; snapshotMs: number; indexFromSnapshotMs: number; snapshotJsonMb: number };
  latency: { queries: number; p50Ms: number; p99Ms: number; meanMs: number; maxMs: number };
  batch: BatchFigures;
  pgTrgm: { queries: number; ms: number; namesPerSecond: number; ratio: number };
}

const mod: BenchModule = {
  name: 'throughput',
  description: `batch ${BATCH_ROWS.toLocaleString('en')} generated names on all cores, latency, index build, RSS, pg_trgm`,
  summary(s) {
    const t = s as ThroughputSection;
    return {
      'index (entities / names)': `${t.index.entities} / ${t.index.names}`,
      'index build ms (analyse names / from snapshot)': `${t.index.snapshotMs} / ${t.index.indexFromSnapshotMs}`,
      'latency p50 / p99 ms': `${t.latency.p50Ms} / ${t.latency.p99Ms}`,
      'batch names/s': `${t.batch.namesPerSecond} (${t.batch.rows} rows, ${t.batch.workers} workers, ${t.batch.cpuSeconds} CPU-s, load ${t.batch.loadAverage.join(' ')})`,
      'batch peak RSS MB': t.batch.peakRssMb,
      'pg_trgm names/s (1,000 sample)': t.pgTrgm.namesPerSecond,
      'ratio ours / pg_trgm': t.pgTrgm.ratio,
    };
  },
  async run(ctx) {
    let t = performance.now();
    const src = await bigIndexSource();
    const loadFilesMs = Math.round(performance.now() - t);
    t = performance.now();
    const snapshot = buildSnapshot(src);
    const snapshotMs = Math.round(performance.now() - t);
    t = performance.now();
    const index = indexFromSnapshot(snapshot);
    const indexFromSnapshotMs = Math.round(performance.now() - t);
    const listed = src.entities.filter((e) => e.type === 'organization').map((e) => e.name);
    const names = generateNames(BATCH_ROWS, listed);

    ctx.log('latency');
    const sample = generateNames(6000, listed, 7);
    for (const n of sample.slice(0, 1000)) screenWithIndex(index, n, { asOf: ctx.today }); // warm up
    const times: number[] = [];
    for (const n of sample.slice(1000)) {
      const s = performance.now();
      screenWithIndex(index, n, { asOf: ctx.today });
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const r3 = (x: number): number => Math.round(x * 1000) / 1000;
    const latency = { queries: times.length, p50Ms: r3(pct(times, 50)), p99Ms: r3(pct(times, 99)), meanMs: r3(times.reduce((a, b) => a + b, 0) / times.length), maxMs: r3(pct(times, 100)) };

    ctx.log(`batch: ${BATCH_ROWS} names`);
    const dir = mkdtempSync(path.join(tmpdir(), 'listwatch-bench-'));
    try {
      const json = JSON.stringify(snapshot);
      const batch = runBatchChild(ctx, dir, json, names);

      ctx.log('pg_trgm: 1,000 names');
      const trgm = await TrigramBaseline.create(index, 0.5);
      const rnd = prng(3);
      const q = Array.from({ length: 1000 }, () => names[Math.floor(rnd() * names.length)] ?? '');
      for (const n of q.slice(0, 20)) await trgm.query(n);
      t = performance.now();
      for (const n of q) await trgm.query(n);
      const ms = performance.now() - t;
      await trgm.close();
      const trgmRate = Math.round(q.length / (ms / 1000));
      const section: ThroughputSection = {
        index: { files: BIG_FILES.map((f) => path.relative(ctx.repoRoot, f.file)), entities: src.entities.length, names: snapshot.names.length, loadFilesMs, snapshotMs, indexFromSnapshotMs, snapshotJsonMb: r2(json.length / 2 ** 20) },
        latency,
        batch,
        pgTrgm: { queries: q.length, ms: Math.round(ms), namesPerSecond: trgmRate, ratio: r2(batch.namesPerSecond / trgmRate) },
      };
      return section;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default mod;
