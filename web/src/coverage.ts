import type { Coverage } from '../../src/app/coverage/warnings.js';
import { h } from './dom.js';

/**
 * What a screen answer checked: every list consulted with its latest publication in the store and
 * when it was last refreshed, and warnings (empty or old lists the chosen role depends on).
 */
export function coverageBox(c: Coverage | undefined): HTMLElement | null {
  if (!c) return null;
  return h('section', { class: 'coverage', 'aria-label': 'What was checked' },
    c.warnings.length ? h('ul', { class: 'coverage-warnings', role: 'alert' }, c.warnings.map((w) => h('li', { class: 'error' }, `Warning: ${w.message}`))) : null,
    h('details', null,
      h('summary', null, `Checked ${c.lists.length} lists as of ${c.asOf}`),
      h('table', { class: 'coverage-lists' },
        h('thead', null, h('tr', null, h('th', null, 'List'), h('th', null, 'In force'), h('th', null, 'Latest publication'), h('th', null, 'Refreshed'))),
        h('tbody', null, c.lists.map((l) => h('tr', null,
          h('td', null, l.name),
          h('td', null, String(l.inForce)),
          h('td', null, l.latestPublication ? `${l.latestPublication.date}${l.latestPublication.citation ? ` (${l.latestPublication.citation})` : ''}` : 'none'),
          h('td', null, l.lastRefreshed ? l.lastRefreshed.slice(0, 10) : 'never')))))));
}
