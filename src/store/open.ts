import path from 'node:path';
import type { Store } from './store.js';
import { SqlStore } from './sql/store.js';
import { openPgliteDriver } from './pglite/driver.js';
import { openPostgresDriver } from './postgres/driver.js';

/** Where the embedded store lives when nothing else is said. */
export const DEFAULT_DB_DIR = './.listwatch';

/** How to reach the store: a PostgreSQL URL wins; otherwise an embedded PGlite directory. */
export interface OpenStoreOptions {
  /** PGlite data directory, created if missing. Default `./.listwatch`. */
  dbDir?: string;
  /** `postgres://…` URL of a PostgreSQL server (DATABASE_URL). */
  databaseUrl?: string;
}

/**
 * Opens the store and brings its schema up to date (migrate). Throws
 * `ListwatchError('STORE')` when the server is unreachable or the directory is not writable.
 * The caller closes it.
 */
export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  const driver = opts.databaseUrl
    ? await openPostgresDriver(opts.databaseUrl)
    : await openPgliteDriver(path.resolve(opts.dbDir ?? DEFAULT_DB_DIR));
  const store = new SqlStore(driver);
  try {
    await store.migrate();
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
  return store;
}
