import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ListwatchError } from '../../core/errors.js';

/** Lock file name inside the data directory (PostgreSQL ignores files it does not know). */
const LOCK_FILE = 'listwatch.lock';

/** Directories this process holds open, because a pid check cannot tell two opens of one process apart. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the single-writer lock of a PGlite directory. PGlite has no multi-process access:
 * two processes writing one directory would corrupt it, so a second opener (a CLI command
 * while `listwatch serve` runs, say) gets a clear STORE error instead. A lock left by a
 * process that died is taken over. Returns the release function.
 */
export function lockDirectory(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  const busy = (pid: number) => new ListwatchError('STORE', `the store ${dir} is in use by process ${pid}; stop it, or share one PostgreSQL server (DATABASE_URL) between processes`);
  if (held.has(dir)) throw busy(process.pid);
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new ListwatchError('STORE', `cannot lock the store ${dir}: ${(e as Error).message}`, undefined, { cause: e });
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw busy(pid);
    writeFileSync(file, String(process.pid));
  }
  held.add(dir);
  return () => {
    held.delete(dir);
    rmSync(file, { force: true });
  };
}
