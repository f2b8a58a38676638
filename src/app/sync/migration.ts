import type { Migration } from '../../store/sql/migrations/index.js';

/**
 * Tables of `listwatch sync` (version 150, in i12's range 150–199). Times are ISO-8601 UTC text.
 * - sync_requests: per source and request (a file name, a query): the validators and content hash
 *   of the last GOOD answer, so a refused download is fetched again next time (keep-last-good).
 * - sync_sources / sync_lists: when each source and each list it feeds was last checked and changed.
 * - sync_runs: one row per source per run (status, what it did, the error).
 * - sync_reviews: review items (new Federal Register documents, changed pages), raised once by key.
 */
export const syncMigration: Migration = {
  version: 150,
  name: 'sync',
  up: `
CREATE TABLE sync_requests (
  source_id text NOT NULL,
  request_key text NOT NULL,
  url text NOT NULL,
  etag text,
  last_modified text,
  content_hash text,
  checked_at text NOT NULL,
  changed_at text,
  PRIMARY KEY (source_id, request_key)
);
CREATE TABLE sync_sources (
  source_id text PRIMARY KEY,
  checked_at text NOT NULL,
  changed_at text,
  status text NOT NULL,
  error text
);
CREATE TABLE sync_lists (
  list_id text PRIMARY KEY,
  source_id text NOT NULL,
  checked_at text NOT NULL,
  changed_at text
);
CREATE TABLE sync_runs (
  id text PRIMARY KEY,
  source_id text NOT NULL,
  started_at text NOT NULL,
  finished_at text NOT NULL,
  status text NOT NULL,
  detail text NOT NULL,
  error text
);
CREATE INDEX sync_runs_started ON sync_runs (started_at);
CREATE TABLE sync_reviews (
  source_id text NOT NULL,
  key text NOT NULL,
  title text NOT NULL,
  url text NOT NULL,
  date text NOT NULL,
  detail text,
  created_at text NOT NULL,
  PRIMARY KEY (source_id, key)
);
`,
};
