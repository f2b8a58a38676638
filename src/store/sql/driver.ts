/**
 * The few things the SQL store needs from a PostgreSQL engine. Two drivers implement it with
 * the same file names: `../pglite/driver.ts` (embedded, WASM) and `../postgres/driver.ts` (`pg` Pool).
 * Drivers return DATE columns as `YYYY-MM-DD` strings and int8 as numbers, so rows map to the
 * model without time-zone surprises.
 */

/** Runs one statement and returns its rows. Parameters are `$1`, `$2`… */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A connection (or pool) to one database. */
export interface SqlDriver extends SqlExecutor {
  readonly engine: 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction on one connection: committed when `fn` resolves,
   * rolled back when it throws (the error is rethrown).
   */
  transaction<R>(fn: (tx: SqlExecutor) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}
