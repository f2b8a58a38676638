import type { Designation, IsoDate, ListEvent, Publication } from '../model.js';
import { sameName } from './names.js';

/** One step of an entity's history (same shape as the app's `TimelineStep`). */
export interface Step {
  date: IsoDate;
  kind: ListEvent['kind'];
  title: string;
  listId?: string;
  detail?: string;
  sourceIds: string[];
  verified: boolean;
  eventId?: string;
  publicationId?: string;
}

/** How one publication printed the entity (an entry of it), for rename steps. */
export interface PrintedEntry {
  listId: string;
  publicationId: string;
  date: IsoDate;
  printedName: string;
  /** The publication is a withdrawn document (never a legal change). */
  withdrawn?: boolean;
  /** What the document would have done to the entity (withdrawn drafts name additions and removals). */
  action?: 'add' | 'remove' | 'amend';
}

/** Inputs of `buildTimeline`; everything about ONE entity. */
export interface TimelineInput {
  designations: readonly Designation[];
  /** Publications by id (entries not needed). */
  publications: ReadonlyMap<string, Omit<Publication, 'entries'>>;
  events: readonly ListEvent[];
  /** Every entry that prints the entity, any order; withdrawn ones become "named in a withdrawn document". */
  printed?: readonly PrintedEntry[];
  listNames?: ReadonlyMap<string, string>;
}

const RANK: Partial<Record<ListEvent['kind'], number>> = { removal: 0, 're-designation': 1, designation: 2, rename: 3 };

/**
 * The full dated history of one entity across every list: designations and removals (from the
 * publications that opened and ended them), re-designations, renames the lists printed, withdrawn
 * documents that named it, and recorded events. Events that restate a derived step (same date, kind
 * and list) are merged into it, adding their sources. Ordered by date, then removals before
 * designations before other steps. Pure.
 */
export function buildTimeline(input: TimelineInput): Step[] {
  const steps: Step[] = [];
  const listName = (id: string): string => input.listNames?.get(id) ?? id;
  const pubSteps = (pubId: string): Pick<Step, 'sourceIds' | 'verified' | 'detail'> => {
    const p = input.publications.get(pubId);
    if (!p) return { sourceIds: [], verified: true };
    const cite = [p.title, p.citation].filter(Boolean).join(', ');
    return { sourceIds: [...p.sourceIds], verified: p.verified !== false, detail: cite + (p.note ? ` (${p.note})` : '') };
  };
  for (const d of input.designations) {
    const opened = input.publications.get(d.addedBy);
    const isRe = opened?.kind === 'redesignation';
    // The designation carries the latest printed name; the step shows the name the opening notice printed.
    const asPrinted = input.printed?.find((e) => e.publicationId === d.addedBy)?.printedName ?? d.printedName;
    steps.push({ date: d.from, kind: isRe ? 're-designation' : 'designation', title: `${isRe ? 'Re-designated' : 'Listed'} on ${listName(d.listId)} as "${asPrinted}"`, listId: d.listId, publicationId: d.addedBy, ...pubSteps(d.addedBy) });
    if (d.to && d.endedBy) {
      const ended = input.publications.get(d.endedBy);
      if (ended?.kind === 'redesignation') continue; // the re-designation step says it
      steps.push({ date: d.to, kind: 'removal', title: `Removed from ${listName(d.listId)}`, listId: d.listId, publicationId: d.endedBy, ...pubSteps(d.endedBy) });
    }
  }
  const byList = new Map<string, PrintedEntry[]>();
  for (const e of input.printed ?? []) {
    if (e.withdrawn) {
      const what = e.action === 'remove' ? 'Named for removal' : e.action === 'add' ? 'Named for addition' : 'Named';
      steps.push({ date: e.date, kind: 'withdrawn-publication', title: `${what} as "${e.printedName}" in a document that was withdrawn (no legal effect)`, listId: e.listId, publicationId: e.publicationId, ...pubSteps(e.publicationId) });
      continue;
    }
    byList.set(e.listId, [...(byList.get(e.listId) ?? []), e]);
  }
  for (const entries of byList.values()) {
    entries.sort((x, y) => x.date.localeCompare(y.date));
    for (let i = 1; i < entries.length; i++) {
      const prev = entries[i - 1]!;
      const cur = entries[i]!;
      if (sameName(prev.printedName, cur.printedName)) continue;
      steps.push({ date: cur.date, kind: 'rename', title: `Printed on ${listName(cur.listId)} as "${cur.printedName}" (was "${prev.printedName}")`, listId: cur.listId, publicationId: cur.publicationId, ...pubSteps(cur.publicationId) });
    }
  }
  for (const ev of input.events) {
    const twin = steps.find((s) => s.date === ev.date && s.kind === ev.kind && s.eventId === undefined && (s.listId === undefined || ev.listIds.includes(s.listId)));
    if (twin) {
      twin.sourceIds = [...new Set([...twin.sourceIds, ...ev.sourceIds])];
      twin.verified = twin.verified && ev.verified;
      twin.eventId = ev.id;
      if (ev.detail) twin.detail = [twin.detail, ev.detail].filter(Boolean).join(' — ');
      continue;
    }
    const detail = [ev.detail, ev.court ? `Court: ${ev.court}` : '', ev.docket ? `Docket: ${ev.docket}` : '', ev.namesUrged?.length ? `Names urged: ${ev.namesUrged.join(', ')}` : '', ev.datePrecision && ev.datePrecision !== 'day' ? `date known to the ${ev.datePrecision} only` : '']
      .filter(Boolean)
      .join('; ');
    steps.push({ date: ev.date, kind: ev.kind, title: ev.title, ...(ev.listIds[0] ? { listId: ev.listIds[0] } : {}), ...(detail ? { detail } : {}), sourceIds: [...ev.sourceIds], verified: ev.verified, eventId: ev.id });
  }
  return steps.sort((x, y) => x.date.localeCompare(y.date) || (RANK[x.kind] ?? 9) - (RANK[y.kind] ?? 9) || (x.listId ?? '').localeCompare(y.listId ?? '') || x.title.localeCompare(y.title));
}
