import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { IndexSource } from '../src/core/match/build-index.js';
import type { Designation, Entity, ListDef, Publication } from '../src/core/model.js';
import { getFormat } from '../src/sources/registry.js';
import type { InputFile } from '../src/sources/format.js';
import { bundledIndexSource, sharedPath } from './dataset.js';

/** Imported files of the throughput benchmark: OFAC SDN (2024-05-03) and the partial CSL (2023-11). */
export const BIG_FILES = [
  { format: 'ofac-sdn', role: 'sdn', file: sharedPath('data/ofac_sdn/jackdwyer_2024-05-03/sdn.csv'), date: '2024-05-03' },
  { format: 'trade-csl', role: 'csl', file: sharedPath('data/trade_csl/watchman_sample_2023-11/csl.csv'), date: '2023-11-30' },
] as const;

/**
 * The benchmark index source: the bundled dataset plus OFAC SDN and the partial CSL, read with
 * the project's own source formats (parse + map), each imported list as one snapshot publication.
 */
export async function bigIndexSource(): Promise<IndexSource> {
  const base = await bundledIndexSource();
  const entities: Entity[] = [...base.entities];
  const designations: Designation[] = [...base.designations];
  const publications: Publication[] = [...base.publications];
  const lists: ListDef[] = [...base.lists];
  const seen = new Set(entities.map((e) => e.id));
  for (const f of BIG_FILES) {
    let bytes = new Uint8Array(await readFile(f.file));
    // The CSL sample ends in a truncated record (a quote never closed); the importer rightly
    // refuses it, so the benchmark drops that last partial record.
    if (f.format === 'trade-csl') bytes = bytes.subarray(0, Buffer.from(bytes).lastIndexOf('\n"') + 1);
    const input: InputFile = { path: f.file, name: path.basename(f.file), bytes };
    const loaded = await getFormat(f.format).load({ [f.role]: input }, { sourceId: `bench-${f.format}` });
    for (const slice of loaded.lists) {
      const pubId = `${slice.list.id}/${f.date}`;
      if (!lists.some((l) => l.id === slice.list.id)) lists.push(slice.list);
      publications.push({ id: pubId, listId: slice.list.id, date: f.date, kind: 'snapshot', title: `${slice.list.name} (${path.basename(f.file)})`, sourceIds: [], entries: [] });
      for (const e of slice.entities) if (!seen.has(e.id)) { seen.add(e.id); entities.push(e); }
      for (const en of slice.entries) designations.push({ entityId: en.entityId, listId: slice.list.id, from: f.date, to: null, addedBy: pubId, endedBy: null, printedName: en.printedName });
    }
  }
  return { entities, designations, publications, lists };
}
