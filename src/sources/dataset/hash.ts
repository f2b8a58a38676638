import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { datasetFiles } from './files.js';

/**
 * sha256 (hex) over the dataset's files in canonical order (`datasetFiles`), each
 * contributing its relative path and its content re-serialised as compact JSON, so
 * whitespace-only edits do not change the hash but any change of content does.
 * The store uses it to seed the bundled dataset idempotently. Missing files hash as empty.
 */
export async function hashDataset(dir: string): Promise<string> {
  const h = createHash('sha256');
  for (const rel of await datasetFiles(dir)) {
    let canonical = '';
    try {
      canonical = JSON.stringify(JSON.parse(await readFile(path.join(dir, rel), 'utf8')));
    } catch {
      canonical = '';
    }
    h.update(rel).update('\0').update(canonical).update('\0');
  }
  return h.digest('hex');
}
