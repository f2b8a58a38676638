/**
 * One CSV cell, for every CSV listwatch writes (batch results, job downloads, the audit export).
 * A text starting with `= + - @` (or tab/CR, which spreadsheets also skip) would run as a formula
 * when the file is opened in a spreadsheet: it gets a leading `'` (OWASP's advice); numbers and
 * booleans stay as they are. Quotes, commas and line breaks are quoted as RFC 4180 says.
 */
export function csvCell(v: unknown): string {
  let s = v === undefined || v === null ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
