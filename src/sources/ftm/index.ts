import type { SourceFormat } from '../format.js';
import { parseFtm } from './parse.js';
import { mapFtm } from './map.js';

/**
 * `ftm`: FollowTheMoney JSON lines (what `listwatch export --format ftm` and OpenSanctions write).
 * Each list (`programId` of the Sanctions) is imported as a snapshot of the sanctions in force
 * (no `endDate`); entities keep their FtM ids.
 */
export const ftm: SourceFormat = {
  id: 'ftm',
  description: 'FollowTheMoney JSON lines: entities and Sanctions (one list per programId), e.g. `listwatch export --format ftm`',
  quality: 'D',
  linking: { mode: 'merge' },
  group: (paths) => paths.map((p) => ({ primary: p, files: { jsonl: p } })),
  async load(files, ctx) {
    const f = files['jsonl']!;
    const records = parseFtm(f);
    return { rowCount: records.length, ...mapFtm(records, f.name, ctx.sourceId) };
  },
};
