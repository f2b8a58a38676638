import { mkdirSync, accessSync, constants } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { ListwatchError } from '../../core/errors.js';
import type { SqlDriver, SqlExecutor } from '../sql/driver.js';
import { lockDirectory } from './lock.js';

/** Rows as the model wants them: dates stay `YYYY-MM-DD`, int8 becomes a number. */
const parsers = {
  [types.DATE]: (v: string) => v,
  [types.INT8]: (v: string) => Number(v),
};

interface PgliteQueryable {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

function executor(q: PgliteQueryable): SqlExecutor {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      return (await q.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  };
}

/**
 * Opens (creating if missing) an embedded PostgreSQL in `dir` with pg_trgm available.
 * Throws `ListwatchError('STORE')` when the directory cannot be created or written, or when
 * another open store (this process or another live one) holds it: one writer per directory.
 */
export async function openPgliteDriver(dir: string): Promise<SqlDriver> {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new ListwatchError('STORE', `cannot use the store directory ${dir}: ${(e as Error).message} (choose another with --db or LISTWATCH_DB)`, undefined, { cause: e });
  }
  const unlock = lockDirectory(dir);
  let db: PGlite;
  try {
    db = await PGlite.create(dir, { extensions: { pg_trgm }, parsers });
  } catch (e) {
    unlock();
    throw new ListwatchError('STORE', `cannot open the embedded database in ${dir}: ${(e as Error).message}`, undefined, { cause: e });
  }
  const base = executor(db);
  return {
    engine: 'pglite',
    query: base.query,
    // A script that opens its own transaction (BEGIN; …; COMMIT) and fails inside it would leave
    // the one connection in an aborted transaction: every later statement would fail.
    async exec(sql: string) {
      try {
        await db.exec(sql);
      } catch (e) {
        if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => undefined);
        throw e;
      }
    },
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    async close() {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}
