import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { indexFromSnapshot } from '../../core/match/build-index.js';
import type { IndexSnapshot, ScreenIndex } from '../../core/match/types.js';
import { screenChunk, type BatchRecord, type BatchRow, type BatchScreenOptions } from './batch-core.js';

export type { BatchRecord, BatchRow, BatchScreenOptions } from './batch-core.js';

/** Options of a batch run: the shared screen options plus the index and how to spread the work. */
export interface BatchOptions extends BatchScreenOptions {
  /** The index snapshot workers rebuild the index from. */
  snapshot: IndexSnapshot;
  /** The built index, if the caller has one (used when the batch is small enough to run in-process). */
  index?: ScreenIndex;
  /** Worker threads (default: all cores). 1 = in-process. */
  workers?: number;
  /** Rows per task sent to a worker (default 1,000). */
  chunkSize?: number;
}

/** Progress after each chunk: rows done so far. */
export type BatchProgress = (done: number) => void;

async function* chunks(rows: AsyncIterable<BatchRow> | Iterable<BatchRow>, size: number): AsyncGenerator<BatchRow[]> {
  let buf: BatchRow[] = [];
  for await (const r of rows) {
    buf.push(r);
    if (buf.length >= size) {
      yield buf;
      buf = [];
    }
  }
  if (buf.length) yield buf;
}

// In src/ (through tsx) the worker is a .ts file; in dist/ it is compiled .js.
const WORKER_FILE = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './batch-worker.ts' : './batch-worker.js', import.meta.url));

/**
 * Screens a stream of rows and yields one record per row, IN INPUT ORDER, as soon as it is
 * ready. Work is spread over worker threads (piscina) in chunks; at most a few chunks per
 * worker are in flight, so memory stays flat however long the input is (10 M rows stream
 * through). A bad row (empty name, bad date) yields an error record and never stops the batch.
 * Inputs of one chunk or less, or `workers: 1`, run in-process without starting threads.
 */
export async function* screenBatch(rows: AsyncIterable<BatchRow> | Iterable<BatchRow>, opts: BatchOptions, onProgress?: BatchProgress): AsyncGenerator<BatchRecord> {
  const size = opts.chunkSize ?? 1000;
  const workers = Math.max(1, opts.workers ?? availableParallelism());
  const shared: BatchScreenOptions = {
    asOf: opts.asOf,
    ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
    ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
    ...(opts.includeInactive !== undefined ? { includeInactive: opts.includeInactive } : {}),
  };
  const it = chunks(rows, size);
  const first = await it.next();
  if (first.done) return;
  const second = workers > 1 ? await it.next() : { done: true as const, value: undefined };
  let done = 0;
  if (second.done) {
    const index = opts.index ?? indexFromSnapshot(opts.snapshot);
    for (let c: IteratorResult<BatchRow[]> = first; !c.done; c = await it.next()) {
      const recs = screenChunk(index, c.value, shared);
      done += recs.length;
      onProgress?.(done);
      yield* recs;
    }
    return;
  }
  const pool = new Piscina({ filename: WORKER_FILE, workerData: { snapshot: opts.snapshot }, minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
  const inFlight: Promise<string>[] = [];
  const maxInFlight = workers * 3;
  const submit = (c: BatchRow[]): void => {
    const p = pool.run({ rows: c, opts: shared }) as Promise<string>;
    p.catch(() => undefined); // rejections surface when the promise is awaited in order
    inFlight.push(p);
  };
  try {
    submit(first.value);
    submit(second.value);
    for (;;) {
      while (inFlight.length >= maxInFlight) {
        const recs = JSON.parse(await (inFlight.shift() as Promise<string>)) as BatchRecord[];
        done += recs.length;
        onProgress?.(done);
        yield* recs;
      }
      const c = await it.next();
      if (c.done) break;
      submit(c.value);
    }
    while (inFlight.length) {
      const recs = JSON.parse(await (inFlight.shift() as Promise<string>)) as BatchRecord[];
      done += recs.length;
      onProgress?.(done);
      yield* recs;
    }
  } finally {
    await pool.destroy();
  }
}
