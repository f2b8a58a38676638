import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSnapshot, indexFromSnapshot } from '../../core/match/build-index.js';
import { snapshotFromJson, snapshotToJson, tokensOfSnapshotJson } from '../../core/match/snapshot-json.js';
import type { IndexSnapshot, ScreenIndex } from '../../core/match/types.js';
import type { IsoDate } from '../../core/model.js';
import { entityEpoch } from '../../core/history/entity-epoch.js';
import type { Store } from '../../store/store.js';
import { DATASET_HASH_KEY } from '../seed.js';
import { indexSourceFromStore } from './index-source.js';
import { readDeletionTableFile, writeDeletionTableFile } from './deletion-table-file.js';
import { readSnapshotFile, writeSnapshotFile } from './snapshot-file.js';
import { buildDeletionTable, type DeletionTableData } from '../../core/match/deletion-table.js';

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
  const { file, tableFile } = await cacheFiles(store, cacheDir, asOf);
  let snapshot: IndexSnapshot | null = null;
  const text = await readSnapshotFile(file);
  if (text !== null) {
    try {
      snapshot = snapshotFromJson(text);
      await markUsed(file);
    } catch {
      // a snapshot of another shape: build below
    }
  }
  if (!snapshot) {
    snapshot = buildSnapshot(await indexSourceFromStore(store, asOf));
    await writeCached(cacheDir, file, snapshotToJson(snapshot));
  }
  // indexFromSnapshot uses a table only when it was made from this snapshot's tokens (tableFits).
  const table = await readDeletionTableFile(tableFile);
  const index = indexFromSnapshot(snapshot, table ? { deletions: table } : {});
  if (index.deletions !== table) await writeDeletionTableFile(tableFile, index.deletions).catch(() => undefined);
  return index;
}

/** A batch's index as its worker threads take it: the snapshot's JSON text and its deletion table (`loadSnapshotTextCached`). */
export interface SnapshotText {
  json: string;
  deletions: DeletionTableData;
}

/**
 * What a batch on worker threads needs of the index of a store (with `asOf`: of the names as
 * they stood then), from the same cache as `loadIndexCached`: the snapshot's JSON text, which
 * the workers parse, and its deletion table, shared with them. Nothing is parsed or built in
 * this thread when both are cached (the full index in the main thread cost a batch about half a
 * second before any worker started); otherwise the snapshot is built from the store and the
 * table from the text's tokens, and both are cached. A worker checks that the table fits the
 * snapshot's tokens and builds its own when it does not.
 */
export async function loadSnapshotTextCached(store: Store, cacheDir: string, asOf?: IsoDate): Promise<SnapshotText> {
  const { file, tableFile } = await cacheFiles(store, cacheDir, asOf);
  let json = await readSnapshotFile(file);
  if (json !== null) await markUsed(file);
  else {
    json = snapshotToJson(buildSnapshot(await indexSourceFromStore(store, asOf)));
    await writeCached(cacheDir, file, json);
  }
  let deletions = await readDeletionTableFile(tableFile);
  if (!deletions) {
    deletions = buildDeletionTable(tokensOfSnapshotJson(json));
    await writeDeletionTableFile(tableFile, deletions).catch(() => undefined);
  }
  return { json, deletions };
}

/** The cache files of a store's index (with `asOf`: of the names as they stood then; one per state of the names, its epoch). */
async function cacheFiles(store: Store, cacheDir: string, asOf?: IsoDate): Promise<{ file: string; tableFile: string }> {
  const epoch = asOf === undefined ? 'current' : entityEpoch(await store.getEntityChangeDates(), asOf);
  const key = createHash('sha256').update(await storeSignature(store)).update(await codeFingerprint()).update(`\0epoch:${epoch}`).digest('hex').slice(0, 32);
  return { file: path.join(cacheDir, `screen-index-${key}.json`), tableFile: path.join(cacheDir, `screen-index-${key}.deletions`) };
}

/** Marks a cache entry as used, so that pruning keeps it (see pruneIndexCache). */
async function markUsed(file: string): Promise<void> {
  const now = new Date();
  await utimes(file, now, now).catch(() => undefined);
}

/** Caches a snapshot's text and prunes the cache; a read-only location only costs speed. */
async function writeCached(cacheDir: string, file: string, json: string): Promise<void> {
  try {
    await mkdir(cacheDir, { recursive: true });
    await writeSnapshotFile(file, json);
    await pruneIndexCache(cacheDir, CACHE_ENTRIES);
  } catch {
    // a read-only location only costs speed
  }
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
