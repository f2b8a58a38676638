import type { ListDef } from '../../core/model.js';
import type { ListSlice } from '../format.js';
import { mapOfacRecords, programBasis } from '../common/ofac-map.js';
import type { SdnRaw } from './parse.js';

/** The SDN list as this importer defines it when the store does not know it yet. */
export const SDN_LIST: ListDef = {
  id: 'us-ofac-sdn',
  name: 'OFAC Specially Designated Nationals and Blocked Persons List (SDN)',
  agency: 'U.S. Department of the Treasury, Office of Foreign Assets Control',
  legalBasis: 'IEEPA and the sanctions programs named on each entry',
  sourceIds: [],
  description: 'Imported from OFAC legacy CSV files (sdn.csv and companions).',
};

/**
 * Maps an SDN set to the one list `us-ofac-sdn`: entities `us-ofac-sdn:<ent_num>`,
 * entries printed as OFAC prints the name, basis = the program tags.
 */
export function mapSdn(raw: SdnRaw, sourceId: string, contentHash: string): ListSlice {
  const mapped = mapOfacRecords(raw.primary, raw.alts, raw.addresses, SDN_LIST.id, sourceId);
  return {
    list: SDN_LIST,
    contentHash,
    entities: mapped.map((m) => m.entity),
    entries: mapped.map((m) => {
      const basis = programBasis(m.record.programs);
      // A listing date in the remarks starts the designation; without one it is "first seen" (start unknown).
      const dates = Object.entries(m.remarks.dates).filter(([k]) => /^Listing Date\b/.test(k)).map(([, v]) => v);
      const since = dates.length === 1 ? dates[0] : undefined;
      return { entityId: m.entity.id, printedName: m.record.name, ...(basis ? { basis } : {}), ...(since ? { since } : {}) };
    }),
  };
}
