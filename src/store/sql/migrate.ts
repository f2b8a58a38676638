import type { SqlDriver } from './driver.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';

/** Arbitrary constant key of the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 724_311_260;

/**
 * Applies the migrations that have not run yet, each recorded in `schema_migrations`.
 * Safe on every start and when two processes start at once: the whole run holds a
 * transaction-scoped advisory lock, so the second process waits, then finds nothing to do.
 * Returns the versions applied by this call.
 */
export async function migrate(driver: SqlDriver, migrations: readonly Migration[] = allMigrations): Promise<number[]> {
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version int PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      if (typeof m.up === 'string') await tx.exec(m.up);
      else await m.up(tx);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
