import { ApiError, get } from '../api.js';
import type { Dossier } from '../api.js';
import { addSources, cite, pubLink } from '../cite.js';
import { badge, h, mount } from '../dom.js';
import { obligationList, ROLES } from '../obligations.js';

const NAME_KIND: Record<string, string> = {
  printed: 'as printed', alias: 'alias', acronym: 'acronym', previous: 'former name',
  'zh-hans': 'Chinese (simplified)', 'zh-hant': 'Chinese (traditional)', 'zh-short': 'Chinese short form', short: 'short name',
};

function related(label: string, rows: Dossier['relations']['parents'], asOf: string): HTMLElement | null {
  if (!rows.length) return null;
  return h('div', null, h('h3', null, label), h('ul', { class: 'plain' }, rows.map((r) =>
    h('li', null,
      h('a', { href: `#/entity/${encodeURIComponent(r.entityId)}?as_of=${asOf}` }, r.name), ' ',
      r.active ? badge('listed', 'active') : badge('not listed on ' + asOf, 'inactive'),
      r.lists.length ? h('span', { class: 'small muted' }, ` ${r.lists.join(', ')}`) : null,
      r.relation.evidence ? h('div', { class: 'small' }, `“${r.relation.evidence}”`) : null,
      h('div', { class: 'small' }, cite(r.relation.sourceIds))))));
}

/** An entity's dossier: names (incl. Chinese), designations, timeline with sources, relations, obligations. */
export async function dossierView(root: HTMLElement, id: string, params: URLSearchParams, today: string): Promise<void> {
  const asOf = params.get('as_of') || today;
  const role = params.get('role') || '';
  mount(root, h('p', { class: 'status', role: 'status' }, 'Loading…'));
  let d: Dossier;
  try {
    d = await get<Dossier>(`/entities/${encodeURIComponent(id)}`, { as_of: asOf, role });
  } catch (e) {
    mount(root, h('h1', null, 'Entity'), h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : 'The server did not answer.'));
    return;
  }
  addSources(d.sources);
  const e = d.entity;
  const active = d.designations.some((x) => x.active);
  const roleSel = h('select', { id: 'dossier-role', onchange: (ev: Event) => { location.hash = `#/entity/${encodeURIComponent(id)}?as_of=${asOf}&role=${(ev.target as HTMLSelectElement).value}`; } },
    ROLES.map(([v, label]) => h('option', { value: v, selected: v === role }, label)));
  const asOfInput = h('input', { id: 'dossier-as-of', type: 'date', value: asOf, onchange: (ev: Event) => { location.hash = `#/entity/${encodeURIComponent(id)}?as_of=${(ev.target as HTMLInputElement).value}&role=${role}`; } });

  mount(root,
    h('article', { class: 'dossier' },
      h('header', null,
        h('h1', null, e.name, ' ', active ? badge('listed', 'active') : badge(`not listed on ${asOf}`, 'inactive')),
        h('p', { class: 'muted' }, `${e.type}${e.country ? ` · ${e.country}` : ''} · id ${e.id}`),
        h('form', { class: 'controls', onsubmit: (ev: Event) => ev.preventDefault() },
          h('div', { class: 'field' }, h('label', { for: 'dossier-as-of' }, 'As of'), asOfInput),
          h('div', { class: 'field' }, h('label', { for: 'dossier-role' }, 'Your role'), roleSel))),
      h('section', { 'aria-labelledby': 'h-names' },
        h('h2', { id: 'h-names' }, 'Names'),
        h('table', null,
          h('thead', null, h('tr', null, h('th', null, 'Name'), h('th', null, 'Kind'), h('th', null, 'Source'))),
          h('tbody', null, e.names.map((n) => h('tr', null,
            h('td', { lang: n.kind.startsWith('zh') ? (n.kind === 'zh-hant' ? 'zh-Hant' : 'zh-Hans') : null }, n.name),
            h('td', null, NAME_KIND[n.kind] ?? n.kind),
            h('td', null, cite(n.sourceIds, n.verified)))))),
        e.identifiers.length ? h('dl', { class: 'kv' }, e.identifiers.map((i) => [h('dt', null, i.scheme), h('dd', null, i.value, ' ', cite(i.sourceIds))])) : null),
      h('section', { 'aria-labelledby': 'h-des' },
        h('h2', { id: 'h-des' }, 'Designations'),
        h('ul', { class: 'plain' }, d.designations.map((x) => h('li', null,
          x.active ? badge('active', 'active') : badge('ended', 'inactive'), ' ',
          h('strong', null, x.listName), ` · ${x.from} – ${x.to ?? 'in force'} · printed as “${x.printedName}”`,
          x.basis ? h('div', { class: 'small' }, `Basis: ${x.basis}`) : null,
          h('div', { class: 'small' }, 'Added by ', x.addedByPublication ? pubLink(x.addedByPublication) : x.addedBy,
            x.endedByPublication ? [' · ended by ', pubLink(x.endedByPublication)] : null))))),
      d.obligations ? h('section', { 'aria-labelledby': 'h-obl' }, h('h2', { id: 'h-obl' }, 'What it means for you'), obligationList(d.obligations)) : null,
      h('section', { 'aria-labelledby': 'h-tl' },
        h('h2', { id: 'h-tl' }, 'Timeline'),
        h('ol', { class: 'timeline' }, d.timeline.map((s) => h('li', null,
          h('time', { datetime: s.date }, s.date), ' ',
          h('span', { class: `kind k-${s.kind}` }, s.kind), ' ',
          h('strong', null, s.title),
          s.listId ? h('span', { class: 'small muted' }, ` · ${s.listId}`) : null,
          s.detail ? h('p', { class: 'small' }, s.detail) : null,
          h('div', { class: 'small' }, cite(s.sourceIds, s.verified)))))),
      h('section', { 'aria-labelledby': 'h-rel' },
        h('h2', { id: 'h-rel' }, 'Relations'),
        related('Parents', d.relations.parents, asOf) ?? h('p', { class: 'muted' }, 'No listed parent recorded.'),
        related('Subsidiaries', d.relations.subsidiaries, asOf)),
    ));
}
