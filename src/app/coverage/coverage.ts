import type { IsoDate } from '../../core/model.js';
import type { RuleRole } from '../../core/rules/types.js';
import type { Store } from '../../store/store.js';
import { coverageWarnings, DEFAULT_MAX_AGE_DAYS, type Coverage, type ListCoverage } from './warnings.js';
import { keptPromise } from '../promise-cache.js';

export { coverageWarnings, DEFAULT_MAX_AGE_DAYS, formatCoverage, ROLE_LISTS, type Coverage, type CoverageWarning, type ListCoverage } from './warnings.js';

/**
 * Per list: publications, the latest on or before `asOf`, when the store last wrote one, and the
 * entities in force on `asOf`. Read-only aggregate queries over the record's tables (three
 * queries, whatever the size of the record).
 */
export async function readListCoverage(store: Store, asOf: IsoDate): Promise<ListCoverage[]> {
  const lists = await store.getLists();
  const pubs = await store.sql.query<{ list_id: string; n: number; refreshed: string | Date | null }>(
    `SELECT list_id, count(*)::int AS n, max(stored_at) AS refreshed FROM publications WHERE kind <> 'withdrawn' GROUP BY list_id`);
  const latest = await store.sql.query<{ list_id: string; id: string; date: string; citation: string | null }>(
    `SELECT DISTINCT ON (list_id) list_id, id, date::text AS date, citation FROM publications
      WHERE kind <> 'withdrawn' AND date <= $1::date ORDER BY list_id, date DESC, id DESC`, [asOf]);
  const inForce = await store.sql.query<{ list_id: string; n: number }>(
    `SELECT list_id, count(DISTINCT entity_id)::int AS n FROM designations
      WHERE from_date <= $1::date AND (to_date IS NULL OR to_date > $1::date) GROUP BY list_id`, [asOf]);
  const pubBy = new Map(pubs.map((r) => [r.list_id, r]));
  const latestBy = new Map(latest.map((r) => [r.list_id, r]));
  const inBy = new Map(inForce.map((r) => [r.list_id, r.n]));
  return lists.map((l) => {
    const p = pubBy.get(l.id);
    const lp = latestBy.get(l.id);
    const refreshed = p?.refreshed ?? null;
    return {
      listId: l.id,
      name: l.name,
      publications: p?.n ?? 0,
      inForce: inBy.get(l.id) ?? 0,
      latestPublication: lp ? { id: lp.id, date: lp.date, ...(lp.citation ? { citation: lp.citation } : {}) } : null,
      lastRefreshed: refreshed === null ? null : new Date(refreshed).toISOString(),
    };
  });
}

/** The coverage of an answer on `asOf` for `role` (warnings only for a role). */
export async function coverageFor(store: Store, opts: { asOf: IsoDate; role?: RuleRole; maxAgeDays?: number }): Promise<Coverage> {
  const maxAgeDays = opts.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
  const lists = await readListCoverage(store, opts.asOf);
  return { asOf: opts.asOf, ...(opts.role ? { role: opts.role } : {}), maxAgeDays, lists, warnings: coverageWarnings(lists, opts.role, opts.asOf, maxAgeDays) };
}

/**
 * A per-store reader that keeps the list part of coverage per (revision, asOf), and each answer per
 * (revision, asOf, role, age) as one shared object (callers must not change it): a server answers
 * many screens between two changes of the record, and the list figures only move with the revision.
 * `revisionOf` gives the revision to key on (default: the store's, one read per call; a server
 * passes the revision it serves, so a screen costs no read here).
 */
export function createCoverageReader(store: Store, defaultMaxAgeDays = DEFAULT_MAX_AGE_DAYS, revisionOf: () => string | Promise<string> = () => store.getRevision()): { get(asOf: IsoDate, role?: RuleRole, maxAgeDays?: number): Promise<Coverage> } {
  let revision: string | null = null;
  const byDate = new Map<string, Promise<ListCoverage[]>>();
  // The answer per (date, role, age), so equal requests get the same object (the screen route serialises it once).
  const answers = new Map<string, Coverage>();
  return {
    async get(asOf, role, maxAge) {
      const maxAgeDays = maxAge ?? defaultMaxAgeDays;
      const rev = await revisionOf();
      if (rev !== revision) { revision = rev; byDate.clear(); answers.clear(); }
      const key = `${asOf}|${role ?? ''}|${maxAgeDays}`;
      const known = answers.get(key);
      if (known) return known;
      if (byDate.size > 1000 && !byDate.has(asOf)) byDate.clear();
      const l = await keptPromise(byDate, asOf, () => readListCoverage(store, asOf));
      const answer: Coverage = { asOf, ...(role ? { role } : {}), maxAgeDays, lists: l, warnings: coverageWarnings(l, role, asOf, maxAgeDays) };
      if (rev === revision) {
        if (answers.size > 1000) answers.clear();
        answers.set(key, answer);
      }
      return answer;
    },
  };
}

/** `LISTWATCH_COVERAGE_MAX_AGE_DAYS` from the environment (entry points only), else the default. */
export function maxAgeDaysFromEnv(env: Record<string, string | undefined>): number {
  const v = env.LISTWATCH_COVERAGE_MAX_AGE_DAYS;
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_AGE_DAYS;
}
