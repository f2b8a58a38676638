import type { ListDef, NameKind } from '../../core/model.js';
import type { ListSlice } from '../format.js';
import { buildEntity } from '../common/entity.js';
import { normaliseName, slugify, splitMulti } from '../common/text.js';
import type { Os1260hRow } from './parse.js';

/**
 * The list this third-party transcription imports into. It is NOT `us-dod-1260h`: that list is
 * the project's own sourced record (the bundled dataset), and a CC BY-NC transcription with known
 * defects must not rewrite it. Entities are linked to the record's only as `sameAs` hints.
 */
export const OS_1260H_LIST: ListDef = {
  id: 'us-dod-1260h-opensanctions',
  name: 'DoD Section 1260H list, as transcribed by OpenSanctions',
  agency: 'OpenSanctions (transcription of U.S. Department of Defense publications)',
  legalBasis: 'Section 1260H of the FY2021 NDAA (transcribed; not the official text)',
  sourceIds: [],
  description: "Third-party transcription (CC BY-NC 4.0). Membership = the rows of the file's latest edition.",
};

/**
 * Maps the listing periods to one snapshot: the membership of the file's LATEST edition (rows
 * whose Start date is the latest one and that have no End date). Earlier rows with no End date
 * that the latest edition does not restate (by Clean Name or a Previous Name) are warned about
 * and left out: in this file that is how AMEC and IDG, removed in Dec 2024, appear.
 * Entities are `us-dod-1260h-opensanctions:<slug of Clean Name>`.
 */
export function mapOs1260h(rows: Os1260hRow[], file: string, sourceId: string, contentHash: string): { slice: ListSlice; warnings: string[]; edition: string } {
  const warnings: string[] = [];
  const edition = rows.reduce((m, r) => (r.start > m ? r.start : m), '');
  const latest = rows.filter((r) => r.start === edition && !r.end);
  const restated = new Set<string>();
  for (const r of latest) for (const n of [r.cleanName, ...splitMulti(r.previousName)]) restated.add(normaliseName(n));
  for (const r of rows) {
    if (r.start !== edition && !r.end && !restated.has(normaliseName(r.cleanName))) {
      warnings.push(`${file}, line ${r.line}: "${r.cleanName}" (listed ${r.start}) has no End date but is not in the latest edition (${edition}); treated as no longer listed`);
    }
  }
  const slice: ListSlice = { list: OS_1260H_LIST, entries: [], entities: [], contentHash };
  const seen = new Map<string, number>();
  for (const r of latest) {
    const id = `${OS_1260H_LIST.id}:${slugify(r.cleanName)}`;
    const prev = seen.get(id);
    if (prev !== undefined) {
      warnings.push(`${file}, line ${r.line}: "${r.cleanName}" repeats line ${prev} in the ${edition} edition; row skipped`);
      continue;
    }
    seen.set(id, r.line);
    const names = [
      ...(r.name !== r.cleanName ? [{ name: trimStars(r.name), kind: 'alias' as NameKind }] : []),
      ...splitMulti(r.alias).map((name) => ({ name, kind: 'alias' as NameKind })),
      ...splitMulti(r.previousName).map((name) => ({ name, kind: 'previous' as NameKind })),
    ];
    slice.entities.push(buildEntity({ id, name: r.cleanName, type: 'organization', names, identifiers: [] }, sourceId));
    slice.entries.push({ entityId: id, printedName: r.name, ...(r.note ? { basis: r.note } : {}) });
  }
  return { slice, warnings, edition };
}

/** The name without the trailing `*` marks OpenSanctions adds (a loop: `/\*+$/` is quadratic on a long run of stars). */
function trimStars(name: string): string {
  let end = name.length;
  while (end > 0 && name.charCodeAt(end - 1) === 42) end--;
  return name.slice(0, end).trim();
}
