import { ListwatchError } from '../../core/errors.js';
import type { InputFile, ImportUnit } from '../format.js';
import { joinComments, readOfacAdd, readOfacAlt, readOfacComments, readOfacPrimary, type OfacAddress, type OfacAlt, type OfacPrimary } from '../common/ofac-legacy.js';
import path from 'node:path';

/** The raw records of one SDN set (sdn.csv with whichever companions were given). */
export interface SdnRaw {
  primary: OfacPrimary[];
  alts: OfacAlt[];
  addresses: OfacAddress[];
  warnings: string[];
}

/** File roles of the SDN set, by base name (OFAC's own names, any case). */
export const SDN_ROLES: Record<string, string> = { 'sdn.csv': 'sdn', 'add.csv': 'add', 'alt.csv': 'alt', 'sdn_comments.csv': 'comments' };

/**
 * Groups paths into SDN sets: every `sdn.csv` is a unit; `add/alt/sdn_comments.csv` join the
 * `sdn.csv` of the same folder. A companion without its `sdn.csv` is BAD_INPUT.
 */
export function groupSdn(paths: string[], roles = SDN_ROLES, primaryRole = 'sdn'): ImportUnit[] {
  const units = new Map<string, ImportUnit>();
  const companions: [string, string][] = [];
  for (const p of paths) {
    const role = roles[path.basename(p).toLowerCase()];
    if (!role) throw new ListwatchError('BAD_INPUT', `${p}: not an OFAC file name this format knows (${Object.keys(roles).join(', ')})`, { file: p });
    if (role === primaryRole) units.set(path.dirname(path.resolve(p)), { primary: p, files: { [role]: p } });
    else companions.push([role, p]);
  }
  for (const [role, p] of companions) {
    const u = units.get(path.dirname(path.resolve(p)));
    if (!u) throw new ListwatchError('BAD_INPUT', `${p}: companion file given without the primary file of its folder`, { file: p });
    if (u.files[role]) throw new ListwatchError('BAD_INPUT', `${p}: a second ${role} file for ${u.primary}`, { file: p });
    u.files[role] = p;
  }
  return [...units.values()];
}

/** Reads an OFAC legacy set (primary + optional add/alt/comments) into raw records. */
export async function parseOfacSet(files: Record<string, InputFile>, primaryRole: string, onProgress?: (msg: string) => void): Promise<SdnRaw> {
  const main = files[primaryRole];
  if (!main) throw new ListwatchError('BAD_INPUT', `the ${primaryRole} file is missing`);
  const { records: primary, warnings } = await readOfacPrimary(main, onProgress);
  const alts: OfacAlt[] = [];
  const addresses: OfacAddress[] = [];
  const ids = new Set(primary.map((r) => r.entNum));
  // A companion is guarded like the main file: an empty one (a failed download) is refused, not read as "no aliases".
  for (const [role, f] of Object.entries(files)) {
    if (role !== primaryRole && f.bytes.every((b) => b === 0x1a || b === 0x0a || b === 0x0d || b === 0x20)) {
      throw new ListwatchError('BAD_FILE', `${f.name}: the file is empty (a failed download?); leave it out rather than import an empty ${role} file`, { file: f.name, line: 1 });
    }
  }
  if (files.comments) {
    const c = await readOfacComments(files.comments);
    warnings.push(...c.warnings, ...joinComments(primary, c.byEntNum, files.comments.name));
  }
  if (files.alt) {
    const a = await readOfacAlt(files.alt);
    warnings.push(...a.warnings);
    let orphans = 0;
    for (const r of a.records) (ids.has(r.entNum) ? alts.push(r) : orphans++);
    if (orphans) warnings.push(`${files.alt.name}: ${orphans} alternate names refer to ent_nums not in ${main.name}; ignored (files from different dates?)`);
  }
  if (files.add) {
    const a = await readOfacAdd(files.add);
    warnings.push(...a.warnings);
    let orphans = 0;
    for (const r of a.records) (ids.has(r.entNum) ? addresses.push(r) : orphans++);
    if (orphans) warnings.push(`${files.add.name}: ${orphans} addresses refer to ent_nums not in ${main.name}; ignored (files from different dates?)`);
  }
  return { primary, alts, addresses, warnings };
}
