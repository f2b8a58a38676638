import type { Obligation } from '../../src/app/types.js';
import { cite } from './cite.js';
import { badge, h } from './dom.js';

/** The roles, as the API spells them, with labels. */
export const ROLES: [string, string][] = [
  ['', 'Any (no obligations)'],
  ['dod-contractor', 'DoD contractor'],
  ['federal-contractor', 'Federal contractor'],
  ['us-investor', 'US investor'],
  ['exporter', 'Exporter'],
  ['importer', 'Importer'],
];

const STATUS: Record<Obligation['status'], string> = { 'in-force': 'in force', coming: 'coming', ended: 'ended' };

/** What listings oblige the role to do, each with its citation and sources; unverified rules marked. */
export function obligationList(obligations: Obligation[]): HTMLElement {
  if (!obligations.length) return h('p', { class: 'muted' }, 'No obligation for this role follows from these listings on this date.');
  return h('ul', { class: 'obligations' }, obligations.map((o) =>
    h('li', null,
      h('div', null,
        badge(STATUS[o.status], o.status === 'in-force' ? 'active' : o.status === 'coming' ? 'coming' : 'inactive'), ' ',
        h('span', { class: 'effect' }, o.effect)),
      h('div', { class: 'small' },
        `${o.citation} · from ${o.effectiveFrom}${o.effectiveTo ? ` to ${o.effectiveTo}` : ''}`,
        o.via ? ` · via listed parent ${o.via.parentName}` : ''),
      h('div', { class: 'small' }, cite(o.sourceIds, o.verified)),
    )));
}
