import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSnapshot, indexFromSnapshot } from '../../core/match/build-index.js';
import { snapshotFromJson, snapshotToJson } from '../../core/match/snapshot-json.js';
import type { IndexSnapshot, ScreenIndex } from '../../core/match/types.js';
import type { IsoDate } from '../../core/model.js';
import { entityEpoch } from '../../core/history/entity-epoch.js';
import type { Store } from '../../store/store.js';
import { DATASET_HASH_KEY } from '../seed.js';
import { indexSourceFromStore } from './index-source.js';
import { readDeletionTableFile, writeDeletionTableFile } from './deletion-table-file.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * A fingerprint of the matching code: the modification times and sizes of the normalisation
 * and matching modules, so a snapshot made by other code is never reused.
 */
async function codeFingerprint(): Promise<string> {
  const parts: string[] = [];
  // core/history (verified marks) and core/rules (restriction dates) also shape the snapshot.
  for (const dir of [path.join(here, '../../core/normalise'), path.join(here, '../../core/match'), path.join(here, '../../core/history'), path.join(here, '../../core/rules')]) {
    for (const f of (await readdir(dir)).sort()) {
      const s = await stat(path.join(dir, f));
      parts.push(`${f}:${s.size}:${s.mtimeMs}`);
    }
  }
  return parts.join('|');
}

/**
 * What the index depends on in the store, read cheaply: every publication (id, date, kind,
 * content hash, count), the bundled dataset's hash and the number of entities and lists. Any import, seed or edit of the
 * record adds or changes a publication, so an equal signature means an equal index.
 */
export async function storeSignature(store: Store): Promise<string> {
  const [pubs, entities, lists, dataset] = await Promise.all([store.getPublications(), store.countEntities(), store.getLists(), store.getMeta(DATASET_HASH_KEY)]);
  const h = createHash('sha256');
  for (const p of pubs) h.update(`${p.id}\0${p.date}\0${p.kind}\0${p.contentHash ?? ''}\0${p.entityCount ?? ''}\n`);
  h.update(`dataset:${dataset ?? ''}\nentities:${entities}\nlists:${lists.map((l) => `${l.id}=${l.name}`).join(',')}\n`);
  return h.digest('hex');
}

/**
 * The screen index of a store (with `asOf`: with the names as they stood on that date), from a snapshot cached in `cacheDir` when the store and the
 * matching code are unchanged since it was written (a cold `listwatch screen` then skips
 * normalising every name); otherwise built from the store and cached. The index's deletion
 * table is cached beside the snapshot (`….deletions`): read back, it saves building it (about
 * half a second for the bundled record + SDN + CSL) on every start. A broken or unwritable
 * cache is ignored, never fatal.
 */
export async function loadIndexCached(store: Store, cacheDir: string, asOf?: IsoDate): Promise<ScreenIndex> {
  // With `asOf`, the index of the names as they stood then: one cached snapshot per state of the names (epoch).
  const epoch = asOf === undefined ? 'current' : entityEpoch(await store.getEntityChangeDates(), asOf);
  const key = createHash('sha256').update(await storeSignature(store)).update(await codeFingerprint()).update(`\0epoch:${epoch}`).digest('hex').slice(0, 32);
  const file = path.join(cacheDir, `screen-index-${key}.json`);
  const tableFile = path.join(cacheDir, `screen-index-${key}.deletions`);
  let snapshot: IndexSnapshot | null = null;
  try {
    snapshot = snapshotFromJson(await readFile(file, 'utf8'));
    // Marks the entry as used, so that pruning keeps it (see pruneIndexCache).
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
  } catch {
    // no cache yet, or unreadable: build below
  }
  if (!snapshot) {
    snapshot = buildSnapshot(await indexSourceFromStore(store, asOf));
    try {
      await mkdir(cacheDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, snapshotToJson(snapshot));
      await rename(tmp, file);
      await pruneIndexCache(cacheDir, CACHE_ENTRIES);
    } catch {
      // a read-only location only costs speed
    }
  }
  // indexFromSnapshot uses a table only when it was made from this snapshot's tokens (tableFits).
  const table = await readDeletionTableFile(tableFile);
  const index = indexFromSnapshot(snapshot, table ? { deletions: table } : {});
  if (index.deletions !== table) await writeDeletionTableFile(tableFile, index.deletions).catch(() => undefined);
  return index;
}

/**
 * Entries the index cache keeps: each import, seed or new version of the matching code makes a new
 * one (4–25 MB of snapshot and as much again of deletion table), and the old ones are never read
 * again. Several dates' states of the names (as-of screens) are in use at once, so more than one.
 */
const CACHE_ENTRIES = 8;

/**
 * Removes all but the `keep` most recently used entries of the index cache in `dir` (snapshot and
 * deletion table; "used" is the snapshot's modification time, which a read refreshes), tables
 * without a snapshot, and temporary files a killed process left there over an hour ago. Best
 * effort: a file another process removes first, or cannot be removed, is skipped. Returns the
 * entries removed.
 */
export async function pruneIndexCache(dir: string, keep: number): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const entries: { key: string; used: number }[] = [];
  const stale: string[] = [];
  const hourAgo = Date.now() - 3_600_000;
  const tables: string[] = [];
  for (const n of names) {
    const m = /^(screen-index-[0-9a-f]{32})\.(json|deletions)$/.exec(n);
    if (m?.[2] === 'deletions') {
      tables.push(m[1] as string);
      continue;
    }
    const st = await stat(path.join(dir, n)).catch(() => null);
    if (!st) continue;
    if (m) entries.push({ key: m[1] as string, used: st.mtimeMs });
    else if (n.startsWith('screen-index-') && n.endsWith('.tmp') && st.mtimeMs < hourAgo) stale.push(n);
  }
  entries.sort((a, b) => b.used - a.used);
  const kept = new Set(entries.slice(0, keep).map((e) => e.key));
  const removed = entries.slice(keep).map((e) => e.key);
  for (const key of removed) await rm(path.join(dir, `${key}.json`), { force: true }).catch(() => undefined);
  // A table goes with its snapshot (also one whose snapshot is already gone).
  for (const key of tables) if (!kept.has(key)) await rm(path.join(dir, `${key}.deletions`), { force: true }).catch(() => undefined);
  for (const n of stale) await rm(path.join(dir, n), { force: true }).catch(() => undefined);
  return removed;
}
