import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexSourceFromDataset } from '../src/app/screen/index-source.js';
import type { IndexSource } from '../src/core/match/build-index.js';
import { loadDataset } from '../src/sources/dataset/index.js';

/** The repository root (bench/ lives directly under it). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A file of the read-only shared reference folder, read in place. */
export function sharedPath(...parts: string[]): string {
  return path.resolve(repoRoot, '../shared', ...parts);
}

/**
 * The bundled dataset (data/) as an index source: entities, lists, publications and the
 * designations derived from them, the same derivation the store applies when seeding.
 */
export async function bundledIndexSource(): Promise<IndexSource> {
  return indexSourceFromDataset(await loadDataset(path.join(repoRoot, 'data')));
}
