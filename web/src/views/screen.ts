import { ApiError, get } from '../api.js';
import type { ScreenResult } from '../api.js';
import type { ScreenHit } from '../../../src/app/types.js';
import { badge, debounce, h, mount } from '../dom.js';
import { obligationList, ROLES } from '../obligations.js';
import { coverageBox } from '../coverage.js';
import { decisionBox, reportButtons } from '../account.js';
import { eventsOf, roleOf, verdictBlock } from '../verdict-view.js';
import { matchInWords } from '../words.js';
import type { ListEvent } from '../api.js';

/** Remembered between visits so going back to the screen keeps the question. */
const state = { q: '', threshold: '', asOf: '', role: '' };

/** The link to an entity's dossier, carrying the date and role asked. */
export function dossierHref(entityId: string, asOf: string, role: string): string {
  const qs = new URLSearchParams({ as_of: asOf });
  if (role) qs.set('role', role);
  return `#/entity/${encodeURIComponent(entityId)}?${qs}`;
}

function hitCard(hit: ScreenHit, asOf: string, today: string, role: string, events: ListEvent[], query = ''): HTMLElement {
  const ex = hit.explanation;
  return h('li', { class: 'card hit' },
    h('div', { class: 'hit-head' },
      h('h3', null, h('a', { href: dossierHref(hit.entityId, asOf, role) }, hit.name)),
      h('span', { class: 'score', title: 'match score (0–1)' }, `match ${hit.score.toFixed(2)}`)),
    verdictBlock({
      asOf, today, role: roleOf(role), events, obligations: hit.obligations,
      designations: hit.designations.map((d) => ({ listName: d.listName, from: d.from, to: d.to, active: d.active, notice: d.source, link: d.source })),
    }),
    h('p', { class: 'why' }, h('span', { class: 'muted' }, 'Why it matched: '), matchInWords(ex),
      ex.matchedNameVerified ? null : [' ', badge('unverified name', 'unverified')]),
    h('details', { class: 'features' },
      h('summary', null, 'Match details'),
      h('dl', { class: 'kv' },
        h('dt', null, 'Matched name'), h('dd', null, `${ex.matchedName} (${ex.matchedNameKind})`),
        h('dt', null, 'Query form'), h('dd', null, ex.queryForm),
        h('dt', null, 'Summary'), h('dd', null, ex.summary),
        ex.discounted.length ? [h('dt', null, 'Discounted'), h('dd', null, ex.discounted.join(', '))] : null),
      h('div', { class: 'scroll' }, h('table', { class: 'features' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Feature'), h('th', { scope: 'col' }, 'Weight'), h('th', { scope: 'col' }, 'Value'), h('th', { scope: 'col' }, 'Detail'))),
        h('tbody', null, ex.features.map((f) => h('tr', null, h('td', null, f.feature), h('td', null, f.weight.toFixed(2)), h('td', null, f.value.toFixed(2)), h('td', null, f.detail ?? ''))))))),
    hit.designations.length ? h('details', { class: 'des' },
      h('summary', null, `All designations (${hit.designations.length})`),
      h('ul', { class: 'designations' }, hit.designations.map((d) =>
        h('li', null,
          d.active ? badge('in force', 'active') : badge('ended', 'inactive'), ' ',
          h('strong', null, d.listName), ` · ${d.from} – ${d.to ?? 'in force'} · printed as “${d.printedName}”`)))) : null,
    hit.parents?.length ? h('p', { class: 'small' }, 'Listed parent: ', hit.parents.map((p, i) => [i ? ', ' : '', h('a', { href: dossierHref(p.entityId, asOf, role) }, p.name), p.active ? '' : ' (not in force)'])) : null,
    hit.subsidiaries?.length ? h('p', { class: 'small' }, `Listed subsidiaries: ${hit.subsidiaries.length}`) : null,
    hit.obligations?.length ? h('details', { class: 'oblig' }, h('summary', null, 'What it means for you, in full'), obligationList(hit.obligations)) : null,
    decisionBox(query, hit),
  );
}

/** The screen page: a search box that answers as you type, with threshold, as-of and role; the question is in the URL. */
export function screenView(root: HTMLElement, today: string, params: URLSearchParams = new URLSearchParams()): void {
  if (params.has('q')) Object.assign(state, { q: params.get('q') ?? '', threshold: params.get('threshold') ?? '', asOf: params.get('as_of') ?? '', role: params.get('role') ?? '' });
  const q = h('input', { id: 'q', type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false', placeholder: 'e.g. Huawei, 华为, 腾讯控股, Zhongxing', value: state.q });
  const threshold = h('input', { id: 'threshold', type: 'number', min: '0', max: '1', step: '0.05', placeholder: 'default', value: state.threshold });
  const asOf = h('input', { id: 'as_of', type: 'date', value: state.asOf || today });
  const role = h('select', { id: 'role' }, ROLES.map(([v, label]) => h('option', { value: v, selected: v === state.role }, label)));
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const results = h('ol', { class: 'hits', 'aria-label': 'Hits' });
  const checked = h('div', { class: 'checked' });
  const actions = h('div');
  let inflight: AbortController | null = null;

  const run = async (): Promise<void> => {
    Object.assign(state, { q: q.value, threshold: threshold.value, asOf: asOf.value, role: role.value });
    const text = q.value.trim();
    // The question is the URL: copy it to share exactly this answer (same date and role).
    const qs = new URLSearchParams();
    if (text) qs.set('q', text);
    if (asOf.value) qs.set('as_of', asOf.value);
    if (role.value) qs.set('role', role.value);
    if (threshold.value) qs.set('threshold', threshold.value);
    const onScreen = location.hash === '' || location.hash === '#/' || location.hash.startsWith('#/?');
    if (!onScreen) return; // the user has left the page since the keystroke
    history.replaceState(null, '', `#/${qs.size ? `?${qs}` : ''}`);
    inflight?.abort();
    if (!text) {
      mount(status, 'Type a name in Latin script, Chinese or pinyin.');
      mount(results);
      mount(actions);
      return;
    }
    const mine = new AbortController();
    inflight = mine;
    try {
      const r = await get<ScreenResult>('/screen', { q: text, threshold: threshold.value, as_of: asOf.value, role: role.value }, mine.signal);
      const events = await Promise.all(r.hits.map((x) => eventsOf(x.entityId)));
      if (mine.signal.aborted) return;
      const active = r.hits.filter((x) => x.active).length;
      mount(status, r.hits.length ? `${r.hits.length} hit${r.hits.length > 1 ? 's' : ''} (${active} listed on ${r.asOf}) for “${r.query}”` : `No hit for “${r.query}” as of ${r.asOf} above threshold ${r.threshold}.`);
      mount(results, r.hits.map((x, i) => hitCard(x, r.asOf, today, role.value, events[i] ?? [], r.query)));
      mount(actions, reportButtons({ q: text, as_of: asOf.value, threshold: threshold.value, role: role.value }));
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
    actions,
    checked,
    results);
  q.focus();
  void run();
}
