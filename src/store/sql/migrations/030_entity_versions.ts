import type { Migration } from './index.js';

/**
 * The first publication that lists each entity (a withdrawn document only when nothing else lists it),
 * as `f(id, date)` for a `LEFT JOIN LATERAL … ON true` on `entities e`. Shared by the migration's
 * backfill and by writes that replace an entity's history (`write.ts`), so both derive the same start.
 */
export const FIRST_PUBLICATION_SQL = `(SELECT p.id, p.date FROM publication_entries x JOIN publications p ON p.id = x.publication_id
    WHERE x.entity_id = e.id ORDER BY (p.kind = 'withdrawn'), p.date, p.id LIMIT 1) f`;

/**
 * Entity attributes versioned with the publication that carried them (issue #10): the canonical
 * name, type, country, names (aliases, former names, Chinese names), identifiers and addresses
 * of an entity as one row per interval `[from_date, to_date)`, the same half-open idea as
 * designations. `from_pub` is the publication whose file carried these attributes, `to_pub` the
 * one that carried different ones (NULL while they hold). `from_date` NULL means "before any
 * publication" (an entity no publication lists, e.g. a parent named only in a relation).
 * `entities` keeps the current attributes (the open row), so today's reads are unchanged.
 *
 * Existing stores: each entity's current attributes become one open row from the first
 * publication that lists it.
 */
export const entityVersions: Migration = {
  version: 30,
  name: 'entity-versions',
  up: `
CREATE TABLE entity_versions (
  seq bigserial PRIMARY KEY,
  entity_id text NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  from_date date,
  from_pub text,
  to_date date,
  to_pub text,
  name text NOT NULL,
  type text NOT NULL,
  country text,
  names jsonb NOT NULL,
  identifiers jsonb NOT NULL,
  addresses jsonb,
  CHECK (to_date IS NULL OR from_date IS NULL OR from_date < to_date)
);
CREATE INDEX entity_versions_entity_idx ON entity_versions (entity_id, from_date);
-- At most one version of an entity holds open-ended (the current one, equal to its entities row).
CREATE UNIQUE INDEX entity_versions_open_idx ON entity_versions (entity_id) WHERE to_date IS NULL;
CREATE INDEX entity_versions_to_idx ON entity_versions (to_date) WHERE to_date IS NOT NULL;

INSERT INTO entity_versions (entity_id, from_date, from_pub, name, type, country, names, identifiers, addresses)
SELECT e.id, f.date, f.id, e.name, e.type, e.country, e.names, e.identifiers, e.addresses
FROM entities e LEFT JOIN LATERAL ${FIRST_PUBLICATION_SQL} ON true;
`,
};
