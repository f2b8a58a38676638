import type { Migration } from '../../store/sql/migrations/index.js';

/**
 * Which audit entry records each batch job's finish (version 140, in h11's part 140–149 of the
 * accounts/audit range). One row per job, written in the same transaction as that entry
 * (jobs/job-audit.ts), so a job is audited at finish exactly once however many processes see it
 * finish. No foreign key to `jobs` (created later, by migration 200; and the audit entry outlives
 * a purged job): the row is the index from a job id to its entry in the append-only trail.
 */
export const jobAuditMigration: Migration = {
  version: 140,
  name: 'job_audit',
  up: `
CREATE TABLE job_audit (
  job_id text PRIMARY KEY,
  seq bigint NOT NULL
);
`,
};
