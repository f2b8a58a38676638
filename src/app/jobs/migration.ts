import type { Migration } from '../../store/sql/migrations/index.js';

/**
 * The job tables (version 200, in the jobs range 200–249). They replace the in-server runner's
 * `jobs`/`job_results` of migration 1 (dropped: that runner kept uploads in a local directory,
 * which a worker on another machine cannot read).
 *
 * - `jobs`: one row per batch job: state, counts, options, the uploaded file's name and SHA-256.
 *   `sealed` is set once every input row is stored (total is final); a job is `done` when sealed
 *   and `done = total`. Writers lock this row (`FOR UPDATE`) when they add a chunk's results, so
 *   two runs of one chunk cannot both count.
 * - `job_inputs`: the upload itself, as parsed rows (JSON text) per chunk, so any worker on any
 *   machine can run any chunk. Deleted when the job finishes (done, failed, cancelled).
 * - `job_results`: one row per written range of input rows (`first_row`, `rows`), its records
 *   as JSONL text in input order. Ranges never overlap (checked under the job row's lock).
 *   Removed with the job (cascade) by delete or the retention purge.
 *
 * The queue itself (pending chunks, retries, time-outs) lives in pg-boss's own schema `pgboss`.
 */
export const jobsMigration: Migration = {
  version: 200,
  name: 'jobs',
  up: `
DROP TABLE IF EXISTS job_results;
DROP TABLE IF EXISTS jobs;
CREATE TABLE jobs (
  id text PRIMARY KEY,
  kind text NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  sealed boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  first_result_at timestamptz,
  finished_at timestamptz,
  created_by text,
  options jsonb NOT NULL DEFAULT '{}',
  file_name text,
  file_sha256 text,
  file_bytes bigint,
  chunk_size int NOT NULL,
  chunks int NOT NULL DEFAULT 0,
  total int NOT NULL DEFAULT 0,
  done int NOT NULL DEFAULT 0,
  with_hits int NOT NULL DEFAULT 0,
  row_errors int NOT NULL DEFAULT 0,
  errors jsonb NOT NULL DEFAULT '[]',
  failure text
);
CREATE INDEX jobs_state_idx ON jobs (state, finished_at);
CREATE INDEX jobs_created_idx ON jobs (created_at DESC);

CREATE TABLE job_inputs (
  job_id text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  chunk int NOT NULL,
  first_row int NOT NULL,
  rows int NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (job_id, chunk)
);

CREATE TABLE job_results (
  job_id text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  first_row int NOT NULL,
  rows int NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (job_id, first_row)
);
`,
};

/**
 * Marks of the background jobs (version 210): what a job last did, shared by every process on the
 * database. `watch-rescreen` holds the `revision|day` the watchlists were last re-screened for, so
 * the timers of any number of API servers queue a re-screen once per change, not once each.
 */
export const jobMarksMigration: Migration = {
  version: 210,
  name: 'job-marks',
  up: `
CREATE TABLE job_marks (
  name text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`,
};
