/**
 * CSV export of what the UI shows (the diff of two publications). Pure. Every cell is safe to open
 * in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@` (or a tab or carriage return) is
 * prefixed with `'` so it is never run as a formula, and cells with commas, quotes or line breaks
 * are quoted (RFC 4180).
 */
import type { PublicationDiff } from '../../src/app/types.js';
import { csvCell } from '../../src/core/csv.js';

/** One CSV cell, formula-escaped and quoted as needed: the rule every listwatch CSV follows. */
export { csvCell };

/** Rows to CSV text (CRLF line ends, as spreadsheets expect). */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The header of the diff export. */
export const DIFF_CSV_HEADER = ['change', 'entity_id', 'name', 'previous_name', 'detail', 'from_publication', 'from_date', 'to_publication', 'to_date'] as const;

/** A diff as CSV: one row per added, removed, renamed or changed entity, and per withdrawn document. */
export function diffToCsv(d: PublicationDiff): string {
  const tail = [d.from.id, d.from.date, d.to.id, d.to.date];
  const rows: (string | number | undefined)[][] = [[...DIFF_CSV_HEADER]];
  for (const a of d.added) rows.push(['added', a.entityId, a.name, '', '', ...tail]);
  for (const r of d.removed) rows.push(['removed', r.entityId, r.name, '', r.note ?? '', ...tail]);
  for (const r of d.renamed) rows.push(['renamed', r.entityId, r.to, r.from, r.evidence, ...tail]);
  for (const c of d.changed) rows.push(['changed', c.entityId, c.name, '', c.what, ...tail]);
  for (const w of d.withdrawn) rows.push(['withdrawn-document', '', w.title, '', [w.date, w.note].filter(Boolean).join(' '), ...tail]);
  return toCsv(rows);
}
