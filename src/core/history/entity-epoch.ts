import type { IsoDate } from '../model.js';

/** The epoch of a date on or after the last change of any entity's attributes: the record as it is now. */
export const CURRENT_EPOCH = 'current';

/**
 * Which state of the entities' attributes a screen on `asOf` sees, as a key: `CURRENT_EPOCH` when no
 * entity changed after `asOf` (today's index serves it), otherwise the first change date after `asOf`
 * (every date before that change and on or after the previous one sees the same names, so one as-of
 * index serves them all). `changeDates` ascending, as `Store.getEntityChangeDates` gives them. Pure.
 */
export function entityEpoch(changeDates: readonly IsoDate[], asOf: IsoDate): string {
  // Few change dates (one per import that changed names); a scan from the end finds recent dates first.
  let next: IsoDate | null = null;
  for (let i = changeDates.length - 1; i >= 0; i--) {
    const d = changeDates[i]!;
    if (d > asOf) next = d;
    else break;
  }
  return next ?? CURRENT_EPOCH;
}
