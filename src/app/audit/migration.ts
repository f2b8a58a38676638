import type { Migration } from '../../store/sql/migrations/index.js';

/**
 * The audit trail's tables (version 100, in i11's range 100–149).
 *
 * - `audit_log`: one row per recorded action, append-only. `body` is the canonical JSON of the
 *   entry (what was asked, options, record revision, list versions, answer digest) stored as TEXT
 *   so it re-hashes byte for byte on both engines (jsonb would reorder keys). `hash` commits to
 *   `prev_hash` and every column, so changing or removing a row breaks the chain.
 * - `audit_head`: one row holding the last seq and hash. Appends lock it (`FOR UPDATE`), which
 *   serialises writers across processes; `audit verify` compares it with the log's end, so a
 *   truncated tail is caught too.
 * - Triggers refuse UPDATE, DELETE and TRUNCATE of the log: a mistake in code cannot rewrite
 *   history (someone with DDL rights still can; `audit verify` is what catches that).
 */
export const auditMigration: Migration = {
  version: 100,
  name: 'audit_log',
  up: `
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at text NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  body text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TABLE audit_head (
  id int PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${'0'.repeat(64)}');
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$fn$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`,
};
