import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import pg from 'pg';
import type { OpenStoreOptions } from './open.js';
import { openStore } from './open.js';
import type { Store } from './store.js';

/**
 * Test support (not used by the product): fresh, isolated stores on both engines, so test
 * files can run concurrently. PostgreSQL comes from LISTWATCH_TEST_PG_URL (set by
 * scripts/test.mjs) or, when a test file runs alone, from a server started here.
 */

/** A place to open a store at, and how to remove it afterwards. */
export interface TestLocation {
  opts: OpenStoreOptions;
  dispose(): Promise<void>;
}

/** An engine the contract tests loop over. */
export interface TestEngine {
  name: 'pglite' | 'postgres';
  /** A new empty location (PGlite directory or PostgreSQL database). */
  location(): Promise<TestLocation>;
}

let template: Promise<string> | null = null;

/** initdb of PGlite takes seconds; it runs once per process and later stores copy the directory. */
function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lw-tpl-')), 'db');
    const s = await openStore({ dbDir: dir });
    await s.close();
    process.once('exit', () => rmSync(path.dirname(dir), { recursive: true, force: true }));
    return dir;
  })();
  return template;
}

/** A new PGlite directory, already migrated (a copy of a per-process template). */
export async function pgliteLocation(): Promise<TestLocation> {
  const src = await pgliteTemplate();
  const base = mkdtempSync(path.join(tmpdir(), 'lw-test-'));
  const dir = path.join(base, 'db');
  cpSync(src, dir, { recursive: true });
  return { opts: { dbDir: dir }, dispose: async () => rmSync(base, { recursive: true, force: true }) };
}

/** The URL of the test server (LISTWATCH_TEST_PG_URL, set by scripts/test.mjs from its harness). */
export function testServerUrl(): string {
  const url = process.env.LISTWATCH_TEST_PG_URL;
  if (!url) throw new Error('LISTWATCH_TEST_PG_URL is not set: run tests with `npm test -- <filter>` (it starts PostgreSQL)');
  return url;
}

/** A new database `lw_<random>` on the test server; `dispose` drops it. */
export async function postgresLocation(): Promise<TestLocation> {
  const adminUrl = testServerUrl();
  const name = `lw_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    opts: { databaseUrl: url.toString() },
    async dispose() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Both engines, for `for (const engine of testEngines) describe(engine.name, …)`. */
export const testEngines: TestEngine[] = [
  { name: 'pglite', location: pgliteLocation },
  { name: 'postgres', location: postgresLocation },
];

/** Opens a store on a fresh location; `dispose` closes it and removes the location. */
export async function freshStore(engine: TestEngine): Promise<{ store: Store; location: TestLocation; dispose(): Promise<void> }> {
  const location = await engine.location();
  const store = await openStore(location.opts);
  return {
    store,
    location,
    async dispose() {
      await store.close().catch(() => undefined);
      await location.dispose();
    },
  };
}

/**
 * Registers the current suite's before/after hooks: a fresh store on `engine` (PGlite unless
 * given) is opened before its tests and handed to `use` (set-up may run there), and is closed and
 * removed after them.
 */
export function useFreshStore(use: (store: Store) => void | Promise<void>, engine: TestEngine = testEngines[0]!): void {
  let fx: Awaited<ReturnType<typeof freshStore>> | undefined;
  before(async () => {
    fx = await freshStore(engine);
    await use(fx.store);
  });
  after(async () => fx?.dispose());
}
