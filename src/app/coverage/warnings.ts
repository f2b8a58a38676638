import { addDays } from '../../core/dates.js';
import type { IsoDate } from '../../core/model.js';
import type { RuleRole } from '../../core/rules/types.js';

/** The list each role depends on most: a screen for that role warns when it is empty or old. */
export const ROLE_LISTS: Readonly<Record<RuleRole, readonly string[]>> = {
  exporter: ['us-bis-entity-list'],
  importer: ['us-dhs-uflpa'],
  'us-investor': ['us-treasury-ns-cmic'],
  'dod-contractor': ['us-dod-1260h'],
  'federal-contractor': [],
};

/** Default age (days between the latest publication in the store and the as-of date) that counts as old. */
export const DEFAULT_MAX_AGE_DAYS = 365;

/** What one answer consulted on one list. */
export interface ListCoverage {
  listId: string;
  name: string;
  /** Publications of the list in the store (withdrawn documents not counted). */
  publications: number;
  /** Entities in force on the as-of date. */
  inForce: number;
  /** The latest publication on or before the as-of date (what the answer is based on). */
  latestPublication: { id: string; date: IsoDate; citation?: string } | null;
  /** When the store last wrote a publication of this list (an import or the bundled record's seed), ISO timestamp. */
  lastRefreshed: string | null;
}

/** A warning about a list the chosen role depends on. */
export interface CoverageWarning {
  listId: string;
  role: RuleRole;
  kind: 'empty' | 'stale' | 'missing';
  message: string;
}

/** What a screen answer checked: every list consulted, and warnings for the role's lists. */
export interface Coverage {
  asOf: IsoDate;
  role?: RuleRole;
  maxAgeDays: number;
  lists: ListCoverage[];
  warnings: CoverageWarning[];
}

/**
 * The warnings for `role` (pure): a list it depends on that is missing from the store, has
 * nothing in force on `asOf`, or whose latest publication on or before `asOf` is more than
 * `maxAgeDays` older than `asOf` (the answer may miss later changes).
 */
export function coverageWarnings(lists: readonly ListCoverage[], role: RuleRole | undefined, asOf: IsoDate, maxAgeDays: number): CoverageWarning[] {
  if (!role) return [];
  const out: CoverageWarning[] = [];
  for (const listId of ROLE_LISTS[role]) {
    const l = lists.find((x) => x.listId === listId);
    if (!l) {
      out.push({ listId, role, kind: 'missing', message: `${listId} is not in the store: a ${role} answer cannot show it; load or import it` });
    } else if (l.inForce === 0 || !l.latestPublication) {
      out.push({ listId, role, kind: 'empty', message: `${l.name} has nothing in force on ${asOf} in the store: a ${role} answer cannot show it; import a current copy` });
    } else if (l.latestPublication.date < addDays(asOf, -maxAgeDays)) {
      out.push({ listId, role, kind: 'stale', message: `${l.name}: the latest publication in the store is of ${l.latestPublication.date}, more than ${maxAgeDays} days before ${asOf}; later changes are not in this answer` });
    }
  }
  return out;
}

/** One line per list and per warning, for text output. */
export function formatCoverage(c: Coverage): string[] {
  const out = [`  checked on ${c.asOf}:`];
  for (const l of c.lists) {
    const latest = l.latestPublication ? `latest publication ${l.latestPublication.date}${l.latestPublication.citation ? ` (${l.latestPublication.citation})` : ''}` : 'no publication';
    out.push(`    ${l.listId.padEnd(24)} ${String(l.inForce).padStart(5)} in force, ${latest}, refreshed ${l.lastRefreshed ?? 'never'}`);
  }
  for (const w of c.warnings) out.push(`  WARNING (${w.role}): ${w.message}`);
  return out;
}
