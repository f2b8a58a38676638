/**
 * The read kept in `map` under `key`, or a new one started with `read` and kept there: concurrent
 * callers share one read. A read that fails is dropped from the map (the next caller tries again);
 * the callers that shared it still get its failure.
 */
export function keptPromise<K, V>(map: Map<K, Promise<V>>, key: K, read: () => Promise<V>): Promise<V> {
  let p = map.get(key);
  if (!p) {
    const started = read();
    started.catch(() => { if (map.get(key) === started) map.delete(key); });
    map.set(key, started);
    p = started;
  }
  return p;
}
