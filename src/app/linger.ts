/**
 * The pause before a batched statement (the audit group commit, the decision lookups of concurrent
 * screens), adapted to the load: after a batch of one item (light load) only a turn of the event
 * loop, so requests already received join and nobody waits; after a batch of several (busy) `ms`
 * more, so the next batch collects more. On PGlite every statement runs on this thread: without
 * any pause no request can arrive while a batch forms and every batch carries one item.
 */
export function linger(lastBatchSize: number, ms: number): Promise<void> {
  if (lastBatchSize > 1 && ms > 0) return new Promise((r) => setTimeout(r, ms));
  return new Promise((r) => setImmediate(r));
}
