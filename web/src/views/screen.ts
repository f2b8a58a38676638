import { ApiError, get } from '../api.js';
import type { ScreenResult } from '../api.js';
import type { ScreenHit } from '../../../src/app/types.js';
import { pubLink } from '../cite.js';
import { badge, debounce, h, mount } from '../dom.js';
import { obligationList, ROLES } from '../obligations.js';
import { coverageBox } from '../coverage.js';

/** Remembered between visits so going back to the screen keeps the question. */
const state = { q: '', threshold: '', asOf: '', role: '' };

function hitCard(hit: ScreenHit, asOf: string): HTMLElement {
  const ex = hit.explanation;
  return h('li', { class: 'card hit' },
    h('div', { class: 'hit-head' },
      h('h3', null, h('a', { href: `#/entity/${encodeURIComponent(hit.entityId)}?as_of=${asOf}` }, hit.name)),
      h('span', { class: 'score', title: 'match score (0–1)' }, hit.score.toFixed(2)),
      hit.active ? badge('active', 'active') : badge('not active on ' + asOf, 'inactive')),
    h('p', { class: 'why' }, h('span', { class: 'muted' }, 'Why: '), ex.summary,
      ex.matchedNameVerified ? null : [' ', badge('unverified name', 'unverified')]),
    h('details', null,
      h('summary', null, 'Match details'),
      h('dl', { class: 'kv' },
        h('dt', null, 'Matched name'), h('dd', null, `${ex.matchedName} (${ex.matchedNameKind})`),
        h('dt', null, 'Query form'), h('dd', null, ex.queryForm),
        ex.discounted.length ? [h('dt', null, 'Discounted'), h('dd', null, ex.discounted.join(', '))] : null),
      h('table', { class: 'features' },
        h('thead', null, h('tr', null, h('th', null, 'Feature'), h('th', null, 'Weight'), h('th', null, 'Value'), h('th', null, 'Detail'))),
        h('tbody', null, ex.features.map((f) => h('tr', null, h('td', null, f.feature), h('td', null, f.weight.toFixed(2)), h('td', null, f.value.toFixed(2)), h('td', null, f.detail ?? '')))))),
    h('ul', { class: 'designations' }, hit.designations.map((d) =>
      h('li', null,
        d.active ? badge('active', 'active') : badge('ended', 'inactive'), ' ',
        h('strong', null, d.listName), ` · ${d.from} – ${d.to ?? 'in force'} · printed as “${d.printedName}” · `,
        pubLink(d.source)))),
    hit.parents?.length ? h('p', { class: 'small' }, 'Listed parent: ', hit.parents.map((p, i) => [i ? ', ' : '', h('a', { href: `#/entity/${encodeURIComponent(p.entityId)}` }, p.name), p.active ? '' : ' (not active)'])) : null,
    hit.subsidiaries?.length ? h('p', { class: 'small' }, `Listed subsidiaries: ${hit.subsidiaries.length}`) : null,
    hit.obligations ? h('section', { class: 'oblig', 'aria-label': 'Obligations' }, h('h4', null, 'What it means for you'), obligationList(hit.obligations)) : null,
  );
}

/** The screen page: a search box that answers as you type, with threshold, as-of and role. */
export function screenView(root: HTMLElement, today: string): void {
  const q = h('input', { id: 'q', type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false', placeholder: 'e.g. Huawei, 华为, 腾讯控股, Zhongxing', value: state.q });
  const threshold = h('input', { id: 'threshold', type: 'number', min: '0', max: '1', step: '0.05', placeholder: 'default', value: state.threshold });
  const asOf = h('input', { id: 'as_of', type: 'date', value: state.asOf || today });
  const role = h('select', { id: 'role' }, ROLES.map(([v, label]) => h('option', { value: v, selected: v === state.role }, label)));
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const results = h('ol', { class: 'hits', 'aria-label': 'Hits' });
  const checked = h('div', { class: 'checked' });
  let inflight: AbortController | null = null;

  const run = async (): Promise<void> => {
    Object.assign(state, { q: q.value, threshold: threshold.value, asOf: asOf.value, role: role.value });
    const text = q.value.trim();
    inflight?.abort();
    if (!text) {
      mount(status, 'Type a name in Latin script, Chinese or pinyin.');
      mount(results);
      return;
    }
    inflight = new AbortController();
    try {
      const r = await get<ScreenResult>('/screen', { q: text, threshold: threshold.value, as_of: asOf.value, role: role.value }, inflight.signal);
      const active = r.hits.filter((x) => x.active).length;
      mount(status, r.hits.length ? `${r.hits.length} hit${r.hits.length > 1 ? 's' : ''} (${active} active) for “${r.query}” as of ${r.asOf}` : `No hit for “${r.query}” as of ${r.asOf} above threshold ${r.threshold}.`);
      mount(results, r.hits.map((x) => hitCard(x, r.asOf)));
      mount(checked, coverageBox(r.coverage));
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      mount(status, h('span', { class: 'error' }, e instanceof ApiError ? e.message : 'The server did not answer.'));
    }
  };
  const later = debounce(() => void run(), 180);
  for (const el of [q, threshold, asOf]) el.addEventListener('input', later);
  role.addEventListener('change', () => void run());

  mount(root,
    h('h1', null, 'Screen a name'),
    h('form', { class: 'controls', role: 'search', onsubmit: (e: Event) => { e.preventDefault(); void run(); } },
      h('div', { class: 'field grow' }, h('label', { for: 'q' }, 'Name'), q),
      h('div', { class: 'field' }, h('label', { for: 'threshold' }, 'Threshold'), threshold),
      h('div', { class: 'field' }, h('label', { for: 'as_of' }, 'As of'), asOf),
      h('div', { class: 'field' }, h('label', { for: 'role' }, 'Your role'), role)),
    status,
    checked,
    results);
  q.focus();
  void run();
}
