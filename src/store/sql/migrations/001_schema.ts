import type { Migration } from './index.js';

/**
 * The record, jobs and metadata. Dataset-owned rows carry `origin = 'dataset'`, imported ones
 * `origin = 'import'`, so a reseed of the bundled dataset can replace its own rows and leave
 * imported lists alone (see `RecordChange.replaceOrigin`).
 * Multi-valued fields that are only read with their row (source ids, names, identifiers) are JSONB;
 * names are also kept one per row in `entity_names` for name search (pg_trgm, migration 002).
 */
export const schema: Migration = {
  version: 1,
  name: 'schema',
  up: `
CREATE TABLE sources (
  id text PRIMARY KEY,
  title text NOT NULL,
  publisher text,
  date date,
  url text,
  quality text NOT NULL CHECK (quality IN ('P','S','D')),
  note text,
  origin text NOT NULL DEFAULT 'import'
);

CREATE TABLE lists (
  id text PRIMARY KEY,
  name text NOT NULL,
  agency text NOT NULL,
  legal_basis text NOT NULL,
  source_ids jsonb NOT NULL DEFAULT '[]',
  description text,
  origin text NOT NULL DEFAULT 'import'
);

CREATE TABLE entities (
  id text PRIMARY KEY,
  name text NOT NULL,
  type text NOT NULL,
  country text,
  names jsonb NOT NULL DEFAULT '[]',
  identifiers jsonb NOT NULL DEFAULT '[]',
  origin text NOT NULL DEFAULT 'import'
);
CREATE INDEX entities_origin_idx ON entities (origin);

CREATE TABLE entity_names (
  entity_id text NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  ord int NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  verified boolean NOT NULL,
  PRIMARY KEY (entity_id, ord)
);
CREATE INDEX entity_names_lower_idx ON entity_names (lower(name));

CREATE TABLE relations (
  entity_id text NOT NULL,
  parent_id text NOT NULL,
  kind text NOT NULL,
  source_ids jsonb NOT NULL DEFAULT '[]',
  evidence text,
  origin text NOT NULL DEFAULT 'import',
  PRIMARY KEY (entity_id, parent_id, kind)
);
CREATE INDEX relations_parent_idx ON relations (parent_id);

CREATE TABLE publications (
  id text PRIMARY KEY,
  list_id text NOT NULL,
  date date NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  citation text,
  url text,
  source_ids jsonb NOT NULL DEFAULT '[]',
  entity_count int,
  content_hash text,
  note text,
  verified boolean,
  origin text NOT NULL DEFAULT 'import'
);
CREATE INDEX publications_list_date_idx ON publications (list_id, date, id);
CREATE INDEX publications_hash_idx ON publications (list_id, content_hash);
CREATE INDEX publications_origin_idx ON publications (origin);

CREATE TABLE publication_entries (
  publication_id text NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
  ord int NOT NULL,
  entity_id text NOT NULL,
  printed_name text NOT NULL,
  basis text,
  action text,
  PRIMARY KEY (publication_id, ord)
);
CREATE INDEX publication_entries_entity_idx ON publication_entries (entity_id);

CREATE TABLE designations (
  seq bigserial PRIMARY KEY,
  entity_id text NOT NULL,
  list_id text NOT NULL,
  from_date date NOT NULL,
  to_date date,
  added_by text NOT NULL,
  ended_by text,
  printed_name text NOT NULL,
  basis text
);
CREATE INDEX designations_entity_idx ON designations (entity_id, from_date);
CREATE INDEX designations_list_idx ON designations (list_id, from_date);
-- At most one designation of an entity on a list is in force at a time.
CREATE UNIQUE INDEX designations_open_idx ON designations (entity_id, list_id) WHERE to_date IS NULL;

CREATE TABLE events (
  id text PRIMARY KEY,
  date date NOT NULL,
  date_precision text,
  kind text NOT NULL,
  title text NOT NULL,
  detail text,
  entity_ids jsonb NOT NULL DEFAULT '[]',
  list_ids jsonb NOT NULL DEFAULT '[]',
  names_urged jsonb,
  court text,
  docket text,
  source_ids jsonb NOT NULL DEFAULT '[]',
  verified boolean NOT NULL,
  origin text NOT NULL DEFAULT 'import'
);
CREATE INDEX events_date_idx ON events (date, id);
CREATE INDEX events_entity_ids_idx ON events USING gin (entity_ids jsonb_path_ops);
CREATE INDEX events_list_ids_idx ON events USING gin (list_ids jsonb_path_ops);

CREATE TABLE meta (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE jobs (
  id text PRIMARY KEY,
  status text NOT NULL,
  created_at text NOT NULL,
  updated_at text NOT NULL,
  processed int NOT NULL DEFAULT 0,
  total int,
  errors jsonb NOT NULL DEFAULT '[]',
  options jsonb NOT NULL DEFAULT '{}',
  failure text
);
CREATE INDEX jobs_status_idx ON jobs (status);

CREATE TABLE job_results (
  job_id text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  line int NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (job_id, line)
);
`,
};
