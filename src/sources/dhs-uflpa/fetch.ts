import { pageFetcher } from '../common/page.js';

/** DHS's UFLPA Entity List page: a change of its text is a review item (its table is not imported). */
export const dhsUflpaFetcher = pageFetcher('dhs-uflpa', 'DHS UFLPA Entity List page (review when it changes)', 'https://www.dhs.gov/', 'uflpa-entity-list', 'DHS UFLPA Entity List');
