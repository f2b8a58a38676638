import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { buildSnapshot, snapshotDeletionTable } from '../../core/match/build-index.js';
import { snapshotToJson } from '../../core/match/snapshot-json.js';
import type { Store } from '../../store/store.js';
import { createEnricher } from '../dossier/enrich.js';
import { indexSourceFromStore } from '../screen/index-source.js';
import { CURRENT_EPOCH, entityEpoch } from '../../core/history/entity-epoch.js';
import type { BatchChunk, BatchRow, BatchScreenOptions } from '../screen/batch-core.js';
import { toColumns } from '../screen/batch-columns.js';
import { rescreenOtherEpochs } from '../screen/batch-epochs.js';
import type { Role, ScreenHit } from '../types.js';
import { Lru } from '../lru.js';

// In src/ (through tsx) the thread is a .ts file; in dist/ it is compiled .js.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const THREAD_FILE = fileURLToPath(new URL(FROM_SOURCE ? './screen-thread.ts' : './screen-thread.js', import.meta.url));
// From source, the thread needs tsx too; a process that registered it through its API (bin/listwatch.mjs) has no flag a thread would inherit.
// Only that flag is passed: a thread refuses V8 and process flags (e.g. --max-old-space-size, which a user may give the
// worker process to bound its memory) with ERR_WORKER_INVALID_EXEC_ARGV, and those apply process-wide anyway. Otherwise
// the thread inherits the process's flags as Node filters them.
const THREAD_EXEC_ARGV = FROM_SOURCE && !process.execArgv.join(' ').includes('tsx') ? ['--import', 'tsx'] : undefined;

/** Options of a screener. */
export interface ChunkScreenerOptions {
  /** A chunk that takes longer is abandoned: its thread is ended and the run fails (to be retried). Default 60 s. */
  timeoutMs?: number;
  /** Least ms between two checks of the store revision (a changed record rebuilds the index). Default 5,000. */
  revisionCheckMs?: number;
  /** Heap limit of the screening thread, MB (default: 8 × the snapshot's size + 96, as the CLI batch). */
  maxHeapMb?: number;
  /** Test fault: rows with this name end the thread (see screen-thread.ts). */
  poison?: string;
  /** Monotonic clock, ms. */
  clock?: () => number;
  /** Told when the screening thread dies outside a task. */
  onThreadError?: (err: unknown) => void;
}

type Extras = Pick<ScreenHit, 'parents' | 'subsidiaries' | 'obligations'>;

interface State {
  revision: string;
  pool: Piscina;
  enricher: ReturnType<typeof createEnricher>;
  /** What enrichment adds to a hit depends only on (entity, date, role): kept per revision, so listed names that recur cost nothing. */
  extras: Lru<Extras>;
  /** `Store.getEntityChangeDates` at load (current state only): a job dated before the last needs an as-of index. */
  changeDates?: string[];
}

/**
 * Screens chunks of a batch job in one worker thread holding the index (the process's event loop
 * stays free for the queue and the database), then adds parents, subsidiaries and, with a role,
 * obligations to the rows with hits (store reads, cached per revision), as the server's screen does.
 * The index is rebuilt when the store's revision moves (another process imported), checked at most
 * every `revisionCheckMs`.
 */
export class ChunkScreener {
  private state: Promise<State> | null = null;
  /** One thread for as-of jobs dated before a change of names (issue #10): its epoch, revision and state. */
  private asOfState: { key: string; state: Promise<State> } | null = null;
  private checkedAt = -Infinity;

  constructor(private readonly store: Store, private readonly opts: ChunkScreenerOptions = {}) {}

  private clock(): number {
    return this.opts.clock?.() ?? performance.now();
  }

  private async load(revision: string, asOf?: string): Promise<State> {
    const changeDates = asOf === undefined ? await this.store.getEntityChangeDates() : undefined;
    const snapshot = buildSnapshot(await indexSourceFromStore(this.store, asOf));
    // Built here on shared memory, the deletion table (the largest part of an index) is not
    // rebuilt nor held a second time by the thread.
    const deletions = snapshotDeletionTable(snapshot);
    const snapshotJson = snapshotToJson(snapshot);
    const heap = this.opts.maxHeapMb ?? Math.ceil((8 * snapshotJson.length) / 2 ** 20) + 96;
    const pool = new Piscina({
      filename: THREAD_FILE,
      workerData: { snapshotJson, deletions, ...(this.opts.poison !== undefined ? { poison: this.opts.poison } : {}) },
      minThreads: 1,
      maxThreads: 1,
      idleTimeout: 60_000,
      ...(THREAD_EXEC_ARGV ? { execArgv: THREAD_EXEC_ARGV } : {}),
      resourceLimits: { maxOldGenerationSizeMb: heap, maxYoungGenerationSizeMb: 8 },
    });
    // A thread that dies outside a task (out of memory while building its index) must not take the process with it:
    // the task in hand fails and piscina starts a new thread.
    pool.on('error', (e: unknown) => this.opts.onThreadError?.(e));
    return { revision, pool, enricher: createEnricher({ store: this.store }), extras: new Lru<Extras>(20_000), ...(changeDates ? { changeDates } : {}) };
  }

  /**
   * The state that screens rows dated `asOf`: the current one, unless some entity's names changed
   * after `asOf`; then a thread holding the index of the names as they stood (one at a time: a job
   * of another epoch replaces it).
   */
  private async forDate(asOf: string): Promise<State> {
    const st = await this.current();
    const epoch = entityEpoch(st.changeDates ?? [], asOf);
    if (epoch === CURRENT_EPOCH) return st;
    const key = `${st.revision}|${epoch}`;
    if (this.asOfState?.key !== key) {
      const old = this.asOfState;
      const state = this.load(st.revision, asOf);
      this.asOfState = { key, state };
      state.catch(() => { if (this.asOfState?.state === state) this.asOfState = null; });
      if (old) void old.state.then((s) => s.pool.destroy()).catch(() => undefined);
    }
    return this.asOfState!.state;
  }

  private async current(): Promise<State> {
    const now = this.clock();
    if (this.state && now - this.checkedAt < (this.opts.revisionCheckMs ?? 5_000)) return this.state;
    this.checkedAt = now;
    const revision = await this.store.getRevision();
    const old = this.state;
    if (old && (await old).revision === revision) return old;
    this.state = this.load(revision);
    this.state.catch(() => { this.state = null; });
    if (old) void old.then((s) => s.pool.destroy()).catch(() => undefined);
    return this.state;
  }

  /**
   * Screens rows in input order. Rejects when the thread dies (memory), the chunk outlives the
   * time-out or `signal` aborts; the thread is then replaced for the next chunk.
   */
  async screen(rows: readonly BatchRow[], opts: BatchScreenOptions & { role?: Role }): Promise<BatchChunk & { enrichMs?: number }> {
    const st = await this.forDate(opts.asOf);
    const { role, ...screenOpts } = opts;
    const signal = AbortSignal.timeout(this.opts.timeoutMs ?? 60_000);
    let chunk: BatchChunk;
    try {
      chunk = (await st.pool.run(toColumns(rows, screenOpts), { signal })) as BatchChunk;
      // Rows dated in another state of the names than the job's date: screened again on their own date's index.
      const changeDates = (await this.current()).changeDates ?? [];
      chunk = await rescreenOtherEpochs(chunk, rows, opts.asOf, changeDates, async (asOf, some) =>
        (await (await this.forDate(asOf)).pool.run(toColumns(some, screenOpts), { signal })) as BatchChunk);
    } catch (e) {
      if (signal.aborted) throw new Error(`the chunk took longer than ${this.opts.timeoutMs ?? 60_000} ms; its thread was stopped`, { cause: e });
      throw e;
    }
    if (chunk.withHits === 0) return chunk;
    const t0 = performance.now();
    // Only rows with hits change: parse, enrich, serialise those (a few per chunk).
    const lines = [...chunk.lines];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.includes('"hits":[]') || !line.includes('"hits":[')) continue;
      const rec = JSON.parse(line) as { asOf: string; hits: ScreenHit[] };
      const keyOf = (h: ScreenHit): string => `${h.entityId}|${rec.asOf}|${role ?? ''}`;
      const missing = rec.hits.filter((h) => st.extras.get(keyOf(h)) === undefined);
      if (missing.length) {
        for (const h of await st.enricher.enrich(missing, { asOf: rec.asOf, ...(role ? { role } : {}) })) {
          st.extras.set(keyOf(h), { parents: h.parents ?? [], subsidiaries: h.subsidiaries ?? [], ...(h.obligations ? { obligations: h.obligations } : {}) });
        }
      }
      rec.hits = rec.hits.map((h) => ({ ...h, ...st.extras.get(keyOf(h)) }));
      lines[i] = JSON.stringify(rec);
    }
    return { ...chunk, lines, enrichMs: performance.now() - t0 };
  }

  /**
   * Builds the index and starts the thread now, so the first chunk does not wait for them. The
   * thread loads its module (and so rebuilds its index from the snapshot) only with its first task:
   * an empty one is sent here, so that happens now too.
   */
  async warm(): Promise<void> {
    const st = await this.current();
    await st.pool.run(toColumns([], { asOf: '2000-01-01' }));
  }

  /** Ends the thread. */
  async close(): Promise<void> {
    const st = this.state;
    const asOf = this.asOfState?.state;
    this.state = null;
    this.asOfState = null;
    if (st) await (await st.catch(() => null))?.pool.destroy();
    if (asOf) await (await asOf.catch(() => null))?.pool.destroy();
  }
}
