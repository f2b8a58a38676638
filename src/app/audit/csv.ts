/**
 * One CSV cell (RFC 4180 quoting). A text cell starting with = + - @ (or a tab / carriage
 * return) is prefixed with `'` so a spreadsheet shows it as text instead of running it as a formula
 * (OWASP "CSV injection"). Numbers are written as they are.
 */
export function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  let s = typeof v === 'string' ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (with the line break). */
export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}
