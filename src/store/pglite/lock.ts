import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ListwatchError } from '../../core/errors.js';

/** Lock file name inside the data directory (PostgreSQL ignores files it does not know). */
const LOCK_FILE = 'listwatch.lock';
/** Held while a stale lock is being replaced, so two openers cannot both take over one dead owner's lock. */
const TAKEOVER_FILE = 'listwatch.lock.takeover';
/** A takeover file this old whose owner is dead was left by a crash inside the takeover itself. */
const STALE_TAKEOVER_MS = 10_000;

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
 * Creates `file` holding `content`, atomically and complete, or returns false when it exists.
 * The content goes to a private temp file first, which is then hard-linked to the name:
 * link(2) fails with EEXIST when the name exists (O_EXCL semantics), and a reader never sees
 * the file empty or half-written (the old create-then-write left a window in which a second
 * opener read it empty and took it over).
 */
function createComplete(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(tmp, content, { flag: 'wx' });
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The pid written in a lock file; 0 when the file holds none (an old lock torn mid-write); null when it is gone. */
function ownerOf(file: string): number | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : 0;
}

/** Blocks the thread for `ms` (the lock is taken synchronously, before the store opens). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Removes a takeover file left by a process that died inside a takeover (renamed away first, so a fresh one is never removed). */
function clearDeadTakeover(file: string): void {
  const owner = ownerOf(file);
  if (owner === null || (owner > 0 && alive(owner))) return;
  let age = 0;
  try {
    age = Date.now() - statSync(file).mtimeMs;
  } catch {
    return;
  }
  if (age < STALE_TAKEOVER_MS) return;
  const aside = `${file}.${process.pid}.${randomUUID()}.dead`;
  try {
    renameSync(file, aside);
  } catch {
    return;
  }
  // Between the check and the rename another opener may have cleared it and taken a fresh one:
  // then put that one back (link fails only if yet another was made meanwhile, which is then the live one).
  const moved = ownerOf(aside);
  if (moved !== owner) {
    try {
      linkSync(aside, file);
    } catch {
      /* a newer takeover file exists; it is live */
    }
  }
  rmSync(aside, { force: true });
}

/**
 * Takes the single-writer lock of a PGlite directory. PGlite has no multi-process access:
 * two processes writing one directory would corrupt it, so a second opener (a CLI command
 * while `listwatch serve` runs, say) gets a clear STORE error instead. The lock file is
 * created complete and atomically (`createComplete`), so it cannot be granted twice. A lock
 * left by a process that died (or an empty one from an older version) is replaced under a
 * second, takeover lock, re-checked there, so two openers racing for a dead owner's lock
 * get it once between them. Returns the release function.
 */
export function lockDirectory(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  const takeover = path.join(dir, TAKEOVER_FILE);
  const busy = (pid: number) => new ListwatchError('STORE', `the store ${dir} is in use by process ${pid}; stop it, or share one PostgreSQL server (DATABASE_URL) between processes`);
  if (held.has(dir)) throw busy(process.pid);
  const me = String(process.pid);
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      if (createComplete(file, me)) {
        held.add(dir);
        return () => {
          held.delete(dir);
          // Only our own lock is removed (never one another process took after a crash of ours was assumed).
          if (ownerOf(file) === process.pid) rmSync(file, { force: true });
        };
      }
      const owner = ownerOf(file);
      if (owner === null) continue; // released between our attempt and the read: try again
      // Our own pid but not in `held`: a lock left by an earlier process that had our pid.
      if (owner > 0 && owner !== process.pid && alive(owner)) throw busy(owner);
      if (!createComplete(takeover, me)) {
        const other = ownerOf(takeover);
        if (other !== null && other > 0 && other !== process.pid && alive(other)) throw busy(other);
        clearDeadTakeover(takeover);
        pause(5);
        continue;
      }
      try {
        // Re-read under the takeover lock: only a dead owner's lock is removed.
        const again = ownerOf(file);
        if (again !== null && again === owner) rmSync(file, { force: true });
      } finally {
        rmSync(takeover, { force: true });
      }
    }
  } catch (e) {
    if (e instanceof ListwatchError) throw e;
    throw new ListwatchError('STORE', `cannot lock the store ${dir}: ${(e as Error).message}`, undefined, { cause: e });
  }
  throw new ListwatchError('STORE', `cannot lock the store ${dir}: its lock file kept changing; try again`);
}
