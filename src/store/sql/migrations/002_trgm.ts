import type { Migration } from './index.js';

/**
 * Trigram index on entity names, for name search and for the screening benchmark, which
 * compares our matcher with pg_trgm similarity. Skipped (and recorded as applied) when the
 * engine has no pg_trgm or the role may not create it, so such a server still starts;
 * `SqlStore.trigramSearch` then reports that pg_trgm is missing.
 */
export const trgm: Migration = {
  version: 2,
  name: 'pg_trgm',
  async up(tx) {
    const available = await tx.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'`);
    if (available.length === 0) return;
    // A savepoint keeps a refused CREATE EXTENSION from aborting the whole migration run.
    await tx.exec('SAVEPOINT trgm');
    try {
      await tx.exec(`CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS entity_names_trgm_idx ON entity_names USING gin (lower(name) gin_trgm_ops);`);
      await tx.exec('RELEASE SAVEPOINT trgm');
    } catch {
      await tx.exec('ROLLBACK TO SAVEPOINT trgm');
    }
  },
};
