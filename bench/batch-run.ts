import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { BATCH_NODE_ARGS } from '../bin/batch-node-args.mjs';
import { ensureBuilt } from './build.js';
import type { BenchContext } from './types.js';

/** What bench/batch-child.mjs reports for one batch run, plus the workers and the load after it. */
export interface BatchFigures {
  compiled: boolean;
  /** The deletion table was read from a file as the CLI's index cache keeps it (else built from the snapshot). */
  cachedTable: boolean;
  rows: number;
  /**
   * Distinct names among the rows. Each worker keeps a bounded memo of the answers it gave, so a
   * repeated name costs less than a new one: read names/s with this beside it.
   */
  uniqueNames: number;
  workers: number;
  withHits: number;
  errors: number;
  screenMs: number;
  namesPerSecond: number;
  /** CPU-seconds of the whole batch process (main thread + workers, index rebuild in each worker included). */
  cpuSeconds: number;
  /** CPU-seconds per 1,000 names: the figure to compare on a shared machine (wall time depends on the load). */
  cpuSecondsPer1000: number;
  mainThreadBusy: number;
  /** CPU-seconds of the main thread alone (CSV in, JSONL out, start-up), null where /proc is not there. */
  mainThreadCpuSeconds: number | null;
  /**
   * CPU-seconds of each thread of the batch process, busiest first (Linux): the main thread, the
   * worker threads and V8's helper threads (garbage collection and optimising compilation).
   */
  threadCpuSeconds?: number[];
  peakRssMb: number;
  loadSnapshotMs: number;
  loadAverage: number[];
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Screens `names` as a CSV through `screenBatchChunks` on all cores in a child process (the
 * compiled modules, as `listwatch screen --input` runs them; the sources through tsx if dist/
 * cannot be built), against the index snapshot JSON `snapshotJson`, with the deletion table read
 * from `tableFile` when given (as a cached index has it). Files go to `dir`.
 */
export function runBatchChild(ctx: BenchContext, dir: string, snapshotJson: string, names: readonly string[], tableFile?: string): BatchFigures {
  const snapFile = path.join(dir, 'snapshot.json');
  writeFileSync(snapFile, snapshotJson);
  const input = path.join(dir, 'names.csv');
  writeFileSync(input, 'id,name\n' + names.map((n, i) => `r${i},"${n.replace(/"/g, '""')}"`).join('\n') + '\n');
  const workers = availableParallelism();
  const { ok } = ensureBuilt(ctx);
  const child = path.join(ctx.repoRoot, 'bench', 'batch-child.mjs');
  // The flags `listwatch screen --input` runs with (a bounded heap, TurboFan inlining off).
  const args = [...BATCH_NODE_ARGS, ...(ok ? [child] : ['--import', 'tsx', child])];
  const out = execFileSync(process.execPath, [...args, snapFile, input, path.join(dir, 'out.jsonl'), String(workers), ctx.today, ...(tableFile ? [tableFile] : [])], { encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, ...(ok ? {} : { BENCH_FROM_SOURCE: '1' }) } });
  const b = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Omit<BatchFigures, 'workers' | 'loadAverage' | 'cpuSecondsPer1000' | 'uniqueNames' | 'cachedTable'>;
  return { ...b, cachedTable: tableFile !== undefined, uniqueNames: new Set(names).size, workers, cpuSecondsPer1000: b.rows ? Math.round((b.cpuSeconds / b.rows) * 1e6) / 1000 : 0, loadAverage: loadavg().map(r2) };
}

/** Single-query latency in a fresh child process (see bench/latency-child.mjs). */
export interface LatencyFigures {
  compiled: boolean;
  queries: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  cpuSecondsPer1000: number;
}

/**
 * Screens `sample` one name at a time in a child process against the index of `snapshotJson`
 * (the compiled modules when dist/ builds), the first `warmup` names unmeasured. Files go to `dir`.
 */
export function runLatencyChild(ctx: BenchContext, dir: string, snapshotJson: string, sample: readonly string[], warmup: number): LatencyFigures {
  const snapFile = path.join(dir, 'latency-snapshot.json');
  writeFileSync(snapFile, snapshotJson);
  const namesFile = path.join(dir, 'latency-names.json');
  writeFileSync(namesFile, JSON.stringify(sample));
  const { ok } = ensureBuilt(ctx);
  const child = path.join(ctx.repoRoot, 'bench', 'latency-child.mjs');
  const out = execFileSync(process.execPath, [...(ok ? [] : ['--import', 'tsx']), child, snapFile, namesFile, String(warmup), ctx.today], { encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, ...(ok ? {} : { BENCH_FROM_SOURCE: '1' }) } });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as LatencyFigures;
}
