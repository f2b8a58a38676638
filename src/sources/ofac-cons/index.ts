import type { SourceFormat } from '../format.js';
import { groupCons, parseCons } from './parse.js';
import { mapCons } from './map.js';

/**
 * `ofac-cons`: OFAC's non-SDN consolidated legacy CSV set (`cons_prim.csv` with optional
 * `cons_add.csv`, `cons_alt.csv`, `cons_comments.csv`), split per program into lists;
 * `CMIC-EO13959` becomes `us-treasury-ns-cmic`.
 */
export const ofacCons: SourceFormat = {
  id: 'ofac-cons',
  description: 'OFAC non-SDN consolidated legacy CSV (cons_prim.csv + cons_add/alt/comments), one list per program',
  quality: 'P',
  linking: { mode: 'merge' },
  group: groupCons,
  async load(files, ctx) {
    const raw = await parseCons(files, ctx.onProgress);
    return { rowCount: raw.primary.length, lists: mapCons(raw, ctx.sourceId), warnings: raw.warnings };
  },
};
