import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSnapshot, indexFromSnapshot } from '../../core/match/build-index.js';
import type { IndexSnapshot, ScreenIndex } from '../../core/match/types.js';
import type { IsoDate } from '../../core/model.js';
import { entityEpoch } from '../../core/history/entity-epoch.js';
import type { Store } from '../../store/store.js';
import { DATASET_HASH_KEY } from '../seed.js';
import { indexSourceFromStore } from './index-source.js';

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
 * normalising every name); otherwise built from the store and cached. A broken or
 * unwritable cache is ignored, never fatal.
 */
export async function loadIndexCached(store: Store, cacheDir: string, asOf?: IsoDate): Promise<ScreenIndex> {
  // With `asOf`, the index of the names as they stood then: one cached snapshot per state of the names (epoch).
  const epoch = asOf === undefined ? 'current' : entityEpoch(await store.getEntityChangeDates(), asOf);
  const key = createHash('sha256').update(await storeSignature(store)).update(await codeFingerprint()).update(`\0epoch:${epoch}`).digest('hex').slice(0, 32);
  const file = path.join(cacheDir, `screen-index-${key}.json`);
  try {
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as IndexSnapshot;
    if (snapshot.version === 1) return indexFromSnapshot(snapshot);
  } catch {
    // no cache yet, or unreadable: build below
  }
  const snapshot = buildSnapshot(await indexSourceFromStore(store, asOf));
  try {
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(snapshot));
    await rename(tmp, file);
  } catch {
    // a read-only location only costs speed
  }
  return indexFromSnapshot(snapshot);
}
