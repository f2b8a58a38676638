import { ApiError, get } from '../api.js';
import type { ListSummary, PublicationDiff } from '../api.js';
import { growthChart } from '../chart.js';
import { cite, pubLink } from '../cite.js';
import { badge, h, mount } from '../dom.js';
import { diffToCsv } from '../csv.js';

function failed(root: HTMLElement, e: unknown): void {
  mount(root, h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : 'The server did not answer.'));
}

/** The newest publication date of a list (when sync feeds it, the line below says when its source was last checked and changed). */
export function freshness(s: ListSummary): HTMLElement {
  const latest = s.publications.filter((p) => p.kind !== 'withdrawn').reduce<string | null>((m, p) => (m === null || p.date > m ? p.date : m), null);
  return h('p', { class: 'small fresh' }, latest ? ['Latest publication ', h('time', { datetime: latest }, latest)] : 'No publication recorded');
}

/** All lists: name, agency, basis, count in force on the date in the URL (default today), freshness, latest publication. */
export async function listsView(root: HTMLElement, today: string, params: URLSearchParams = new URLSearchParams()): Promise<void> {
  const asOf = params.get('as_of') || today;
  mount(root, h('h1', null, 'Lists'), h('p', { class: 'status', role: 'status' }, 'Loading…'));
  let lists: ListSummary[];
  try {
    lists = await get<ListSummary[]>('/lists', { as_of: asOf });
  } catch (e) {
    return failed(root, e);
  }
  const asOfInput = h('input', { id: 'lists-as-of', type: 'date', value: asOf, onchange: (ev: Event) => { location.hash = `#/lists?as_of=${(ev.target as HTMLInputElement).value || today}`; } });
  mount(root, h('h1', null, 'Lists'),
    h('form', { class: 'controls no-print', onsubmit: (e: Event) => e.preventDefault() }, h('div', { class: 'field' }, h('label', { for: 'lists-as-of' }, 'In force on'), asOfInput)),
    h('ul', { class: 'cards' }, lists.map((s) => {
      const last = s.publications[s.publications.length - 1];
      return h('li', { class: 'card' },
        h('h2', null, h('a', { href: `#/lists/${encodeURIComponent(s.list.id)}?as_of=${asOf}` }, s.list.name)),
        h('p', { class: 'small' }, `${s.list.agency} · ${s.list.legalBasis}`),
        h('p', null, h('strong', { class: 'big' }, String(s.activeCount)), ` in force on ${asOf} · ${s.publications.length} publication${s.publications.length === 1 ? '' : 's'}`),
        freshness(s),
        last ? h('p', { class: 'small' }, 'Latest: ', pubLink(last)) : null,
        s.sync ? h('p', { class: 'small' }, `Last checked ${s.sync.lastChecked.slice(0, 16).replace('T', ' ')} UTC · last changed ${s.sync.lastChanged ? s.sync.lastChanged.slice(0, 16).replace('T', ' ') + ' UTC' : 'never'} (${s.sync.sourceId})`) : null,
        h('p', { class: 'small' }, cite(s.list.sourceIds)));
    })));
}

function diffSection(title: string, rows: HTMLElement[], cls: string): HTMLElement {
  return h('section', { class: `diff ${cls}` }, h('h3', null, `${title} (${rows.length})`), rows.length ? h('ul', { class: 'plain cols' }, rows) : h('p', { class: 'muted' }, 'None.'));
}

function diffView(d: PublicationDiff): HTMLElement {
  const ent = (id: string, name: string): HTMLElement => h('a', { href: `#/entity/${encodeURIComponent(id)}` }, name);
  const file = `${d.listId}-${d.from.date}-to-${d.to.date}.csv`.replace(/[^\w.-]+/g, '_');
  const csvHref = URL.createObjectURL(new Blob([diffToCsv(d)], { type: 'text/csv;charset=utf-8' }));
  return h('div', { class: 'diffs', id: 'diff-result' },
    h('p', null, `${d.from.title} (${d.from.date}, ${d.fromCount} entities) → ${d.to.title} (${d.to.date}, ${d.toCount} entities)`),
    h('p', { class: 'no-print' }, h('a', { class: 'button secondary', id: 'diff-csv', href: csvHref, download: file }, 'Download this comparison (CSV)')),
    diffSection('Added', d.added.map((a) => h('li', null, ent(a.entityId, a.name))), 'added'),
    diffSection('Removed', d.removed.map((a) => h('li', null, ent(a.entityId, a.name))), 'removed'),
    diffSection('Renamed', d.renamed.map((a) => h('li', null, ent(a.entityId, a.from), ' → ', a.to, a.verified === false ? [' ', badge('likely rename, unverified', 'unverified')] : null, h('div', { class: 'small muted' }, a.evidence))), 'renamed'),
    d.changed.length ? diffSection('Changed', d.changed.map((a) => h('li', null, ent(a.entityId, a.name), `: ${a.what}`)), 'changed') : null,
    d.withdrawn.length ? diffSection('Withdrawn documents (no legal effect)', d.withdrawn.map((w) => h('li', null, `${w.date} ${w.title}`, w.note ? h('div', { class: 'small muted' }, w.note) : null)), 'withdrawn') : null);
}

/** One list: its publications with counts, a chart of its size over time, and a diff of any two. */
export async function listView(root: HTMLElement, id: string, params: URLSearchParams, today: string): Promise<void> {
  const asOf = params.get('as_of') || today;
  mount(root, h('p', { class: 'status', role: 'status' }, 'Loading…'));
  let s: ListSummary;
  try {
    s = await get<ListSummary>(`/lists/${encodeURIComponent(id)}`, { as_of: asOf });
  } catch (e) {
    return failed(root, e);
  }
  const pubs = s.publications;
  // The API gives the count in force on each publication date, derived from the record.
  const sizes = new Map(s.sizes.map((x) => [x.date, x.activeCount]));
  const chart = growthChart(s.sizes.map((x) => ({ date: x.date, value: x.activeCount })), `${s.list.name}: entities in force on each publication date`);

  const options = pubs.map((p) => h('option', { value: p.id }, `${p.date} · ${p.kind} · ${p.title}`));
  const fromSel = h('select', { id: 'diff-from' }, options.map((o) => o.cloneNode(true)));
  const toSel = h('select', { id: 'diff-to' }, options);
  const editions = pubs.filter((p) => p.kind === 'edition' || p.kind === 'snapshot');
  fromSel.value = params.get('from') ?? (editions[editions.length - 2] ?? pubs[0])?.id ?? '';
  toSel.value = params.get('to') ?? (editions[editions.length - 1] ?? pubs[pubs.length - 1])?.id ?? '';
  const out = h('div', { 'aria-live': 'polite' });
  const compare = async (): Promise<void> => {
    mount(out, h('p', { class: 'status' }, 'Comparing…'));
    // The comparison is in the URL, so it can be shared.
    history.replaceState(null, '', `#/lists/${encodeURIComponent(id)}?${new URLSearchParams({ ...(params.get('as_of') ? { as_of: params.get('as_of')! } : {}), from: fromSel.value, to: toSel.value })}`);
    try {
      mount(out, diffView(await get<PublicationDiff>(`/lists/${encodeURIComponent(id)}/diff`, { from: fromSel.value, to: toSel.value })));
    } catch (e) {
      failed(out, e);
    }
  };

  mount(root,
    h('h1', null, s.list.name),
    h('p', null, `${s.list.agency} · ${s.list.legalBasis}`),
    s.list.description ? h('p', { class: 'small' }, s.list.description) : null,
    h('p', null, h('strong', { class: 'big' }, String(s.activeCount)), ` in force on ${asOf}`),
    freshness(s),
    h('p', { class: 'small' }, cite(s.list.sourceIds)),
    h('section', { 'aria-labelledby': 'h-growth' }, h('h2', { id: 'h-growth' }, 'Size over time'), chart),
    h('section', { 'aria-labelledby': 'h-pubs' },
      h('h2', { id: 'h-pubs' }, 'Publications'),
      h('div', { class: 'scroll' }, h('table', null,
        h('thead', null, h('tr', null, h('th', null, 'Date'), h('th', null, 'Kind'), h('th', null, 'Publication'), h('th', { class: 'num' }, 'Entries'), h('th', { class: 'num' }, 'In force after'))),
        h('tbody', null, pubs.map((p) => {
          const size = sizes.get(p.date);
          return h('tr', { class: p.kind === 'withdrawn' ? 'withdrawn' : null },
            h('td', null, h('time', { datetime: p.date }, p.date)),
            h('td', null, p.kind, p.verified === false ? [' ', badge('unverified', 'unverified')] : null),
            h('td', null, pubLink(p), p.note ? h('div', { class: 'small muted' }, p.note) : null, h('div', { class: 'small' }, cite(p.sourceIds, p.verified !== false))),
            h('td', { class: 'num' }, p.entityCount ?? ''),
            h('td', { class: 'num' }, p.kind === 'withdrawn' || size === undefined ? '—' : String(size)));
        }))))),
    h('section', { 'aria-labelledby': 'h-diff' },
      h('h2', { id: 'h-diff' }, 'Compare two publications'),
      h('form', { class: 'controls', onsubmit: (e: Event) => { e.preventDefault(); void compare(); } },
        h('div', { class: 'field grow' }, h('label', { for: 'diff-from' }, 'From'), fromSel),
        h('div', { class: 'field grow' }, h('label', { for: 'diff-to' }, 'To'), toSel),
        h('div', { class: 'field' }, h('span', { class: 'label' }, '\u00a0'), h('button', { type: 'submit' }, 'Compare'))),
      out));
  if (params.get('from') && params.get('to')) void compare();
}
