import { ListwatchError } from '../core/errors.js';
import type { SourceFormat } from './format.js';
import { ofacSdn } from './ofac-sdn/index.js';
import { ofacCons } from './ofac-cons/index.js';
import { tradeCsl } from './trade-csl/index.js';
import { opensanctions1260h } from './opensanctions-1260h/index.js';

/** Every importable file format. Adding a format: one folder under src/sources/ and one line here. */
export const formats: readonly SourceFormat[] = [ofacSdn, ofacCons, tradeCsl, opensanctions1260h];

/** The format named `id`, or BAD_INPUT listing the known ones. */
export function getFormat(id: string): SourceFormat {
  const f = formats.find((x) => x.id === id);
  if (!f) throw new ListwatchError('BAD_INPUT', `unknown format "${id}" (known: ${formats.map((x) => x.id).join(', ')})`, { field: 'format' });
  return f;
}
