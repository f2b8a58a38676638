/**
 * Speed: index build time, single-query latency (p50/p99, one thread, in a fresh child process), batch throughput of
 * ≥ 200,000 generated names through `screenBatch` on all cores (in a child process, which also
 * gives the peak RSS of a batch run), and pg_trgm on a 1,000-name sample of the same names.
 * The batch runs twice: as a `listwatch screen --input` whose index is cached (the deletion table
 * read from the file the CLI's index cache keeps beside the snapshot: `batch`), and with the
 * table built from the snapshot, as on the first run after an import or upgrade (`batchBuiltTable`).
 * The index is the bundled dataset + OFAC SDN (2024-05-03) + the partial CSL (2023-11).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSnapshot, indexFromSnapshot } from '../src/core/match/build-index.js';
import { snapshotToJson } from '../src/core/match/snapshot-json.js';
import { bigIndexSource, BIG_FILES } from './big-index.js';
import { generateNames } from './names.js';
import { prng } from '../src/test-support/prng.js';
import { TrigramBaseline } from './trgm.js';
import type { BenchModule } from './types.js';
import { runBatchChild, runLatencyChild } from './batch-run.js';
import { writeDeletionTableFile } from '../src/app/screen/deletion-table-file.js';
import type { BatchFigures, LatencyFigures } from './batch-run.js';

const BATCH_ROWS = 200_000;

const r2 = (x: number): number => Math.round(x * 100) / 100;

interface ThroughputSection {
  index: { files: string[]; entities: number; names: number; loadFilesMs: number; snapshotMs: number; indexFromSnapshotMs: number; snapshotJsonMb: number };
  latency: LatencyFigures;
  batch: BatchFigures;
  batchBuiltTable: BatchFigures;
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
      'batch names/s': `${t.batch.namesPerSecond} (${t.batch.rows} rows, ${t.batch.uniqueNames} distinct names, ${t.batch.workers} workers, ${t.batch.cpuSeconds} CPU-s, load ${t.batch.loadAverage.join(' ')})`,
      'batch CPU-s per 1,000 rows / main thread busy / main thread CPU-s': `${t.batch.cpuSecondsPer1000} / ${t.batch.mainThreadBusy} / ${t.batch.mainThreadCpuSeconds ?? 'n/a'}`,
      'batch CPU-s per thread (main, workers, V8 helpers)': (t.batch.threadCpuSeconds ?? []).join(' ') || 'n/a',
      'batch peak RSS MB': t.batch.peakRssMb,
      'batch names/s, deletion table built (first run after an import)': `${t.batchBuiltTable.namesPerSecond} (${t.batchBuiltTable.cpuSeconds} CPU-s, peak RSS ${t.batchBuiltTable.peakRssMb} MB)`,
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
    const sample = generateNames(10_000, listed, 7);
    const dir = mkdtempSync(path.join(tmpdir(), 'listwatch-bench-'));
    const json = snapshotToJson(snapshot);
    // In a fresh process: measured in this harness, p99 depended on what the harness had run before.
    const latency = runLatencyChild(ctx, dir, json, sample, 5000);

    ctx.log(`batch: ${BATCH_ROWS} names, cached deletion table, then built`);
    try {
      const tableFile = path.join(dir, 'snapshot.deletions');
      await writeDeletionTableFile(tableFile, index.deletions);
      const batch = runBatchChild(ctx, dir, json, names, tableFile);
      const batchBuiltTable = runBatchChild(ctx, dir, json, names);

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
        batchBuiltTable,
        pgTrgm: { queries: q.length, ms: Math.round(ms), namesPerSecond: trgmRate, ratio: r2(batch.namesPerSecond / trgmRate) },
      };
      return section;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default mod;
