import { ListwatchError } from './errors.js';
import type { IsoDate } from './model.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999, which refused 0001-01-01.
  const dt = new Date(0);
  dt.setUTCFullYear(y, mo - 1, d);
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Returns `s` if it is a valid ISO date, else throws BAD_INPUT naming `what`. */
export function parseIsoDate(s: string, what = 'date'): IsoDate {
  const t = s.trim();
  if (!isIsoDate(t)) throw new ListwatchError('BAD_INPUT', `${what}: "${s}" is not a calendar date in the form YYYY-MM-DD`, { field: what });
  return t;
}

/** True when the half-open interval [from, to) contains `day`. */
export function inInterval(day: IsoDate, from: IsoDate, to: IsoDate | null): boolean {
  return from <= day && (to === null || day < to);
}

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: IsoDate, n: number): IsoDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
