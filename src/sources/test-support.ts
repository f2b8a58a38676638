import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputFile } from './format.js';

/** Test support (not used by the product): paths of the shared real files and temp copies. */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute path of a file under `../shared/data` (read in place, never copied into the repo). */
export function sharedData(rel: string): string {
  return path.resolve(repoRoot, '../shared/data', rel);
}

/** An InputFile read from disk. */
export function inputFile(p: string): InputFile {
  return { path: p, name: path.basename(p), bytes: readFileSync(p) };
}

/** An InputFile made from bytes or text (for defect tests), named `name`. */
export function memFile(name: string, content: string | Uint8Array): InputFile {
  return { path: name, name, bytes: typeof content === 'string' ? Buffer.from(content, 'utf8') : content };
}

/** Writes `content` as `name` in a new temp folder (or `dir`) and returns its path. */
export function tempFile(name: string, content: string | Uint8Array, dir?: string): string {
  const d = dir ?? mkdtempSync(path.join(tmpdir(), 'lw-src-'));
  mkdirSync(d, { recursive: true });
  const p = path.join(d, name);
  writeFileSync(p, content);
  return p;
}
