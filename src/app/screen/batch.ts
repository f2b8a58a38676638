import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { indexFromSnapshot, snapshotDeletionTable } from '../../core/match/build-index.js';
import { snapshotFromJson, snapshotToJson, tokensOfSnapshotJson } from '../../core/match/snapshot-json.js';
import { buildDeletionTable, type DeletionTableData } from '../../core/match/deletion-table.js';
import type { IndexSnapshot, ScreenIndex } from '../../core/match/types.js';
import { chunkFromJsonl, chunkRows, screenChunkLines, type BatchChunk, type BatchRecord, type BatchRow, type BatchScreenOptions } from './batch-core.js';
import { toColumns, type WorkerChunk } from './batch-columns.js';

export type { BatchChunk, BatchRecord, BatchRow, BatchScreenOptions } from './batch-core.js';

/** Options of a batch run: the shared screen options plus the index and how to spread the work. */
export interface BatchOptions extends BatchScreenOptions {
  /** The index snapshot workers rebuild the index from, or its JSON text (`snapshotToJson`, or the object's own JSON; saves the main thread a copy). */
  snapshot: IndexSnapshot | string;
  /** The built index, if the caller has one (used when the batch is small enough to run in-process). */
  index?: ScreenIndex;
  /**
   * The snapshot's deletion table, when the caller has it without an index (read from the index
   * cache: `readDeletionTableFile`), instead of building it here. A table of other tokens is not
   * used (each worker then builds its own, see `tableFits`).
   */
  deletions?: DeletionTableData;
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
 * Screens a stream of rows and yields chunks of results IN INPUT ORDER as soon as each is
 * ready. Work is spread over worker threads (piscina) in chunks; at most a few chunks per
 * worker are in flight, so memory stays flat however long the input is (10 M rows stream
 * through). A bad row (empty name, bad date) becomes an error record and never stops the batch.
 * Inputs of one chunk or less, or `workers: 1`, run in-process without starting threads.
 * Records stay JSON text, so a JSONL writer copies them without parsing.
 */
export async function* screenBatchChunks(rows: AsyncIterable<BatchRow> | Iterable<BatchRow>, opts: BatchOptions, onProgress?: BatchProgress): AsyncGenerator<BatchChunk> {
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
    const index = opts.index ?? indexFromSnapshot(typeof opts.snapshot === 'string' ? snapshotFromJson(opts.snapshot) : opts.snapshot, opts.deletions ? { deletions: opts.deletions } : {});
    for (let c: IteratorResult<BatchRow[]> = first; !c.done; c = await it.next()) {
      const chunk = screenChunkLines(index, c.value, shared);
      done += chunk.lines.length;
      onProgress?.(done);
      yield chunk;
    }
    return;
  }
  // As JSON text: objects the worker parses itself are much faster to read than structured
  // clones (measured: the cloned index screened at about half the speed).
  const snapshotJson = typeof opts.snapshot === 'string' ? opts.snapshot : snapshotToJson(opts.snapshot);
  // Once as UTF-8 on shared memory, which every worker decodes: a string in workerData is
  // serialised again for each worker (measured: 130 ms of main-thread CPU per worker for a 19 MB
  // snapshot, against 90 ms once for the shared bytes).
  const snapshotBytes = new Uint8Array(new SharedArrayBuffer(Buffer.byteLength(snapshotJson, 'utf8')));
  Buffer.from(snapshotBytes.buffer, 0, snapshotBytes.length).write(snapshotJson, 'utf8');
  const pool = new Piscina({
    filename: WORKER_FILE,
    workerData: { snapshotBytes },
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
    // Each worker holds its own index: 7 to 9 × the snapshot's JSON size once built (measured:
    // 37 MB for the bundled record's 4 MB, 197 MB for the record + full CSL's 25 MB), and more
    // while it is built (the JSON text, the parsed snapshot and the new maps at once). A heap
    // bounded to that plus room for the chunk garbage and the word memos makes V8 collect early
    // instead of growing, so a long batch stays flat. (8 × JSON + 96 MB ran the worker out of
    // memory on the record + full CSL.) A --max-old-space-size flag on the process overrides this
    // limit (bin/listwatch.mjs sets 512 MB for a batch screen, see there). The deletion table is
    // shared memory outside these heaps. A 16 MB young generation (4 MB before) keeps a query's
    // short-lived garbage out of the old generation: about 8 % less CPU for the batch (measured),
    // the same peak RSS.
    resourceLimits: { maxOldGenerationSizeMb: Math.ceil((12 * snapshotJson.length) / 2 ** 20) + 128, maxYoungGenerationSizeMb: 16 },
  });
  const inFlight: Promise<BatchChunk>[] = [];
  // Two chunks per worker keep every worker busy; more in flight only grows the main thread's heap.
  const maxInFlight = workers * 2;
  const submit = (c: BatchRow[], deletions: DeletionTableData): void => {
    const task = toColumns(c, shared);
    task.deletions = deletions;
    const p = (pool.run(task) as Promise<WorkerChunk>).then((w) => chunkFromJsonl(w.jsonl, w.rows, w.errors, w.withHits));
    p.catch(() => undefined); // rejections surface when the promise is awaited in order
    inFlight.push(p);
  };
  const next = async (): Promise<BatchChunk> => {
    const chunk = await (inFlight.shift() as Promise<BatchChunk>);
    done += chunkRows(chunk);
    onProgress?.(done);
    return chunk;
  };
  try {
    // The deletion table (the costliest part of an index) is made once, here, on shared memory
    // that every worker reads, instead of once per worker; made while the workers start and parse
    // the snapshot (made before starting them, it kept them waiting about half a second), it goes
    // with every task (a clone of shared memory copies nothing) and a worker builds its index on
    // its first task.
    const deletions = opts.index?.deletions ?? opts.deletions ?? (typeof opts.snapshot === 'string' ? buildDeletionTable(tokensOfSnapshotJson(opts.snapshot)) : snapshotDeletionTable(opts.snapshot));
    submit(first.value, deletions);
    submit(second.value, deletions);
    for (;;) {
      while (inFlight.length >= maxInFlight) yield await next();
      const c = await it.next();
      if (c.done) break;
      submit(c.value, deletions);
    }
    while (inFlight.length) yield await next();
  } finally {
    await pool.destroy();
  }
}

/**
 * The same as `screenBatchChunks`, one record object per row (in input order), for library
 * callers that want objects rather than JSON lines. (The HTTP jobs runner screens its chunks
 * in-process through the server's services, so that it can persist progress per chunk.)
 */
export async function* screenBatch(rows: AsyncIterable<BatchRow> | Iterable<BatchRow>, opts: BatchOptions, onProgress?: BatchProgress): AsyncGenerator<BatchRecord> {
  for await (const chunk of screenBatchChunks(rows, opts, onProgress)) {
    for (const line of chunk.lines) yield JSON.parse(line) as BatchRecord;
  }
}
