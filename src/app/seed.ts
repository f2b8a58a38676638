import { deriveDesignations } from '../core/history/designations.js';
import type { Publication } from '../core/model.js';
import { hashDataset, loadDataset } from '../sources/dataset/index.js';
import type { Store } from '../store/store.js';

/** Meta key: hash of the bundled dataset last written (see `hashDataset`). */
export const DATASET_HASH_KEY = 'dataset_hash';
/** Meta key: JSON array of the publication ids the last seed wrote, to tell them from imported ones. */
export const DATASET_PUBLICATIONS_KEY = 'dataset_publications';

/**
 * Writes the bundled dataset in `dataDir` into the store when its hash differs from the one
 * stored in meta `dataset_hash`; a no-op otherwise (so `listwatch init` is idempotent).
 *
 * Everything goes in ONE `apply`, so a failed seed leaves the store as it was.
 * Dataset-owned rows carry origin `'dataset'` and are replaced wholesale (`replaceOrigin`);
 * imported rows (origin `'import'`) are kept. Designations of every list the dataset touches are
 * re-derived from the dataset's publications PLUS the imported publications on those lists, so an
 * import on a bundled list (e.g. a newer NS-CMIC file) keeps its effect across a reseed.
 * An imported publication whose id the dataset now also uses wins; the dataset's copy is skipped
 * with a log line.
 */
export async function ensureSeeded(store: Store, dataDir: string, log: (msg: string) => void): Promise<{ seeded: boolean }> {
  const hash = await hashDataset(dataDir);
  const storedHash = await store.getMeta(DATASET_HASH_KEY);
  if (storedHash === hash) return { seeded: false };

  const ds = await loadDataset(dataDir);
  const previousIds = new Set<string>(JSON.parse((await store.getMeta(DATASET_PUBLICATIONS_KEY)) ?? '[]') as string[]);
  const stored = await store.getPublications();
  const touched = new Set<string>([...ds.lists.map((l) => l.id), ...ds.publications.map((p) => p.listId)]);
  for (const p of stored) if (previousIds.has(p.id)) touched.add(p.listId);

  const foreign: Publication[] = [];
  for (const p of stored) {
    if (!touched.has(p.listId) || previousIds.has(p.id)) continue;
    const full = await store.getPublication(p.id);
    if (full) foreign.push(full);
  }
  const foreignIds = new Set(foreign.map((p) => p.id));
  const publications = ds.publications.filter((p) => {
    if (!foreignIds.has(p.id)) return true;
    log(`bundled publication ${p.id} skipped: an imported publication has the same id`);
    return false;
  });

  log(`${storedHash ? 'updating' : 'loading'} bundled dataset: ${ds.entities.length} entities, ${publications.length} publications, ${ds.lists.length} lists…`);
  await store.apply({
    origin: 'dataset',
    replaceOrigin: 'dataset',
    resetDesignations: [...touched].sort(),
    sources: ds.sources,
    lists: ds.lists,
    entities: ds.entities,
    relations: ds.relations,
    publications,
    openDesignations: deriveDesignations([...publications, ...foreign]),
    events: ds.events,
    meta: { [DATASET_HASH_KEY]: hash, [DATASET_PUBLICATIONS_KEY]: JSON.stringify(publications.map((p) => p.id)) },
  });
  return { seeded: true };
}
