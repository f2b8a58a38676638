import type { SourceFormat } from '../format.js';
import { sha256 } from '../common/hash.js';
import { groupSdn, parseOfacSet } from './parse.js';
import { mapSdn } from './map.js';

/**
 * `ofac-sdn`: OFAC's legacy SDN CSV set. Give `sdn.csv`, optionally with `add.csv`, `alt.csv`
 * and `sdn_comments.csv` of the same folder; they import as one snapshot of `us-ofac-sdn`.
 * The content hash covers every file of the set (the hashes of each, in role order).
 */
export const ofacSdn: SourceFormat = {
  id: 'ofac-sdn',
  description: 'OFAC SDN legacy CSV (sdn.csv + add.csv, alt.csv, sdn_comments.csv)',
  quality: 'P',
  linking: { mode: 'merge' },
  group: (paths) => groupSdn(paths),
  async load(files, ctx) {
    const raw = await parseOfacSet(files, 'sdn', ctx.onProgress);
    const contentHash = Object.keys(files).length === 1 && files.sdn
      ? sha256(files.sdn.bytes)
      : sha256(['sdn', 'add', 'alt', 'comments'].map((r) => (files[r] ? `${r}:${sha256(files[r].bytes)}` : '')).join('\n'));
    return { rowCount: raw.primary.length, lists: [mapSdn(raw, ctx.sourceId, contentHash)], warnings: raw.warnings };
  },
};
