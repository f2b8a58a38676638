import type { FileFetcher } from '../fetcher.js';

/** trade.gov's Consolidated Screening List as one CSV (`consolidated.csv`), imported with `trade-csl`. */
export const tradeCslFetcher: FileFetcher = {
  kind: 'files',
  id: 'trade-csl',
  description: 'trade.gov Consolidated Screening List (consolidated.csv)',
  baseUrl: 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/',
  format: 'trade-csl',
  files: [{ name: 'consolidated.csv' }],
};
