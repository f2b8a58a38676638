import type { Migration } from '../../store/sql/migrations/index.js';

/**
 * Accounts (version 101, i11's range): users with scrypt password hashes, and keys. A key row is
 * either an API key (`kind = 'api'`, made by `keys create`, no expiry) or a UI session
 * (`kind = 'session'`, made by a password sign-in, expires). Only a hash of each key's secret
 * is stored; the key itself is shown once. Rows are never deleted: a revoked key keeps its row
 * (`revoked_at`) so the audit trail's `key:<id>` actors stay resolvable.
 */
export const accountsMigration: Migration = {
  version: 101,
  name: 'accounts',
  up: `
CREATE TABLE accounts_users (
  name text PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
  password_hash text NOT NULL,
  created_at text NOT NULL,
  disabled_at text
);
CREATE TABLE accounts_keys (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('api', 'session')),
  name text,
  role text NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
  secret_hash text NOT NULL,
  user_name text REFERENCES accounts_users (name),
  created_at text NOT NULL,
  created_by text NOT NULL,
  expires_at text,
  revoked_at text
);
CREATE INDEX accounts_keys_kind ON accounts_keys (kind, role) WHERE revoked_at IS NULL;
`,
};
