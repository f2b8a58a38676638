import type { SqlExecutor } from '../driver.js';
import { jobMarksMigration, jobsMigration } from '../../../app/jobs/migration.js';
import { schema } from './001_schema.js';
import { trgm } from './002_trgm.js';
import { revision } from './003_revision.js';
import { datesAddresses } from './020_dates_addresses.js';
import { entityVersions } from './030_entity_versions.js';
import { auditMigration } from '../../../app/audit/migration.js';
import { coverageMigration } from '../../../app/coverage/migration.js';
import { accountsMigration } from '../../../app/accounts/migration.js';
import { decisionsMigration } from '../../../app/decisions/migration.js';
import { syncMigration } from '../../../app/sync/migration.js';
import { watchlistsMigration } from '../../../app/watchlists/migration.js';
import { alertsMigration } from '../../../app/alerts/migration.js';
import { jobAuditMigration } from '../../../app/jobs/job-audit-migration.js';

/**
 * One versioned schema change. `up` is SQL, or a function for changes that depend on the
 * engine (an optional extension). Versions only grow; an applied migration is never edited.
 */
export interface Migration {
  version: number;
  name: string;
  up: string | ((tx: SqlExecutor) => Promise<void>);
}

/**
 * Every migration, in version order. Adding one: a numbered file here and one entry below.
 *
 * Version ranges, so work on different rooms never takes the same number:
 * - 1–99: the record's tables (this folder);
 * - 100–149 accounts, audit, decisions; 150–199 watchlists, alerts, sync; 200–249 jobs;
 *   250–299 interfaces. A capability keeps its migration in its own folder under `src/app/`
 *   (plain SQL, no app code) and is listed in `CAPABILITY_MIGRATIONS` below.
 */
const CAPABILITY_MIGRATIONS: readonly Migration[] = [auditMigration, accountsMigration, decisionsMigration, syncMigration, watchlistsMigration, alertsMigration, jobsMigration, jobMarksMigration, jobAuditMigration];

/** Every migration, the record's and the capabilities', in version order (the order they are applied in). */
export const migrations: readonly Migration[] = [schema, trgm, revision, datesAddresses, coverageMigration, entityVersions, ...CAPABILITY_MIGRATIONS]
  .sort((a, b) => a.version - b.version);
