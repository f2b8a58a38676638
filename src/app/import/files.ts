import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ListwatchError } from '../../core/errors.js';
import type { ImportUnit, InputFile } from '../../sources/format.js';

/** Reads every file of an import unit, by role. A missing or unreadable file is BAD_INPUT naming it. */
export async function readUnit(unit: ImportUnit): Promise<Record<string, InputFile>> {
  const out: Record<string, InputFile> = {};
  for (const [role, p] of Object.entries(unit.files)) {
    let bytes: Buffer;
    try {
      bytes = await readFile(p);
    } catch (e) {
      throw new ListwatchError('BAD_INPUT', `${p}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: p }, { cause: e });
    }
    out[role] = { path: p, name: path.basename(p), bytes };
  }
  return out;
}
