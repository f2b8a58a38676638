import { get } from './api.js';
import type { Source } from './api.js';
import { badge, h } from './dom.js';
import { datedCitation, sourceLabel } from '../../src/core/history/citation.js';

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

const QUALITY: Record<string, string> = { P: 'primary', S: 'secondary', D: 'derived' };

/** One source as a link with publisher, date and quality; the id alone when unknown. */
export function sourceLink(id: string): HTMLElement {
  const s = book.get(id);
  if (!s) return h('span', { class: 'src' }, `[${id}]`);
  // The date once: left out when the title already states it (the core's rule, shared with the CLI).
  const label = sourceLabel(s);
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
  // The date once: not again when the citation prints it (the core's rule, shared with the CLI).
  const text = datedCitation(p);
  return p.url ? h('a', { class: 'src', href: p.url, target: '_blank', rel: 'noopener noreferrer', title: p.title }, text) : h('span', { class: 'src', title: p.title }, text);
}
