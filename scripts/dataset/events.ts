/** Dated events (statements, lawsuits, rulings, proposals, renames). Filled in below. */
import type { ListEvent } from '../../src/core/model.js';
import type { Registry } from './registry.js';

/** Builds every event; `renamed` holds the 1260H renames found while reading the editions. */
export function buildEvents(reg: Registry, renamed: Map<string, { from: string; to: string; date: string; verified: boolean }>): ListEvent[] {
  const events: ListEvent[] = [];
  for (const [id, r] of renamed) {
    events.push({
      id: `rename-${id}-${r.date}`, date: r.date, kind: 'rename', title: `Printed as "${r.to}" (formerly "${r.from}")`,
      detail: 'The same entity printed under a new name in this 1260H edition: a rename, not a removal plus an addition.' + (r.verified ? '' : ' UNVERIFIED that these are the same company.'),
      entityIds: [id], listIds: ['us-dod-1260h'], sourceIds: [`dod-1260h-${r.date}`], verified: r.verified,
    });
  }
  void reg;
  return events;
}
