import type { Migration } from '../../store/sql/migrations/index.js';

/**
 * Tables of alerts and their delivery (version 170, in i12's range 150–199; after watchlists, 160).
 * - alerts: one row per change that touches a watchlist item; the id is derived from the change
 *   (watchlist, item, kind, entity, list, publication), so a change is raised once;
 * - webhooks: where a watchlist's alerts are POSTed, with the signing secret;
 * - alert_deliveries: one row per alert and channel (`webhook:<id>`, `email`): pending, delivered or
 *   dead (after the attempt limit), with attempts and the next attempt's time (exponential backoff).
 */
export const alertsMigration: Migration = {
  version: 170,
  name: 'alerts',
  up: `
CREATE TABLE alerts (
  id text PRIMARY KEY,
  watchlist_id text NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
  item_key text NOT NULL,
  kind text NOT NULL,
  entity_id text,
  list_id text,
  title text NOT NULL,
  date text NOT NULL,
  body text NOT NULL,
  created_at text NOT NULL,
  read_at text
);
CREATE INDEX alerts_watchlist_created ON alerts (watchlist_id, created_at);
CREATE TABLE webhooks (
  id text PRIMARY KEY,
  watchlist_id text NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
  url text NOT NULL,
  secret text NOT NULL,
  created_at text NOT NULL,
  UNIQUE (watchlist_id, url)
);
CREATE TABLE alert_deliveries (
  alert_id text NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  channel text NOT NULL,
  status text NOT NULL,
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at text NOT NULL,
  last_error text,
  delivered_at text,
  PRIMARY KEY (alert_id, channel)
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
`,
};
