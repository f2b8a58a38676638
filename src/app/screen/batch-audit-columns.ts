import type { Coverage } from '../coverage/warnings.js';
import type { ScreenHit } from '../types.js';

/**
 * The audit columns every batch results CSV ends with (issue #11), the same on the CLI batch
 * (`screen --input`, `batch --input`), `batch results ID --output FILE.csv` and the API's
 * `GET /jobs/{id}/results?format=csv`. They come AFTER each format's existing columns, which
 * keep their names and order.
 *
 * - `screened_at`: when the batch began screening (ISO time): the CLI run's start, a job's first
 *   screened chunk (`startedAt`). The same on every row of one batch.
 * - `revision`: the record's revision the batch was screened against (a job: the revision recorded
 *   in its finish audit entry, or the store's current one while it runs).
 * - `threshold`: the minimum score of a hit for this row.
 * - `list`, `designation_start`, `fr_citation`, `source_url`: the designations of the row's hit
 *   (the CLI/`batch results` CSV: its best hit; the API CSV: the hit of that row), one entry per
 *   designation, in the same order in all four columns, joined with `; ` (an entry may be empty,
 *   its place is kept). `designation_start` is `YYYY-MM-DD`, or `unknown (first seen YYYY-MM-DD)`
 *   when the source gave no start; ` UNVERIFIED` follows a designation resting on an unverified
 *   fact. `fr_citation` is the citation of the publication that added the designation (a Federal
 *   Register citation such as `84 FR 22963` where there is one).
 * - `coverage_warnings`: the warnings of the batch's coverage for its role (a list the role depends
 *   on that is empty or old), joined with `; `; on every row, since they qualify every answer.
 * - `coverage`: the batch's coverage as JSON (each list consulted, its latest publication and last
 *   refresh): on the FIRST data row only, empty on the others.
 */
export const AUDIT_CSV_COLUMNS = ['screened_at', 'revision', 'threshold', 'list', 'designation_start', 'fr_citation', 'source_url', 'coverage_warnings', 'coverage'] as const;

/** What the audit columns take from the batch (the same for every row). */
export interface CsvAuditContext {
  screenedAt: string;
  revision: string;
  /** The batch's threshold, for rows that carry none (error records). */
  threshold?: number;
  coverage?: Coverage;
}

/**
 * The audit cells of one CSV row (raw values; the caller escapes them with `csvCell`). `first`
 * is true for the first data row of the file (the one that carries the coverage JSON).
 */
export function auditCells(ctx: CsvAuditContext | undefined, hit: ScreenHit | undefined, threshold: number | undefined, first: boolean): unknown[] {
  const ds = hit?.designations ?? [];
  const join = (f: (d: ScreenHit['designations'][number]) => string): string => ds.map(f).join('; ');
  return [
    ctx?.screenedAt ?? '',
    ctx?.revision ?? '',
    threshold ?? ctx?.threshold ?? '',
    join((d) => d.list),
    join((d) => `${d.startUnknown ? `unknown (first seen ${d.from})` : d.from}${d.verified === false ? ' UNVERIFIED' : ''}`),
    join((d) => d.source.citation ?? ''),
    join((d) => d.source.url ?? ''),
    ctx?.coverage?.warnings.map((w) => w.message).join('; ') ?? '',
    first && ctx?.coverage ? JSON.stringify(ctx.coverage) : '',
  ];
}

/** UTF-8 byte-order mark: Excel opens a CSV as UTF-8 only when it starts with one. */
export const UTF8_BOM = '\ufeff';

/**
 * The JSONL form of a batch's coverage: the FIRST record of the file gets a `coverage` field
 * (the batch's, for its as-of date and role), as a single screen's answer carries one. Every line
 * stays one input row's record, in input order; a consumer that ignores unknown fields sees no
 * change. Returns the line unchanged when there is no coverage.
 */
export function withCoverage(line: string, coverage: Coverage | undefined): string {
  if (!coverage) return line;
  const rec = JSON.parse(line) as Record<string, unknown>;
  return JSON.stringify({ ...rec, coverage });
}
