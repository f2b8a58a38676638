import type { Store } from '../store/store.js';

/**
 * What every command gets: how to reach the store (opened lazily, seeded on first use),
 * how to print, and today's date (read once at the entry point, never in the core).
 */
export interface CliContext {
  /** Opens the store named by --db / LISTWATCH_DB / DATABASE_URL, migrates it and loads the bundled dataset if empty. */
  store(): Promise<Store>;
  /** The embedded store directory named by --db / LISTWATCH_DB (default ./.listwatch). */
  dbDir(): string;
  /** True when --json was given: print machine output only. */
  json(): boolean;
  /** Today's date, YYYY-MM-DD. */
  today: string;
  /** Writes a line to stdout. */
  print(text: string): void;
  /** Writes JSON (one document) to stdout. */
  printJson(value: unknown): void;
  /** The environment the CLI was started with (read by commands that take configuration from it, e.g. sync URLs, SMTP). */
  env?: NodeJS.ProcessEnv;
  /** Who runs this command, for the audit trail: `local:<os user>` (read once at the entry point). */
  actor: string;
  /** Writes a diagnostic line to stderr (progress, warnings). */
  warn(text: string): void;
}
