import { get } from './api.js';
import type { ListEvent } from './api.js';
import { cite, pubLink } from './cite.js';
import { badge, h } from './dom.js';
import { ROLES } from './obligations.js';
import type { Obligation } from '../../src/app/types.js';
import { verdictOf } from './verdict.js';
import type { VerdictDesignation, VerdictInput } from './verdict.js';

const events = new Map<string, Promise<ListEvent[]>>();

/** The recorded events of an entity (suits, rulings, proposals…), fetched once per page load. */
export function eventsOf(entityId: string): Promise<ListEvent[]> {
  let p = events.get(entityId);
  if (!p) {
    p = get<ListEvent[]>('/events', { entity: entityId }).catch(() => []);
    events.set(entityId, p);
  }
  return p;
}

/** The role's label, for the verdict's role line. */
export function roleOf(id: string): VerdictInput['role'] {
  const r = ROLES.find(([v]) => v === id && v);
  return r ? { id: r[0], label: r[1] } : undefined;
}

/** A designation for the verdict, with the publication that added it for the citation link. */
export type ViewDesignation = VerdictDesignation & { link?: { title: string; citation?: string; date: string; url?: string } | undefined };

/**
 * The verdict block a hit card and a dossier open with: headline, the lists in force with the
 * notice that added each (linked), challenges and proposals flagged with their sources, and one
 * line for the chosen role with its citation.
 */
export function verdictBlock(input: Omit<VerdictInput, 'designations' | 'obligations'> & { designations: ViewDesignation[]; obligations?: Obligation[] | undefined }): HTMLElement {
  const v = verdictOf(input);
  const shown = v.listed ? input.designations.filter((d) => d.active) : input.designations.filter((d) => !d.active && d.from <= input.asOf);
  const obl = input.obligations ?? [];
  // The obligation the role line quotes, for its sources.
  const used = obl.find((o) => v.forRole?.includes(`(${o.citation})`) && v.forRole.includes(o.effect.slice(0, 30)));
  return h('div', { class: `verdict ${v.listed ? 'listed' : 'clear'}`, role: 'group', 'aria-label': 'Verdict' },
    h('p', { class: 'headline' }, v.listed ? badge('listed', 'active') : badge('not listed', 'inactive'), ' ', h('strong', null, v.headline)),
    shown.length ? h('ul', { class: 'plain lines' }, shown.map((d) => h('li', null,
      v.listed ? `${d.listName}: since ${d.from}` : `Was on ${d.listName} from ${d.from} to ${d.to ?? '?'}`,
      d.link ? [' by ', pubLink(d.link)] : null, '.'))) : null,
    h('p', { class: `challenge${v.flags.some((f) => f.kind === 'challenge' || f.kind === 'ruling') ? ' flagged' : ''}` }, v.challenge),
    v.flags.length ? h('ul', { class: 'plain flags' }, v.flags.map((f) => h('li', null,
      badge(f.label, f.kind === 'proposal' ? 'coming' : 'flag'), ' ', f.text, ' ', cite(f.event.sourceIds, f.event.verified)))) : null,
    v.forRole ? h('p', { class: 'for-role' }, v.forRole, used ? [' ', cite(used.sourceIds, used.verified)] : null) : null);
}
