import type { Migration } from './index.js';

/**
 * Honest dates and printed addresses (issue #9):
 * - `publication_entries.since`: the start date a file gives for an entry (CSL `start_date`,
 *   OFAC listing date), when earlier than the publication;
 * - `designations.start_unknown`: the source gave no start, so `from_date` is only the day the
 *   record first saw the entry ("first seen on D, start unknown");
 * - `entities.addresses`: addresses as lists print them (the Entity List's address column).
 */
export const datesAddresses: Migration = {
  version: 20,
  name: 'dates-addresses',
  up: `
ALTER TABLE publication_entries ADD COLUMN since date;
ALTER TABLE designations ADD COLUMN start_unknown boolean NOT NULL DEFAULT false;
ALTER TABLE entities ADD COLUMN addresses jsonb;
`,
};
