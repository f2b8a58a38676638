import { parseIsoDate } from '../core/dates.js';
import type { Publication } from '../core/model.js';

/** Pads rows into aligned columns (the first row is the header). Wide cells are not cut. */
export function formatTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - [...c].length))).join('  ').trimEnd();
  const [head, ...rest] = rows;
  return head ? [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rest.map(line)].join('\n') : '';
}

/** Reads `--as-of` (default: today at the entry point) as an ISO date, else BAD_INPUT. */
export function asOfOption(value: string | undefined, today: string): string {
  return value === undefined ? today : parseIsoDate(value, '--as-of');
}

/** How a publication is named to users: its legal citation when it has one, else its title. */
export const cited = (p: Pick<Publication, 'title' | 'citation'>): string => p.citation ?? p.title;

/** A publication cited with its date printed once (see core/history/citation.ts). */
export { datedCitation, sourceLabel } from '../core/history/citation.js';

/** The mark after a fact the record does not verify (nothing when verified). */
export const unverifiedMark = (verified: boolean): string => (verified ? '' : '  [UNVERIFIED]');
