/**
 * Child process of the throughput benchmark: screens a CSV with `screenBatch` against an index
 * snapshot file, the way `listwatch screen --input` does, and prints its own figures as JSON
 * (so peak RSS is that of a batch run, not of the benchmark harness).
 * Usage: node --import tsx bench/batch-child.ts SNAPSHOT.json INPUT.csv OUTPUT.jsonl WORKERS AS_OF
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import type { IndexSnapshot } from '../src/core/match/types.js';
import { screenBatchChunks } from '../src/app/screen/batch.js';
import { BatchWriter, readBatchCsv } from '../src/app/screen/batch-io.js';

const [snapFile, input, output, workers, asOf] = process.argv.slice(2) as [string, string, string, string, string];
const t0 = performance.now();
const snapshot = JSON.parse(readFileSync(snapFile, 'utf8')) as IndexSnapshot;
const tIndex = performance.now();
const elu0 = performance.eventLoopUtilization();
const writer = new BatchWriter(createWriteStream(output), 'jsonl');
let rows = 0;
let withHits = 0;
let errors = 0;
let rssPeak = 0;
const sample = setInterval(() => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); }, 100);
for await (const chunk of screenBatchChunks(readBatchCsv(createReadStream(input), input), { snapshot, asOf, workers: Number(workers) })) {
  rows += chunk.lines.length;
  errors += chunk.errors.length;
  withHits += chunk.withHits;
  await writer.writeChunk(chunk);
}
await writer.end();
clearInterval(sample);
const tEnd = performance.now();
process.stdout.write(JSON.stringify({
  rows, withHits, errors,
  loadIndexMs: Math.round(tIndex - t0),
  screenMs: Math.round(tEnd - tIndex),
  namesPerSecond: Math.round(rows / ((tEnd - tIndex) / 1000)),
  mainThreadBusy: Math.round(performance.eventLoopUtilization(elu0).utilization * 100) / 100,
  cpuSeconds: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1e4) / 100,
  peakRssMb: Math.round(Math.max(rssPeak, process.resourceUsage().maxRSS * 1024) / 2 ** 20),
}) + '\n');
