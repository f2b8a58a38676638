import { ApiError, get } from '../api.js';
import type { Dossier } from '../api.js';
import { addSources, cite, pubLink } from '../cite.js';
import { badge, h, mount } from '../dom.js';
import { obligationList, ROLES } from '../obligations.js';
import { eventsOf, roleOf, verdictBlock } from '../verdict-view.js';

const NAME_KIND: Record<string, string> = {
  printed: 'as printed', alias: 'alias', acronym: 'acronym', previous: 'former name',
  'zh-hans': 'Chinese (simplified)', 'zh-hant': 'Chinese (traditional)', 'zh-short': 'Chinese short form', short: 'short name',
};

/** Timeline kinds flagged for attention: litigation and proposals. */
const FLAGGED: Record<string, string> = {
  'lawsuit-filed': 'litigation', 'court-ruling': 'litigation', appeal: 'litigation', 'reconsideration-request': 'challenge', proposal: 'proposal',
};

function related(label: string, rows: Dossier['relations']['parents'], asOf: string, role: string): HTMLElement | null {
  if (!rows.length) return null;
  return h('div', null, h('h3', null, label), h('ul', { class: 'plain' }, rows.map((r) =>
    h('li', null,
      h('a', { href: entityHref(r.entityId, asOf, role) }, r.name), ' ',
      r.active ? badge('listed', 'active') : badge('not listed on ' + asOf, 'inactive'),
      r.lists.length ? h('span', { class: 'small muted' }, ` ${r.lists.join(', ')}`) : null,
      r.relation.evidence ? h('div', { class: 'small' }, `“${r.relation.evidence}”`) : null,
      h('div', { class: 'small' }, cite(r.relation.sourceIds))))));
}

function entityHref(id: string, asOf: string, role: string): string {
  const qs = new URLSearchParams({ as_of: asOf });
  if (role) qs.set('role', role);
  return `#/entity/${encodeURIComponent(id)}?${qs}`;
}

/**
 * An entity's dossier: the verdict and the timeline first (litigation and proposals flagged), then
 * designations, what it means for the role, names (incl. Chinese) with citations, relations.
 * Date and role are in the URL; the page prints as a one-page record.
 */
export async function dossierView(root: HTMLElement, id: string, params: URLSearchParams, today: string): Promise<void> {
  const asOf = params.get('as_of') || today;
  const role = params.get('role') || '';
  mount(root, h('p', { class: 'status', role: 'status' }, 'Loading…'));
  let d: Dossier;
  let events;
  try {
    [d, events] = await Promise.all([get<Dossier>(`/entities/${encodeURIComponent(id)}`, { as_of: asOf, role }), eventsOf(id)]);
  } catch (e) {
    mount(root, h('h1', null, 'Entity'), h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : 'The server did not answer.'));
    return;
  }
  addSources(d.sources);
  const e = d.entity;
  const go = (asOfV: string, roleV: string): void => { location.hash = entityHref(id, asOfV, roleV); };
  const roleSel = h('select', { id: 'dossier-role', onchange: (ev: Event) => go(asOf, (ev.target as HTMLSelectElement).value) },
    ROLES.map(([v, label]) => h('option', { value: v, selected: v === role }, label)));
  const asOfInput = h('input', { id: 'dossier-as-of', type: 'date', value: asOf, onchange: (ev: Event) => go((ev.target as HTMLInputElement).value || today, role) });

  mount(root,
    h('article', { class: 'dossier' },
      h('header', null,
        h('h1', null, e.name),
        h('p', { class: 'muted small' }, `${e.type}${e.country ? ` · ${e.country}` : ''} · id ${e.id} · as of ${asOf}${role ? ` · ${roleOf(role)?.label ?? role}` : ''}`),
        verdictBlock({
          asOf, today, role: roleOf(role), events, obligations: d.obligations,
          designations: d.designations.map((x) => ({ listName: x.listName, from: x.from, to: x.to, active: x.active, notice: x.addedByPublication, link: x.addedByPublication })),
        }),
        h('form', { class: 'controls no-print', onsubmit: (ev: Event) => ev.preventDefault() },
          h('div', { class: 'field' }, h('label', { for: 'dossier-as-of' }, 'As of'), asOfInput),
          h('div', { class: 'field' }, h('label', { for: 'dossier-role' }, 'Your role'), roleSel),
          h('div', { class: 'field' }, h('span', { class: 'label' }, '\u00a0'), h('button', { type: 'button', onclick: () => window.print() }, 'Print record')))),
      h('section', { 'aria-labelledby': 'h-tl' },
        h('h2', { id: 'h-tl' }, 'Timeline'),
        h('ol', { class: 'timeline' }, d.timeline.map((s) => h('li', { class: FLAGGED[s.kind] ? `flagged ${FLAGGED[s.kind]}` : null },
          h('time', { datetime: s.date }, s.date), ' ',
          FLAGGED[s.kind] ? [badge(FLAGGED[s.kind]!, FLAGGED[s.kind] === 'proposal' ? 'coming' : 'flag'), ' '] : null,
          h('span', { class: `kind k-${s.kind}` }, s.kind), ' ',
          h('strong', null, s.title),
          s.listId ? h('span', { class: 'small muted' }, ` · ${s.listId}`) : null,
          s.detail ? h('p', { class: 'small' }, s.detail) : null,
          h('div', { class: 'small' }, cite(s.sourceIds, s.verified)))))),
      h('section', { 'aria-labelledby': 'h-des' },
        h('h2', { id: 'h-des' }, 'Designations'),
        d.designations.length ? h('ul', { class: 'plain' }, d.designations.map((x) => h('li', null,
          x.active ? badge('in force', 'active') : badge(x.from > asOf ? 'later' : 'ended', 'inactive'), ' ',
          h('strong', null, x.listName), ` · ${x.from} – ${x.to ?? 'in force'} · printed as “${x.printedName}”`,
          x.basis ? h('div', { class: 'small' }, `Basis: ${x.basis}`) : null,
          h('div', { class: 'small' }, 'Added by ', x.addedByPublication ? pubLink(x.addedByPublication) : x.addedBy,
            x.endedByPublication ? [' · ended by ', pubLink(x.endedByPublication)] : null)))) : h('p', { class: 'muted' }, 'No designation recorded.')),
      d.obligations ? h('section', { 'aria-labelledby': 'h-obl' }, h('h2', { id: 'h-obl' }, 'What it means for you'), obligationList(d.obligations)) : null,
      h('section', { 'aria-labelledby': 'h-names' },
        h('h2', { id: 'h-names' }, 'Names'),
        h('div', { class: 'scroll' }, h('table', { class: 'names' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Kind'), h('th', { scope: 'col' }, 'Source'))),
          h('tbody', null, e.names.map((n) => h('tr', null,
            h('td', { lang: n.kind.startsWith('zh') ? (n.kind === 'zh-hant' ? 'zh-Hant' : 'zh-Hans') : null }, n.name),
            h('td', null, NAME_KIND[n.kind] ?? n.kind),
            h('td', null, cite(n.sourceIds, n.verified))))))),
        e.identifiers.length ? h('dl', { class: 'kv' }, e.identifiers.map((i) => [h('dt', null, i.scheme), h('dd', null, i.value, ' ', cite(i.sourceIds))])) : null),
      h('section', { 'aria-labelledby': 'h-rel' },
        h('h2', { id: 'h-rel' }, 'Relations'),
        related('Parents', d.relations.parents, asOf, role) ?? h('p', { class: 'muted' }, 'No listed parent recorded.'),
        related('Subsidiaries', d.relations.subsidiaries, asOf, role)),
      h('p', { class: 'small muted print-only' }, `Printed from listwatch: ${location.href}`),
    ));
}
