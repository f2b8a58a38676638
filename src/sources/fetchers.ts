import { ListwatchError } from '../core/errors.js';
import type { SourceFetcher } from './fetcher.js';
import { ofacSdnFetcher } from './ofac-sdn/fetch.js';
import { ofacConsFetcher } from './ofac-cons/fetch.js';
import { tradeCslFetcher } from './trade-csl/fetch.js';
import { federalRegisterFetcher } from './federal-register/fetch.js';
import { dhsUflpaFetcher } from './dhs-uflpa/fetch.js';
import { fccCoveredListFetcher } from './fcc-covered-list/fetch.js';

/** Every official source `listwatch sync` watches. Adding one: a `fetch.ts` in its folder and one line here. */
export const fetchers: readonly SourceFetcher[] = [ofacSdnFetcher, ofacConsFetcher, tradeCslFetcher, federalRegisterFetcher, dhsUflpaFetcher, fccCoveredListFetcher];

/** The fetcher with this `--source` id, or BAD_INPUT listing the known ones. */
export function getFetcher(id: string): SourceFetcher {
  const f = fetchers.find((x) => x.id === id);
  if (!f) throw new ListwatchError('BAD_INPUT', `unknown source "${id}" (known: ${fetchers.map((x) => x.id).join(', ')})`, { field: 'source' });
  return f;
}
