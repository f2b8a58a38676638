import type { ListDef } from '../../core/model.js';
import type { ListSlice } from '../format.js';
import { hashJson } from '../common/hash.js';
import { mapOfacRecords, programBasis } from '../common/ofac-map.js';
import { groupBy } from '../common/group.js';
import { slugify } from '../common/text.js';
import type { SdnRaw } from '../ofac-sdn/parse.js';

/** The OFAC program tag of the NS-CMIC list. */
export const CMIC_PROGRAM = 'CMIC-EO13959';

/** The NS-CMIC list as this importer defines it when the store does not know it yet. */
export const CMIC_LIST: ListDef = {
  id: 'us-treasury-ns-cmic',
  name: 'Non-SDN Chinese Military-Industrial Complex Companies List (NS-CMIC)',
  agency: 'U.S. Department of the Treasury, Office of Foreign Assets Control',
  legalBasis: 'Executive Order 13959, as amended by Executive Order 14032',
  sourceIds: [],
  description: 'Imported from OFAC non-SDN consolidated legacy CSV (cons_prim.csv, program CMIC-EO13959).',
};

/** List id of an OFAC non-SDN program: CMIC → `us-treasury-ns-cmic`, others `us-ofac-cons-<program slug>`. */
export function consListId(program: string): string {
  return program === CMIC_PROGRAM ? CMIC_LIST.id : `us-ofac-cons-${slugify(program)}`;
}

function listDef(program: string): ListDef {
  if (program === CMIC_PROGRAM) return CMIC_LIST;
  return {
    id: consListId(program),
    name: `OFAC non-SDN consolidated list, program ${program}`,
    agency: 'U.S. Department of the Treasury, Office of Foreign Assets Control',
    legalBasis: `The authorities of OFAC program ${program}`,
    sourceIds: [],
    description: `Entries of OFAC's non-SDN consolidated list (cons_prim.csv) tagged ${program}.`,
  };
}

/**
 * Splits a consolidated set into one list per program tag (an entry with two tags is on both).
 * Entities are `us-ofac-cons:<ent_num>` (one OFAC record, one entity, whatever its lists).
 * NS-CMIC entries carry the listing, effective and divestment dates from the remarks in their basis.
 * Each list's hash is over its own raw records, so a change to one program leaves the others unchanged.
 */
export function mapCons(raw: SdnRaw, sourceId: string): ListSlice[] {
  const mapped = mapOfacRecords(raw.primary, raw.alts, raw.addresses, 'us-ofac-cons', sourceId);
  const altsBy = groupBy(raw.alts, (a) => a.entNum);
  const addBy = groupBy(raw.addresses, (a) => a.entNum);
  const byProgram = new Map<string, typeof mapped>();
  for (const m of mapped) {
    for (const p of m.record.programs.length ? m.record.programs : ['NONE']) (byProgram.get(p) ?? byProgram.set(p, []).get(p)!).push(m);
  }
  return [...byProgram.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([program, ms]) => ({
      list: listDef(program),
      contentHash: hashJson(ms.map((m) => [m.record.entNum, m.record.name, m.record.sdnType, m.record.programs, m.record.remarks, (altsBy.get(m.record.entNum) ?? []).map((a) => [a.altType, a.name]), (addBy.get(m.record.entNum) ?? []).map((a) => [a.city, a.country])])),
      entities: ms.map((m) => m.entity),
      entries: ms.map((m) => {
        let basis = programBasis(m.record.programs);
        if (program === CMIC_PROGRAM) {
          const d = m.remarks.dates;
          const dates = ['Listing Date (CMIC)', 'Effective Date (CMIC)', 'Purchase/Sales For Divestment Date (CMIC)'].filter((k) => d[k]).map((k) => `${k} ${d[k]}`);
          if (dates.length) basis = `${basis}; ${dates.join('; ')}`;
        }
        // The file's own listing date starts the designation; without one it is "first seen" (start unknown).
        const since = listingDate(m.remarks.dates, program);
        return { entityId: m.entity.id, printedName: m.record.name, ...(basis ? { basis } : {}), ...(since ? { since } : {}) };
      }),
    }));
}

/**
 * The listing date OFAC prints in an entry's remarks for this program (`Listing Date (CMIC)` for
 * CMIC-EO13959), else any single `Listing Date …`; undefined when the file gives none.
 */
export function listingDate(dates: Record<string, string>, program: string): string | undefined {
  const own = program === CMIC_PROGRAM ? dates['Listing Date (CMIC)'] : undefined;
  if (own) return own;
  const any = Object.entries(dates).filter(([k]) => /^Listing Date\b/.test(k)).map(([, v]) => v);
  return any.length === 1 ? any[0] : undefined;
}
