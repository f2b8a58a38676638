import type { Migration } from '../../store/sql/migrations/index.js';

/**
 * When each publication was written into this store (the database's clock, so no app clock is
 * involved): the "last refreshed" of a list in a screen's coverage is the latest of its list.
 * Rows that existed before this migration get the migration's time.
 */
export const coverageMigration: Migration = {
  version: 21,
  name: 'publication-stored-at',
  up: `ALTER TABLE publications ADD COLUMN stored_at timestamptz NOT NULL DEFAULT now();`,
};
