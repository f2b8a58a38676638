/** What every benchmark module gets from bench/run.ts. */
export interface BenchContext {
  /** The repository root. */
  repoRoot: string;
  /** A path inside the read-only ../shared folder (read in place, never copied). */
  sharedPath(...parts: string[]): string;
  /** The date questions without their own date are asked on (today). */
  today: string;
  /** Progress lines (stderr). */
  log(msg: string): void;
}

/**
 * A benchmark: a file `bench/<name>.bench.ts` whose default export is this object. `run`
 * returns a JSON-serialisable section of the report, written under `sections[name]`.
 * Adding a benchmark is adding one file; bench/run.ts finds it.
 */
export interface BenchModule {
  name: string;
  description: string;
  /** Key figures to print in the summary, as label → value, picked from the section. */
  summary(section: unknown): Record<string, string | number | null>;
  run(ctx: BenchContext): Promise<unknown>;
}
