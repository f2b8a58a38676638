import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ensureSeeded } from '../../app/seed.js';
import { openStore } from '../../store/open.js';
import type { Store } from '../../store/store.js';
import type { TestEngine, TestLocation } from '../../store/testing.js';
import { createApp } from '../app.js';
import type { AppDeps } from '../app.js';

/** The repository root, from this file. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A fixed "today" so answers do not move with the calendar (the dataset runs to 2026). */
export const TODAY = '2026-11-21';

/** A seeded store on a fresh location of `engine`, for server tests. */
export interface ServerFixture {
  location: TestLocation;
  store: Store;
  /** Builds an app on the current store (extra deps override the defaults). */
  app(extra?: Partial<AppDeps>): Promise<FastifyInstance>;
  /** Closes the store and opens it again on the same location (a server restart). */
  reopen(): Promise<void>;
  dispose(): Promise<void>;
}

/** Opens and seeds a store with the bundled dataset on `engine`. */
export async function serverFixture(engine: TestEngine): Promise<ServerFixture> {
  const location = await engine.location();
  const fx: ServerFixture = {
    location,
    store: await openStore(location.opts),
    app: (extra = {}) => createApp({ store: fx.store, today: () => TODAY, ...extra }),
    async reopen() {
      await fx.store.close();
      fx.store = await openStore(location.opts);
    },
    async dispose() {
      await fx.store.close().catch(() => undefined);
      await location.dispose();
    },
  };
  await ensureSeeded(fx.store, path.join(repoRoot, 'data'), () => undefined);
  return fx;
}
