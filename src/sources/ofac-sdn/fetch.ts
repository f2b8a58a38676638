import type { FileFetcher } from '../fetcher.js';

/**
 * OFAC's legacy SDN CSV set, as published under treasury.gov/ofac/downloads/ (sdn.csv with its
 * companions add.csv, alt.csv, sdn_comments.csv), imported with the `ofac-sdn` format.
 */
export const ofacSdnFetcher: FileFetcher = {
  kind: 'files',
  id: 'ofac-sdn',
  description: 'OFAC SDN legacy CSV files (sdn.csv, add.csv, alt.csv, sdn_comments.csv)',
  baseUrl: 'https://www.treasury.gov/ofac/downloads/',
  format: 'ofac-sdn',
  files: [{ name: 'sdn.csv' }, { name: 'add.csv', optional: true }, { name: 'alt.csv', optional: true }, { name: 'sdn_comments.csv', optional: true }],
};
