import v8 from 'node:v8';
import vm from 'node:vm';

/** What a heap budget did, for the worker's log. */
export interface HeapBudgetStats {
  /** Full collections it asked for. */
  collections: number;
  /** Heap in use after the last one, MB. */
  liveMb: number;
}

/** A running heap budget: `stop` ends its timer; `stats` says what it did. */
export interface HeapBudget {
  stop(): void;
  stats(): HeapBudgetStats;
}

/**
 * Keeps the calling thread's V8 heap near `budgetMb` by asking for a full collection when the heap
 * in use passes the budget, checked every `everyMs`.
 *
 * Why: a job worker's main thread passes every chunk's input and results through (database rows in,
 * 2,000 result lines out, their joined text to the database). Those objects live across database
 * round trips, so they are promoted out of the young generation, and V8 lets the old generation grow
 * to about four times its live size before a full collection: measured on a 600,000-row job, the
 * main heap went from 50–66 MB live to 210–270 MB in use (390 MB committed) between collections,
 * most of the worker process's peak RSS. The screening thread has its own heap limit and is not
 * affected; a process-wide `--max-old-space-size` would also cap that thread's heap (Node applies it
 * to every thread), so the main thread is bounded this way instead.
 *
 * The collection is V8's own (`gc`, exposed for this context only through `--expose-gc` set at run
 * time, as Node's `v8.setFlagsFromString` documents for GC flags). When the live heap itself is
 * above the budget (while building an index), the next collection waits until the heap is 1.5 × the
 * live size, so a large live heap is not collected over and over.
 */
export function startHeapBudget(budgetMb: number, everyMs = 250): HeapBudget {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const budget = budgetMb * 2 ** 20;
  let threshold = budget;
  let collections = 0;
  let live = 0;
  const timer = setInterval(() => {
    if (v8.getHeapStatistics().used_heap_size < threshold) return;
    gc();
    collections++;
    live = v8.getHeapStatistics().used_heap_size;
    threshold = Math.max(budget, live * 1.5);
  }, everyMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    stats: () => ({ collections, liveMb: Math.round(live / 2 ** 20) }),
  };
}
