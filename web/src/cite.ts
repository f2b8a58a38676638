import { get } from './api.js';
import type { Source } from './api.js';
import { badge, h } from './dom.js';

const book = new Map<string, Source>();
let loaded: Promise<void> | null = null;

/** Loads every source once, so any view can cite by id. */
export function loadSources(): Promise<void> {
  loaded ??= get<Source[]>('/sources').then((all) => {
    for (const s of all) book.set(s.id, s);
  }).catch(() => undefined);
  return loaded;
}

/** Adds sources a response carried with it (a dossier's `sources`). */
export function addSources(sources: Record<string, Source>): void {
  for (const s of Object.values(sources)) book.set(s.id, s);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** True when `text` already states the day `date` (ISO, "15 Jun 2021", "June 15, 2021"). */
export function statesDate(text: string, date: string): boolean {
  if (text.includes(date)) return true;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const mon = MONTHS[m - 1];
  if (!mon) return false;
  const t = text.toLowerCase();
  return new RegExp(`\\b0?${d}(?:[–-]\\d{1,2})? ${mon}[a-z]*\\.? ${y}\\b`).test(t) || new RegExp(`\\b${mon}[a-z]*\\.? 0?${d},? ${y}\\b`).test(t);
}

const QUALITY: Record<string, string> = { P: 'primary', S: 'secondary', D: 'derived' };

/** One source as a link with publisher, date and quality; the id alone when unknown. */
export function sourceLink(id: string): HTMLElement {
  const s = book.get(id);
  if (!s) return h('span', { class: 'src' }, `[${id}]`);
  // The date once: left out when the title already states it (same rule as src/core/history/citation.ts).
  const label = [s.publisher, s.date && !statesDate(s.title, s.date) ? s.date : undefined].filter(Boolean).join(', ');
  const title = `${s.title}${label ? ` (${label})` : ''} — ${QUALITY[s.quality] ?? s.quality} source${s.note ? `. ${s.note}` : ''}`;
  const text = s.title.length > 70 ? `${s.title.slice(0, 67)}…` : s.title;
  return s.url
    ? h('a', { class: 'src', href: s.url, target: '_blank', rel: 'noopener noreferrer', title }, text, label ? h('span', { class: 'muted' }, ` (${label})`) : null)
    : h('span', { class: 'src', title }, text, label ? h('span', { class: 'muted' }, ` (${label})`) : null);
}

/** "Sources: a; b" for a fact, with the unverified badge when the fact is not verified. */
export function cite(ids: string[], verified = true): HTMLElement {
  const unique = [...new Set(ids)];
  return h('span', { class: 'cite' },
    verified ? null : badge('unverified', 'unverified'),
    unique.length ? h('span', { class: 'muted' }, unique.length > 1 ? 'Sources: ' : 'Source: ') : h('span', { class: 'muted' }, 'No source recorded'),
    unique.flatMap((id, i) => (i ? ['; ', sourceLink(id)] : [sourceLink(id)])),
  );
}

/** A publication as a citation link (title/citation, date). */
export function pubLink(p: { title: string; citation?: string; date: string; url?: string }): HTMLElement {
  // The date once: not again when the citation prints it (same rule as src/core/history/citation.ts).
  const base = p.citation ?? p.title;
  const text = statesDate(base, p.date) ? base : /\d{4}-\d{2}-\d{2}/.test(base) ? `${base}; effective ${p.date}` : `${base} (${p.date})`;
  return p.url ? h('a', { class: 'src', href: p.url, target: '_blank', rel: 'noopener noreferrer', title: p.title }, text) : h('span', { class: 'src', title: p.title }, text);
}
