import { ListwatchError } from '../core/errors.js';
import type { SourceFormat } from './format.js';
import { ofacSdn } from './ofac-sdn/index.js';
import { ofacCons } from './ofac-cons/index.js';
import { tradeCsl } from './trade-csl/index.js';
import { tradeCslCompact } from './trade-csl-compact/index.js';
import { opensanctions1260h } from './opensanctions-1260h/index.js';
import { ftm } from './ftm/index.js';
import { loadDataset } from './dataset/index.js';
import type { Dataset } from '../core/model.js';

/** Every importable file format. Adding a format: one folder under src/sources/ and one line here. */
export const formats: readonly SourceFormat[] = [ofacSdn, ofacCons, tradeCsl, opensanctions1260h, ftm, tradeCslCompact];

/**
 * The project's own dataset format (`data/`: sources, lists, entities, publications…). It is a whole
 * record, not a snapshot of one list, so it is loaded by `loadDataset(dir)` and written by
 * `ensureSeeded` (app/seed.ts), never through `importFiles`.
 */
export const datasetFormat: { id: 'listwatch-dataset'; description: string; load: (dir: string) => Promise<Dataset> } = {
  id: 'listwatch-dataset',
  description: "listwatch's own sourced dataset folder (data/), loaded whole and seeded with `listwatch init`",
  load: loadDataset,
};

/** The format named `id`, or BAD_INPUT listing the known ones. */
export function getFormat(id: string): SourceFormat {
  if (id === datasetFormat.id) throw new ListwatchError('BAD_INPUT', `${id} is the bundled dataset format: it is loaded by \`listwatch init\`, not imported as a list file`, { field: 'format' });
  const f = formats.find((x) => x.id === id);
  if (!f) throw new ListwatchError('BAD_INPUT', `unknown format "${id}" (known: ${formats.map((x) => x.id).join(', ')})`, { field: 'format' });
  return f;
}
