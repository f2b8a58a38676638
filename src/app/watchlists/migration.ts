import type { Migration } from '../../store/sql/migrations/index.js';

/**
 * Tables of watchlists (version 160, in i12's range 150–199). Times are ISO-8601 UTC text.
 * - watchlists: a named set of counterparties, with the role its obligations are read for and the
 *   days of notice before an obligation comes into force;
 * - watchlist_items: counterparties (name, country, identifiers, the user's reference), keyed by the
 *   user's reference, else the name and country;
 * - watchlist_results: the last screening result per item, the baseline the next re-screen diffs against.
 */
export const watchlistsMigration: Migration = {
  version: 160,
  name: 'watchlists',
  up: `
CREATE TABLE watchlists (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  role text,
  threshold double precision,
  notice_days int NOT NULL DEFAULT 90,
  email text,
  created_at text NOT NULL,
  updated_at text NOT NULL,
  screened_at text
);
CREATE TABLE watchlist_items (
  watchlist_id text NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
  item_key text NOT NULL,
  position int NOT NULL,
  name text NOT NULL,
  country text,
  isin text,
  uscc text,
  lei text,
  ticker text,
  ref text,
  PRIMARY KEY (watchlist_id, item_key)
);
CREATE TABLE watchlist_results (
  watchlist_id text NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
  item_key text NOT NULL,
  result text NOT NULL,
  screened_at text NOT NULL,
  PRIMARY KEY (watchlist_id, item_key)
);
`,
};
