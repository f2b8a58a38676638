/**
 * Scale (#9 item 7): the record as a user builds it — a fresh store seeded with the bundled
 * record (data/: Entity List, UFLPA and the other lists) plus an import of the full
 * Consolidated Screening List of 2026-07-31 (25,921 rows, `trade-csl-compact`) — loaded and
 * screened: seed and import times, index build time (store reads, analysing every name, lookup
 * structures), the harness's peak RSS, single-query latency (p50/p99) and batch throughput
 * (names/s, CPU-seconds per 1,000 names, peak RSS of the batch process) against that index.
 * BENCH_SCALE_ROWS sets the batch size (default 100,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { importFiles } from '../src/app/import/service.js';
import { ensureSeeded } from '../src/app/seed.js';
import { indexSourceFromStore } from '../src/app/screen/index-source.js';
import { screenWithIndex } from '../src/app/screen/screen.js';
import { buildSnapshot, indexFromSnapshot } from '../src/core/match/build-index.js';
import { snapshotToJson } from '../src/core/match/snapshot-json.js';
import { openStore } from '../src/store/open.js';
import { runBatchChild, type BatchFigures } from './batch-run.js';
import { generateNames } from './names.js';
import type { BenchModule } from './types.js';

const FULL_CSL = 'data/bis_entity_list/seelpeed_csl_compact_2026-07-31/screening-list.json';

interface ScaleSection {
  record: { seedMs: number; importMs: number; cslRows: number; entities: number; designations: number; lists: number };
  index: { names: number; storeReadMs: number; analyseMs: number; fromSnapshotMs: number; buildMs: number; snapshotJsonMb: number; harnessPeakRssMb: number };
  /** In process, one thread; `namesPerCpuSecond` is the single-thread rate by CPU time (the load does not inflate it as it does wall time). */
  latency: { queries: number; p50Ms: number; p99Ms: number; meanMs: number; maxMs: number; cpuSecondsPer1000: number; namesPerCpuSecond: number };
  batch: BatchFigures;
  loadAverageAtStart: number[];
}

const r2 = (x: number): number => Math.round(x * 100) / 100;
const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const mod: BenchModule = {
  name: 'scale',
  description: 'bundled record + full CSL (25,921 rows) imported into a fresh store: index build, RSS, latency, batch names/s',
  summary(s) {
    const t = s as ScaleSection;
    return {
      'record (entities / designations / lists)': `${t.record.entities} / ${t.record.designations} / ${t.record.lists} (seed ${t.record.seedMs} ms, CSL import ${t.record.importMs} ms)`,
      'index names': t.index.names,
      'index build ms (store reads / analyse / from snapshot)': `${t.index.storeReadMs} / ${t.index.analyseMs} / ${t.index.fromSnapshotMs}`,
      'harness peak RSS MB': t.index.harnessPeakRssMb,
      'latency p50 / p99 ms': `${t.latency.p50Ms} / ${t.latency.p99Ms}`,
      'single thread names per CPU-s': `${t.latency.namesPerCpuSecond} (${t.latency.cpuSecondsPer1000} CPU-s per 1,000 names)`,
      'batch names/s': `${t.batch.namesPerSecond} (${t.batch.rows} rows, ${t.batch.workers} workers, ${t.batch.cpuSeconds} CPU-s = ${t.batch.cpuSecondsPer1000} CPU-s per 1,000 names, load ${t.batch.loadAverage.join(' ')})`,
      'batch peak RSS MB': t.batch.peakRssMb,
    };
  },
  async run(ctx) {
    const loadAverageAtStart = loadavg().map(r2);
    const rows = Number(process.env.BENCH_SCALE_ROWS ?? 100_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'listwatch-scale-'));
    try {
      const store = await openStore({ dbDir: path.join(dir, 'db') });
      let snapshotJson: string;
      let section: Omit<ScaleSection, 'batch' | 'loadAverageAtStart'>;
      let listed: string[];
      try {
        ctx.log('scale: seeding the bundled record');
        let t = performance.now();
        await ensureSeeded(store, path.join(ctx.repoRoot, 'data'), () => undefined);
        const seedMs = Math.round(performance.now() - t);
        ctx.log('scale: importing the full CSL');
        t = performance.now();
        const [imp] = await importFiles(store, 'trade-csl-compact', [ctx.sharedPath(FULL_CSL)], { today: ctx.today, date: '2026-07-31', force: true });
        const importMs = Math.round(performance.now() - t);
        ctx.log('scale: building the index from the store');
        t = performance.now();
        const src = await indexSourceFromStore(store);
        const storeReadMs = Math.round(performance.now() - t);
        t = performance.now();
        const snapshot = buildSnapshot(src);
        const analyseMs = Math.round(performance.now() - t);
        t = performance.now();
        const index = indexFromSnapshot(snapshot);
        const fromSnapshotMs = Math.round(performance.now() - t);
        snapshotJson = snapshotToJson(snapshot);
        listed = src.entities.filter((e) => e.type === 'organization').map((e) => e.name);
        ctx.log('scale: latency');
        const sample = generateNames(6000, listed, 7);
        for (const n of sample.slice(0, 1000)) screenWithIndex(index, n, { asOf: ctx.today });
        const times: number[] = [];
        const cpu0 = process.cpuUsage();
        for (const n of sample.slice(1000)) {
          const s = performance.now();
          screenWithIndex(index, n, { asOf: ctx.today });
          times.push(performance.now() - s);
        }
        const cpu = process.cpuUsage(cpu0);
        const cpuS = (cpu.user + cpu.system) / 1e6;
        times.sort((a, b) => a - b);
        section = {
          record: { seedMs, importMs, cslRows: imp?.lists.reduce((n, l) => n + l.entityCount, 0) ?? 0, entities: src.entities.length, designations: src.designations.length, lists: src.lists.length },
          index: { names: snapshot.names.length, storeReadMs, analyseMs, fromSnapshotMs, buildMs: storeReadMs + analyseMs + fromSnapshotMs, snapshotJsonMb: r2(snapshotJson.length / 2 ** 20), harnessPeakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20) },
          latency: { queries: times.length, p50Ms: r3(pct(times, 50)), p99Ms: r3(pct(times, 99)), meanMs: r3(times.reduce((a, b) => a + b, 0) / times.length), maxMs: r3(pct(times, 100)), cpuSecondsPer1000: r3((cpuS / times.length) * 1000), namesPerCpuSecond: Math.round(times.length / cpuS) },
        };
      } finally {
        await store.close();
      }
      ctx.log(`scale: batch of ${rows} names`);
      const batch = runBatchChild(ctx, dir, snapshotJson, generateNames(rows, listed));
      const out: ScaleSection = { ...section, batch, loadAverageAtStart };
      return out;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default mod;
