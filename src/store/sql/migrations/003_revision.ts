import type { Migration } from './index.js';

/**
 * The record's revision: one row whose counter every successful `apply` raises inside its own
 * transaction (so a rolled-back change leaves it alone, unlike a sequence). A long-running reader
 * (the HTTP server) compares it to the revision it loaded to learn that another process changed
 * the record. `changed_at` is the database's clock at the last change, for diagnostics.
 */
export const revision: Migration = {
  version: 3,
  name: 'revision',
  up: `
CREATE TABLE revision (
  id int PRIMARY KEY CHECK (id = 1),
  n bigint NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO revision (id, n) VALUES (1, 0);
`,
};
