import type { IsoDate } from '../../core/model.js';
import type { RuleRole } from '../../core/rules/types.js';
import type { Store } from '../../store/store.js';
import { createCoverageReader, DEFAULT_MAX_AGE_DAYS, type Coverage } from './coverage.js';

/** The query/body field of the screen routes that sets the age warning threshold. */
export interface CoverageQuery {
  coverage_max_age_days?: number;
}

/** JSON-schema properties of `CoverageQuery`, for the screen routes. */
export const coverageQueryProps = {
  coverage_max_age_days: {
    type: 'integer', minimum: 1, maximum: 36500,
    description: `Warn when a list the role depends on has no publication in the store within this many days before as_of (default ${DEFAULT_MAX_AGE_DAYS}).`,
  },
} as const;

const readers = new WeakMap<Store, ReturnType<typeof createCoverageReader>>();

/** One coverage reader per store (its list figures are cached per store revision and date). */
export function coverageReaderFor(store: Store): { get(asOf: IsoDate, role?: RuleRole, maxAgeDays?: number): Promise<Coverage> } {
  let r = readers.get(store);
  if (!r) { r = createCoverageReader(store); readers.set(store, r); }
  const reader = r;
  return { get: (asOf, role, maxAgeDays) => reader.get(asOf, role, maxAgeDays) };
}
