import type { Migration } from '../../store/sql/migrations/index.js';

/**
 * Case decisions (version 102, i11's range): an analyst's verdict on one hit (query × entity).
 * Append-only by use: a new decision on the same pair supersedes the earlier one, which stays.
 * `listing_digest` fingerprints the entity's designations when decided, so a watchlist can tell
 * "false positive, listing unchanged" (stay quiet) from "listing changed since" (alert again).
 */
export const decisionsMigration: Migration = {
  version: 102,
  name: 'decisions',
  up: `
CREATE TABLE decisions (
  id text PRIMARY KEY,
  query text NOT NULL,
  query_key text NOT NULL,
  entity_id text NOT NULL,
  verdict text NOT NULL CHECK (verdict IN ('true-match', 'false-positive')),
  note text NOT NULL,
  actor text NOT NULL,
  at text NOT NULL,
  listing_digest text NOT NULL,
  audit_seq bigint
);
CREATE INDEX decisions_pair ON decisions (query_key, entity_id, at);
`,
};
