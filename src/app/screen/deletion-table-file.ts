/**
 * A deletion table kept in a file beside a cached index snapshot (index-cache.ts): the table's
 * bytes (core/match/deletion-table-bytes.ts) followed by their SHA-256, so that a torn or
 * altered file is refused rather than searched. Read into shared memory, it goes to worker
 * threads as it is.
 */
import { createHash } from 'node:crypto';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { deletionTableBytes, deletionTableOfBytes } from '../../core/match/deletion-table-bytes.js';
import type { DeletionTableData } from '../../core/match/deletion-table.js';

const DIGEST_BYTES = 32;

/**
 * Writes `d` to `file` (through a temporary file and a rename, so a reader never sees half a
 * table). Throws what the file system throws; the caller decides whether that matters.
 */
export async function writeDeletionTableFile(file: string, d: DeletionTableData): Promise<void> {
  const parts = deletionTableBytes(d);
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, [...parts, h.digest()]);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * The table in `file`, on a SharedArrayBuffer; null when there is no such file, it cannot be
 * read, its digest does not match its bytes, or the bytes are not a sound table. Never throws:
 * a cache that cannot be used only costs the time to build the table again.
 */
export async function readDeletionTableFile(file: string): Promise<DeletionTableData | null> {
  let fh;
  try {
    fh = await open(file, 'r');
    const size = (await fh.stat()).size;
    if (size <= DIGEST_BYTES) return null;
    // Straight into shared memory: the table's arrays are views of it, shared with every worker.
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let at = 0;
    while (at < size) {
      const { bytesRead } = await fh.read(bytes, at, size - at, at);
      if (bytesRead === 0) return null;
      at += bytesRead;
    }
    const body = bytes.subarray(0, size - DIGEST_BYTES);
    const digest = createHash('sha256').update(body).digest();
    if (!digest.equals(bytes.subarray(size - DIGEST_BYTES))) return null;
    return deletionTableOfBytes(body);
  } catch {
    return null;
  } finally {
    await fh?.close();
  }
}
