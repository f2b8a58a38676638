import { csvCell } from '../../core/csv.js';
import { AUDIT_CSV_COLUMNS, auditCells, type CsvAuditContext } from '../../app/screen/batch-audit-columns.js';
import type { ScreenResult } from '../../app/types.js';

/** One stored result line of a batch job (JSONL): the input row and its screen result. */
export interface BatchResultLine extends ScreenResult {
  line: number;
  id?: string;
  error?: string;
}

/**
 * Header of the API's CSV download: one row per hit, or one empty-hit row when nothing matched
 * (with `error` when the row could not be screened), then the audit columns (`AUDIT_CSV_COLUMNS`:
 * the designations of THAT row's hit, screened_at, revision, threshold, coverage).
 */
export const CSV_HEADER = ['line', 'id', 'query', 'as_of', 'rank', 'entity_id', 'name', 'matched_name', 'score', 'active', 'lists', 'explanation', 'error', ...AUDIT_CSV_COLUMNS];

/**
 * Turns one stored JSONL line into CSV rows (with trailing newline). `first`: this is the file's
 * first input row (its first CSV row carries the coverage JSON).
 */
export function csvRows(jsonLine: string, audit?: CsvAuditContext, first = false): string {
  const r = JSON.parse(jsonLine) as BatchResultLine;
  const base = [r.line, r.id, r.query, r.asOf];
  if (!r.hits?.length) return [...base, '', '', '', '', '', '', '', '', r.error, ...auditCells(audit, undefined, r.threshold, first)].map(csvCell).join(',') + '\n';
  return r.hits
    .map((h, i) => {
      const lists = h.designations.map((d) => `${d.list}${d.active ? '' : ' (ended ' + (d.to ?? '') + ')'}`).join('; ');
      return [...base, i + 1, h.entityId, h.name, h.matchedName, h.score.toFixed(3), h.active, lists, h.explanation.summary, '', ...auditCells(audit, h, r.threshold, first && i === 0)].map(csvCell).join(',');
    })
    .join('\n') + '\n';
}
