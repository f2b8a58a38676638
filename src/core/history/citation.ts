import type { Publication } from '../model.js';

/**
 * How a publication is cited with its date, the date printed once: its citation (or title) and
 * its date in parentheses, unless the citation already prints that date ("FR Doc 2025-00070,
 * 90 FR 1105 (2025-01-07)"). When the citation prints another date (an FR publication date after
 * a DoD release), the record's date is labelled "effective" so the two are not read as one.
 */
export function datedCitation(p: Pick<Publication, 'title' | 'citation' | 'date'>): string {
  const text = p.citation ?? p.title;
  if (statesDate(text, p.date)) return text;
  return /\d{4}-\d{2}-\d{2}/.test(text) ? `${text}; effective ${p.date}` : `${text} (${p.date})`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** True when `text` already states the day `date` (ISO, "15 Jun 2021", "June 15, 2021"). */
export function statesDate(text: string, date: string): boolean {
  if (text.includes(date)) return true;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const mon = MONTHS[m - 1];
  if (!mon) return false;
  const t = text.toLowerCase();
  const dayFirst = new RegExp(`\\b0?${d}(?:[–-]\\d{1,2})? ${mon}[a-z]*\\.? ${y}\\b`);
  const monthFirst = new RegExp(`\\b${mon}[a-z]*\\.? 0?${d},? ${y}\\b`);
  return dayFirst.test(t) || monthFirst.test(t);
}

/** "publisher, date" beside a source's title, the date left out when the title already states it. */
export function sourceLabel(s: { title: string; publisher?: string; date?: string }): string {
  return [s.publisher, s.date && !statesDate(s.title, s.date) ? s.date : undefined].filter(Boolean).join(', ');
}
