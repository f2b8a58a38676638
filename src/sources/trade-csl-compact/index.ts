import type { SourceFormat } from '../format.js';
import { parseCompactCsl } from './parse.js';
import { mapCompactCsl } from './map.js';

/**
 * `trade-csl-compact`: the full Consolidated Screening List as a compact JSON re-encoding of
 * trade.gov's consolidated.json (seelpeed-debug/export-controls-agent-mcp's
 * `screening-list.json`: name, aliases, type, countries, entity number, licence requirement and
 * policy, programs, FR notice; no street addresses, start dates or remarks). A secondary source
 * (a third party's re-encoding of the government file), split per source into the lists of
 * `trade-csl`.
 */
export const tradeCslCompact: SourceFormat = {
  id: 'trade-csl-compact',
  description: 'Consolidated Screening List, compact JSON re-encoding of trade.gov consolidated.json, one list per source',
  quality: 'S',
  linking: { mode: 'merge' },
  group: (paths) => paths.map((p) => ({ primary: p, files: { csl: p } })),
  async load(files, ctx) {
    const f = files.csl!;
    ctx.onProgress?.(`${f.name}: reading compact CSL`);
    const raw = parseCompactCsl(f);
    const mapped = mapCompactCsl(raw.rows, ctx.sourceId);
    return { rowCount: raw.rows.length, lists: mapped.lists, warnings: [...raw.warnings, ...mapped.warnings] };
  },
};
