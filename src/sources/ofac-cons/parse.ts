import type { InputFile, ImportUnit } from '../format.js';
import { groupSdn, parseOfacSet, type SdnRaw } from '../ofac-sdn/parse.js';

/** File roles of the non-SDN consolidated set, by OFAC's base names. */
export const CONS_ROLES: Record<string, string> = { 'cons_prim.csv': 'prim', 'cons_add.csv': 'add', 'cons_alt.csv': 'alt', 'cons_comments.csv': 'comments' };

/** Groups paths into consolidated sets: each `cons_prim.csv` with the companions of its folder. */
export function groupCons(paths: string[]): ImportUnit[] {
  return groupSdn(paths, CONS_ROLES, 'prim');
}

/**
 * Reads a consolidated set into raw records. Same legacy layout as the SDN files (12/6/5/2
 * columns, no header, `-0-`, 0x1A), so the SDN reader does the work.
 */
export function parseCons(files: Record<string, InputFile>, onProgress?: (msg: string) => void): Promise<SdnRaw> {
  return parseOfacSet(files, 'prim', onProgress);
}
