import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** The top-level files of a bundled dataset directory, in canonical order. */
export const DATASET_FILES = ['sources.json', 'lists.json', 'entities.json', 'relations.json', 'events.json'] as const;

/** The folder (under the dataset dir) holding one `<listId>.json` of publications per list. */
export const PUBLICATIONS_DIR = 'publications';

/** The folder (under the dataset dir) holding `<listId>.json` files of entities found only on a bulk list (Entity List, UFLPA). */
export const ENTITIES_DIR = 'entities';

async function jsonFiles(dir: string, sub: string): Promise<string[]> {
  try {
    return (await readdir(path.join(dir, sub))).filter((f) => f.endsWith('.json')).sort().map((f) => `${sub}/${f}`);
  } catch {
    return [];
  }
}

/**
 * Every dataset file relative to `dir`, sorted: the top-level files, then
 * `entities/<listId>.json` and `publications/<listId>.json` by name. Missing top-level files
 * are still listed (the loader then reports them as unreadable).
 */
export async function datasetFiles(dir: string): Promise<string[]> {
  return [...DATASET_FILES, ...(await jsonFiles(dir, ENTITIES_DIR)), ...(await jsonFiles(dir, PUBLICATIONS_DIR))];
}
