import type { SqlExecutor } from '../driver.js';
import { schema } from './001_schema.js';
import { trgm } from './002_trgm.js';
import { revision } from './003_revision.js';

/**
 * One versioned schema change. `up` is SQL, or a function for changes that depend on the
 * engine (an optional extension). Versions only grow; an applied migration is never edited.
 */
export interface Migration {
  version: number;
  name: string;
  up: string | ((tx: SqlExecutor) => Promise<void>);
}

/** Every migration, in version order. Adding one: a numbered file here and one entry below. */
export const migrations: readonly Migration[] = [schema, trgm, revision];
