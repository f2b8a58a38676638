import type { Designation, IsoDate, ListEvent, Publication } from '../model.js';

/** Event kinds that, when UNVERIFIED, make a designation's membership from their date UNVERIFIED. */
const MEMBERSHIP_EVENTS = new Set<ListEvent['kind']>(['designation', 're-designation', 'rename', 'removal']);

/**
 * The first day from which a designation rests on something the record marks UNVERIFIED, or
 * undefined when it is verified throughout. Pure.
 *
 * - opened by a notice (addition, removal, redesignation, snapshot of a secondary file…) that is
 *   `verified: false`, e.g. a 1237 tranche or the §889 enactment date: unverified from its start;
 * - ended by a notice that is `verified: false` (Xiaomi's vacatur, the AMEC/IDG removal):
 *   unverified from its end (the end date is the doubtful fact);
 * - an UNVERIFIED designation, re-designation, rename or removal event of this entity on this list
 *   inside the interval (YMTC and CXMT in the June 2026 edition; Wenchong → Wenchuan): unverified
 *   from that event's date.
 * An edition marked `verified: false` only "partly" (a detail of it) does not by itself mark every
 * member: its doubtful members carry their own events.
 */
export function designationUnverifiedFrom(
  d: Pick<Designation, 'entityId' | 'listId' | 'from' | 'to' | 'addedBy' | 'endedBy'>,
  publications: ReadonlyMap<string, Pick<Publication, 'kind' | 'verified'>>,
  events: readonly Pick<ListEvent, 'kind' | 'date' | 'entityIds' | 'listIds' | 'verified'>[],
): IsoDate | undefined {
  const dates: IsoDate[] = [];
  const notice = (p: Pick<Publication, 'kind' | 'verified'> | undefined): boolean => p !== undefined && p.verified === false && p.kind !== 'edition';
  if (notice(publications.get(d.addedBy))) dates.push(d.from);
  if (d.endedBy && d.to && notice(publications.get(d.endedBy))) dates.push(d.to);
  for (const e of events) {
    if (e.verified || !MEMBERSHIP_EVENTS.has(e.kind) || !e.entityIds.includes(d.entityId) || !e.listIds.includes(d.listId)) continue;
    if (e.date >= d.from && (d.to === null || e.date < d.to)) dates.push(e.date);
  }
  return dates.sort()[0];
}

/** Whether a designation is verified as seen on `asOf`, given its `designationUnverifiedFrom`. */
export function verifiedOn(unverifiedFrom: IsoDate | undefined, asOf: IsoDate): boolean {
  return unverifiedFrom === undefined || asOf < unverifiedFrom;
}
