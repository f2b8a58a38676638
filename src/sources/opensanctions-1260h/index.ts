import type { SourceFormat } from '../format.js';
import { sha256 } from '../common/hash.js';
import { parseOs1260h } from './parse.js';
import { mapOs1260h, OS_1260H_LIST } from './map.js';

/**
 * `opensanctions-1260h`: OpenSanctions' 1260H transcription (one row per listing period).
 * Imports the latest edition's membership as a snapshot of `us-dod-1260h-opensanctions`;
 * links to the record's `us-dod-1260h` entities only as `sameAs` hints (see map.ts).
 */
export const opensanctions1260h: SourceFormat = {
  id: 'opensanctions-1260h',
  description: 'OpenSanctions us_dod_chinese_milcorps sanctions.csv (third-party 1260H transcription, CC BY-NC)',
  quality: 'D',
  linking: { mode: 'hint', hintListId: 'us-dod-1260h' },
  group: (paths) => paths.map((p) => ({ primary: p, files: { csv: p } })),
  async load(files, ctx) {
    const f = files.csv!;
    const raw = await parseOs1260h(f);
    const mapped = mapOs1260h(raw.rows, f.name, ctx.sourceId, sha256(f.bytes));
    return {
      rowCount: raw.rows.length,
      lists: [mapped.slice],
      warnings: [...raw.warnings, `${f.name}: latest edition in the file is ${mapped.edition} (${mapped.slice.entries.length} entries); imported into ${OS_1260H_LIST.id}, not us-dod-1260h`, ...mapped.warnings],
    };
  },
};
