import pg from 'pg';
import { ListwatchError } from '../../core/errors.js';
import type { SqlDriver, SqlExecutor } from '../sql/driver.js';

/** Rows as the model wants them: dates stay `YYYY-MM-DD`, int8 becomes a number. */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.DATE) return (v: string) => v;
    if (oid === pg.types.builtins.INT8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function executor(c: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      return (await c.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  };
}

/** Hides the password when a URL appears in a message. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/**
 * Connects a pool to the PostgreSQL server at `url` and checks it answers.
 * Throws `ListwatchError('STORE')` naming the (password-redacted) URL when it does not.
 */
export async function openPostgresDriver(url: string, opts: { max?: number } = {}): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types: typeParsers, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new ListwatchError('STORE', `cannot reach PostgreSQL at ${redactUrl(url)}: ${(e as Error).message || String(e)}`, undefined, { cause: e });
  }
  const base = executor(pool);
  return {
    engine: 'postgres',
    query: base.query,
    // A script may open its own transaction (BEGIN; …; COMMIT); when a statement in it fails the
    // rest is skipped and the connection stays in the aborted transaction. Roll back on that
    // same connection before it goes back to the pool.
    async exec(sql: string) {
      const client = await pool.connect();
      try {
        await client.query(sql);
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
