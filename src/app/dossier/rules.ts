import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Source } from '../../core/model.js';
import type { RuleSet } from '../../core/rules/types.js';
import { validateRules } from '../../core/rules/validate.js';

/** The rules with the sources they cite that the dataset's sources.json does not carry. */
export interface LoadedRules {
  rules: RuleSet;
  /** Sources from `rules-sources.json` (facts-sheet entries the rules cite). */
  sources: Source[];
}

/** The folder holding `rules.json`, found relative to this file (works from src/ and dist/src/). */
export function defaultRulesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'data', 'rules.json'))) return path.join(dir, 'data');
    dir = path.dirname(dir);
  }
  throw new Error('data/rules.json not found');
}

const cache = new Map<string, LoadedRules>();

/**
 * Reads and validates `rules.json` and `rules-sources.json` from `dataDir` (default: the bundled
 * data folder). Every source a rule cites must be in `sources.json` or `rules-sources.json` of the
 * same folder; otherwise BAD_FILE. Cached per folder: the files are read once per process.
 */
export function loadRules(dataDir: string = defaultRulesDir()): LoadedRules {
  const hit = cache.get(dataDir);
  if (hit) return hit;
  const read = (name: string): unknown => JSON.parse(readFileSync(path.join(dataDir, name), 'utf8'));
  const sources = existsSync(path.join(dataDir, 'rules-sources.json')) ? (read('rules-sources.json') as Source[]) : [];
  const known = new Set(sources.map((s) => s.id));
  if (existsSync(path.join(dataDir, 'sources.json'))) for (const s of read('sources.json') as Source[]) known.add(s.id);
  const loaded = { rules: validateRules(read('rules.json'), { file: path.join(dataDir, 'rules.json'), knownSourceIds: known }), sources };
  cache.set(dataDir, loaded);
  return loaded;
}
