/**
 * A bounded memo in two generations: entries go to the young one; when it holds `maxEntries`
 * entries or `maxChars` characters (keys plus `size` of the values) it becomes the old one and
 * the previous old one is dropped. An entry found in the old generation moves back to the young
 * one, so the keys that keep coming back stay while one-offs age out; at most twice the bounds
 * are held. (Cheaper than a true LRU: no reordering on each hit.)
 */
export class AnswerMemo<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  private chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
    private readonly size: (v: V) => number,
  ) {}

  /** The value for `key`, or undefined; one found in the old generation moves to the young one. */
  get(key: string): V | undefined {
    const a = this.young.get(key);
    if (a !== undefined) return a;
    const b = this.old.get(key);
    if (b !== undefined) this.set(key, b);
    return b;
  }

  /** Keeps `value` under `key` in the young generation, ageing the generations when it is full. */
  set(key: string, value: V): void {
    if (this.young.size >= this.maxEntries || this.chars >= this.maxChars) {
      this.old = this.young;
      this.young = new Map();
      this.chars = 0;
    }
    this.young.set(key, value);
    this.chars += key.length + this.size(value);
  }
}
