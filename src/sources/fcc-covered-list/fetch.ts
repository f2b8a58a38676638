import { pageFetcher } from '../common/page.js';

/** The FCC Covered List page: a change of its text is a review item (its table is not imported). */
export const fccCoveredListFetcher = pageFetcher('fcc-covered-list', 'FCC Covered List page (review when it changes)', 'https://www.fcc.gov/supplychain/', 'coveredlist', 'FCC Covered List');
