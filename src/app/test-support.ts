import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { ensureSeeded } from './seed.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { pgliteLocation, type TestLocation } from '../store/testing.js';

/** The repository's bundled dataset folder. */
export const bundledData = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data');

/** Opens a store at `location` and loads the bundled dataset into it. */
export async function openSeeded(location: TestLocation): Promise<Store> {
  const store = await openStore(location.opts);
  await ensureSeeded(store, bundledData, () => undefined);
  return store;
}

/**
 * Registers node:test hooks that give the file one fresh PGlite store seeded with the bundled
 * dataset: `onReady` receives it before the file's tests run; it is closed and removed after them.
 */
export function useSeededStore(onReady: (store: Store) => void): void {
  let loc: TestLocation | undefined;
  let store: Store | undefined;
  before(async () => {
    loc = await pgliteLocation();
    store = await openSeeded(loc);
    onReady(store);
  });
  after(async () => {
    await store?.close();
    await loc?.dispose();
  });
}
