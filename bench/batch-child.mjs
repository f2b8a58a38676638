/**
 * Child process of the throughput benchmark: screens a CSV with `screenBatchChunks` against an
 * index snapshot file, the way `listwatch screen --input` does, and prints its figures as JSON
 * (so peak RSS is that of a batch run, not of the benchmark harness). It runs the compiled
 * modules in dist/ when they exist (what users run), else the sources (start it with --import tsx).
 * With TABLE (the snapshot's deletion table as the CLI's index cache keeps it beside the snapshot,
 * see src/app/screen/deletion-table-file.ts), the table is read from it (timed) instead of built,
 * as a `listwatch screen --input` whose index is cached does.
 * Usage: node --max-old-space-size=512 bench/batch-child.mjs SNAPSHOT.json INPUT.csv OUTPUT.jsonl WORKERS AS_OF [TABLE]
 */
import { createReadStream, createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist', 'src', 'app', 'screen');
const compiled = existsSync(path.join(dist, 'batch.js')) && !process.env.BENCH_FROM_SOURCE;
const mod = (name) => pathToFileURL(compiled ? path.join(dist, `${name}.js`) : path.join(root, 'src', 'app', 'screen', `${name}.ts`)).href;
const { screenBatchChunks } = await import(mod('batch'));
const { BatchWriter, readBatchCsv } = await import(mod('batch-io'));
const { chunkRows } = await import(mod('batch-core'));
const { readDeletionTableFile } = await import(mod('deletion-table-file'));

const [snapFile, input, output, workers, asOf, tableFile] = process.argv.slice(2);
const t0 = performance.now();
const snapshot = readFileSync(snapFile, 'utf8'); // JSON text: workers parse it
const tIndex = performance.now();
const elu0 = performance.eventLoopUtilization();
const deletions = tableFile ? await readDeletionTableFile(tableFile) : null;
if (tableFile && !deletions) throw new Error(`${tableFile}: not a deletion table`);
const writer = new BatchWriter(createWriteStream(output), 'jsonl');
let rows = 0;
let withHits = 0;
let errors = 0;
let rssPeak = 0;
let mainHeapPeak = 0;
// CPU of every thread of the process, last seen (Linux /proc; a thread that ended keeps its last
// figure): the worker threads, and V8's helper threads (garbage collection and optimising
// compilation for every isolate), which a batch on two cores shares with the workers.
const threadCpu = new Map();
/** CPU-seconds of one thread of this process (utime + stime of its /proc task, in USER_HZ = 100/s), or null. */
const taskCpu = (tid) => {
  try {
    const s = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null; // not Linux, or the thread ended while read
  }
};
const readThreads = () => {
  let tids = [];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    // not Linux
  }
  for (const t of tids) {
    const c = taskCpu(t);
    if (c !== null) threadCpu.set(t, c);
  }
};
const sample = setInterval(() => { const m = process.memoryUsage(); rssPeak = Math.max(rssPeak, m.rss); mainHeapPeak = Math.max(mainHeapPeak, m.heapTotal + m.external); readThreads(); }, 100);
for await (const chunk of screenBatchChunks(readBatchCsv(createReadStream(input), input), { snapshot, ...(deletions ? { deletions } : {}), asOf, workers: Number(workers), ...(process.env.CHUNK ? { chunkSize: Number(process.env.CHUNK) } : {}) })) {
  rows += chunkRows(chunk); // chunk.lines of a worker's chunk would be decoded from its bytes
  errors += chunk.errors.length;
  withHits += chunk.withHits;
  await writer.writeChunk(chunk);
}
await writer.end();
clearInterval(sample);
const tEnd = performance.now();
const cpu = process.cpuUsage();
// CPU of the main thread alone (Linux: its /proc task is the process id): unlike main-thread busy,
// not stretched when other processes take the cores.
const mainCpu = taskCpu(process.pid);
const mainThreadCpu = mainCpu === null ? null : Math.round(mainCpu * 100) / 100;
process.stdout.write(JSON.stringify({
  compiled,
  rows, withHits, errors,
  loadSnapshotMs: Math.round(tIndex - t0),
  screenMs: Math.round(tEnd - tIndex),
  namesPerSecond: Math.round(rows / ((tEnd - tIndex) / 1000)),
  mainThreadBusy: Math.round(performance.eventLoopUtilization(elu0).utilization * 100) / 100,
  cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
  mainThreadCpuSeconds: mainThreadCpu,
  // Busiest first; the main thread is one of them.
  threadCpuSeconds: [...threadCpu.values()].filter((v) => v >= 0.05).sort((a, b) => b - a).map((v) => Math.round(v * 100) / 100),
  mainHeapPeakMb: Math.round(mainHeapPeak / 2 ** 20),
  peakRssMb: Math.round(Math.max(rssPeak, process.resourceUsage().maxRSS * 1024) / 2 ** 20),
}) + '\n');
