import { ListwatchError } from '../../core/errors.js';
import { diffPublications } from '../../core/history/diff.js';
import { lastTwoEffective, resolvePublicationRef } from '../../core/history/membership.js';
import type { IsoDate, Publication } from '../../core/model.js';
import type { RecordReader } from '../snapshot/reader.js';
import type { PublicationDiff } from '../types.js';

/** Options of `diffList`. */
export interface DiffOptions {
  /** Without `to`, diff against the list as it stood on this day. */
  asOf?: IsoDate;
  similarityThreshold?: number;
}

/**
 * The difference between two publications of a list. `from`/`to` are publication ids or dates
 * (a date means the latest effective publication on or before it); both absent → the last two
 * effective publications (withdrawn documents skipped), or, with `asOf`, the last two on or before
 * asOf. Withdrawn documents in between are reported apart, never as removals.
 * NOT_FOUND for an unknown list or reference; BAD_INPUT when the list has fewer than two publications.
 */
export async function diffList(store: RecordReader, listId: string, from?: string, to?: string, opts: DiffOptions = {}): Promise<PublicationDiff> {
  const list = await store.getList(listId);
  if (!list) throw new ListwatchError('NOT_FOUND', `list ${listId} not found`, { field: 'list' });
  const metas = await store.getPublications(listId);
  const upTo = opts.asOf ? metas.filter((p) => p.date <= opts.asOf!) : metas;
  let a: Omit<Publication, 'entries'>;
  let b: Omit<Publication, 'entries'>;
  if (from === undefined && to === undefined) {
    const two = lastTwoEffective(upTo);
    if (!two) throw new ListwatchError('BAD_INPUT', `list ${listId} has fewer than two publications${opts.asOf ? ` on or before ${opts.asOf}` : ''} to compare`);
    [a, b] = two;
  } else {
    a = resolvePublicationRef(metas, from ?? '');
    b = to !== undefined ? resolvePublicationRef(metas, to) : opts.asOf ? resolvePublicationRef(metas, opts.asOf) : resolvePublicationRef(metas, lastTwoEffective(metas)?.[1].id ?? '');
  }
  const full: Publication[] = [];
  for (const m of metas) {
    const p = await store.getPublication(m.id);
    if (p) full.push(p);
  }
  const ids = new Set<string>();
  for (const p of full) for (const e of p.entries) ids.add(e.entityId);
  const entities = new Map((await store.getEntities([...ids])).map((e) => [e.id, e]));
  // The days asked about: a date reference or asOf may reach past the publication it resolves to,
  // and a withdrawn document in between must still be reported.
  const asked = [from, to, opts.asOf].filter((x): x is string => x !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(x));
  const window = asked.length ? { from: [a.date, ...asked].sort()[0]!, to: [b.date, ...asked].sort().reverse()[0]! } : undefined;
  return diffPublications({ publications: full, fromId: a.id, toId: b.id, entities, ...(window ? { window } : {}), ...(opts.similarityThreshold !== undefined ? { similarityThreshold: opts.similarityThreshold } : {}) });
}
