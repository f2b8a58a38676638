import type { SourceFormat } from '../format.js';
import { parseCsl } from './parse.js';
import { mapCsl } from './map.js';

/**
 * `trade-csl`: trade.gov's Consolidated Screening List CSV (29 columns with header). Each file
 * is its own import, split per `source` into lists (see `lists.ts` for the ids and why Treasury
 * lists get `-csl` copies).
 */
export const tradeCsl: SourceFormat = {
  id: 'trade-csl',
  description: "trade.gov Consolidated Screening List CSV (29 columns), one list per source",
  quality: 'P',
  linking: { mode: 'merge' },
  group: (paths) => paths.map((p) => ({ primary: p, files: { csl: p } })),
  async load(files, ctx) {
    const f = files.csl!;
    const raw = await parseCsl(f, ctx.onProgress);
    const mapped = mapCsl(raw.rows, f.name, ctx.sourceId);
    return { rowCount: raw.rows.length, lists: mapped.lists, warnings: [...raw.warnings, ...mapped.warnings] };
  },
};
