import type { FileFetcher } from '../fetcher.js';

/**
 * OFAC's non-SDN consolidated legacy CSV set (cons_prim.csv with cons_add.csv, cons_alt.csv,
 * cons_comments.csv) under treasury.gov/ofac/downloads/consolidated/, imported with `ofac-cons`.
 */
export const ofacConsFetcher: FileFetcher = {
  kind: 'files',
  id: 'ofac-cons',
  description: 'OFAC non-SDN consolidated legacy CSV files (cons_prim.csv and companions)',
  baseUrl: 'https://www.treasury.gov/ofac/downloads/consolidated/',
  format: 'ofac-cons',
  files: [{ name: 'cons_prim.csv' }, { name: 'cons_add.csv', optional: true }, { name: 'cons_alt.csv', optional: true }, { name: 'cons_comments.csv', optional: true }],
};
