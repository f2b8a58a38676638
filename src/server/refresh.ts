/** Something loaded from the store, with the store revision it reflects (at least) and when it was loaded. */
export interface Loaded<T> {
  value: T;
  revision: string;
  /** ISO timestamp of the load. */
  loadedAt: string;
  /** How long the load took (ms): the index build runs on the event loop, so requests wait about this long once. */
  loadMs: number;
}

/** What a `Refresher` needs. The clocks are passed in so the caller (an entry point) owns time. */
export interface RefresherOptions<T> {
  /** The store's current revision (cheap: one row). */
  revision(): Promise<string>;
  /** Builds the value from the store as it is now. */
  load(): Promise<T>;
  /** Least time between two revision checks; 0 checks on every call of `fresh`. */
  intervalMs: number;
  /** A monotonic clock in ms (the interval). */
  clock: () => number;
  /** Wall-clock ISO time (`loadedAt`). */
  now: () => string;
  /** Told about a failed check or rebuild; the old value keeps being served. */
  onError?: (err: unknown) => void;
}

/**
 * Keeps a value built from the store (the screening index and its caches) in step with the store's
 * revision, so changes written by OTHER processes (a CLI import against the same PostgreSQL) show up
 * without a restart. Callers on the request path call `fresh()`: at most once per `intervalMs` it
 * reads the revision and, when it moved, rebuilds the value and swaps it in as one object. One check
 * or rebuild runs at a time; calls that arrive meanwhile get the current value at once, so a rebuild
 * never queues requests (the call that started it waits for it, so the next request after a change
 * sees it when `intervalMs` is 0).
 */
export class Refresher<T> {
  private loaded: Loaded<T>;
  private lastCheck: number;
  private running: Promise<void> | null = null;
  /** The last failed check or rebuild, cleared by the next successful one. */
  lastError: string | null = null;

  private constructor(private readonly opts: RefresherOptions<T>, first: Loaded<T>) {
    this.loaded = first;
    this.lastCheck = opts.clock();
  }

  /** Loads the first value. The revision is read BEFORE the load, so a change racing the load is picked up by the next check. */
  static async create<T>(opts: RefresherOptions<T>): Promise<Refresher<T>> {
    const revision = await opts.revision();
    const t0 = opts.clock();
    const value = await opts.load();
    return new Refresher(opts, { value, revision, loadedAt: opts.now(), loadMs: Math.round(opts.clock() - t0) });
  }

  /** The value being served now, without any check. */
  get current(): Loaded<T> {
    return this.loaded;
  }

  /** The current value, after a revision check (and a rebuild) when one is due and none is running. */
  fresh(): Loaded<T> | Promise<Loaded<T>> {
    if (this.running || this.opts.clock() - this.lastCheck < this.opts.intervalMs) return this.loaded;
    this.running = this.check().finally(() => {
      this.running = null;
    });
    return this.running.then(() => this.loaded);
  }

  private async check(): Promise<void> {
    try {
      const revision = await this.opts.revision();
      if (revision !== this.loaded.revision) {
        const t0 = this.opts.clock();
        const value = await this.opts.load();
        this.loaded = { value, revision, loadedAt: this.opts.now(), loadMs: Math.round(this.opts.clock() - t0) };
      }
      this.lastError = null;
    } catch (e) {
      this.lastError = (e as Error)?.message ?? String(e);
      this.opts.onError?.(e);
    } finally {
      // Timed from the end, so a slow rebuild is not followed at once by another check.
      this.lastCheck = this.opts.clock();
    }
  }
}
