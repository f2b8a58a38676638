import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** The top-level files of a bundled dataset directory, in canonical order. */
export const DATASET_FILES = ['sources.json', 'lists.json', 'entities.json', 'relations.json', 'events.json'] as const;

/** The folder (under the dataset dir) holding one `<listId>.json` of publications per list. */
export const PUBLICATIONS_DIR = 'publications';

/**
 * Every dataset file relative to `dir`, sorted: the top-level files, then
 * `publications/<listId>.json` by name. Missing top-level files are still listed
 * (the loader then reports them as unreadable).
 */
export async function datasetFiles(dir: string): Promise<string[]> {
  let pubs: string[] = [];
  try {
    pubs = (await readdir(path.join(dir, PUBLICATIONS_DIR))).filter((f) => f.endsWith('.json')).sort();
  } catch {
    pubs = [];
  }
  return [...DATASET_FILES, ...pubs.map((f) => `${PUBLICATIONS_DIR}/${f}`)];
}
