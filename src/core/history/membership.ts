import { isIsoDate } from '../dates.js';
import { ListwatchError } from '../errors.js';
import type { Designation, Publication } from '../model.js';
import { applyPublication, commitChange, publicationOrder } from './designations.js';

/** One member of a list at a point of its history: the entity and how the list printed it. */
export interface Member {
  entityId: string;
  printedName: string;
  basis?: string;
  /** The publication whose entry printed this name (the latest that lists it). */
  publicationId: string;
}

/**
 * The membership of one list right after `upTo` takes effect, replaying its publications
 * (with entries) in effect order. Withdrawn documents change nothing, as in `applyPublication`.
 * Throws NOT_FOUND when `upTo` is not among `publications`.
 */
export function membershipAfter(publications: readonly Publication[], upTo: string): Map<string, Member> {
  const sorted = [...publications].sort(publicationOrder);
  const idx = sorted.findIndex((p) => p.id === upTo);
  if (idx < 0) throw new ListwatchError('NOT_FOUND', `publication ${upTo} is not a publication of this list`);
  const active = new Map<string, Designation>();
  const members = new Map<string, Member>();
  for (const pub of sorted.slice(0, idx + 1)) {
    const ch = applyPublication(active, pub);
    const printedBy = new Map(pub.entries.map((e) => [e.entityId, e] as const));
    commitChange(active, ch);
    for (const c of ch.close) members.delete(c.entityId);
    for (const [id, d] of active) {
      const e = printedBy.get(id);
      const prev = members.get(id);
      members.set(id, {
        entityId: id,
        printedName: d.printedName,
        ...(d.basis !== undefined ? { basis: d.basis } : {}),
        publicationId: e ? pub.id : (prev?.publicationId ?? d.addedBy),
      });
    }
  }
  return members;
}

/** Publications that take legal effect (everything but withdrawn documents), in effect order. */
export function effectivePublications<P extends Publication | Omit<Publication, 'entries'>>(publications: readonly P[]): P[] {
  return publications
    .filter((p) => p.kind !== 'withdrawn')
    .sort((a, b) => publicationOrder(a as Publication, b as Publication));
}

/**
 * Resolves a user's reference to a publication of one list: an exact publication id, or a date,
 * meaning the latest effective publication on or before that day. Throws NOT_FOUND/BAD_INPUT.
 */
export function resolvePublicationRef<P extends Publication | Omit<Publication, 'entries'>>(publications: readonly P[], ref: string): P {
  const byId = publications.find((p) => p.id === ref || p.id.endsWith('/' + ref));
  if (byId && byId.id === ref) return byId;
  if (/^\d{4}-\d{2}-\d{2}$/.test(ref)) {
    // 2024-02-30 is not a date: refused, not read as the edition in force on 1 March.
    if (!isIsoDate(ref)) throw new ListwatchError('BAD_INPUT', `"${ref}" is not a calendar date (YYYY-MM-DD)`);
    const eff = effectivePublications(publications).filter((p) => p.date <= ref);
    const last = eff[eff.length - 1];
    if (!last) throw new ListwatchError('NOT_FOUND', `no publication of this list takes effect on or before ${ref}`);
    return last;
  }
  if (byId) return byId;
  throw new ListwatchError('BAD_INPUT', `"${ref}" is neither a publication id nor a date (YYYY-MM-DD)`);
}

/** The last two effective publications (withdrawn documents skipped), or null if there are fewer than two. */
export function lastTwoEffective<P extends Publication | Omit<Publication, 'entries'>>(publications: readonly P[]): [P, P] | null {
  const eff = effectivePublications(publications);
  const a = eff[eff.length - 2];
  const b = eff[eff.length - 1];
  return a && b ? [a, b] : null;
}
