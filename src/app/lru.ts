/**
 * A small least-recently-used map. Between two revisions of the record the screening index does not
 * change, so a screen answer for the same (name, date, threshold, role, limit) can be reused; people
 * re-screen the same counterparties and the UI asks again as they type.
 */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Re-insert so the Map's insertion order is the recency order.
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  set(key: string, v: V): void {
    if (this.capacity <= 0) return;
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }

  /** Forgets one key (e.g. a failed computation that must not be reused). */
  delete(key: string): void {
    this.map.delete(key);
  }

  /** The value without counting a hit or a miss or touching its recency. */
  peek(key: string): V | undefined {
    return this.map.get(key);
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}
