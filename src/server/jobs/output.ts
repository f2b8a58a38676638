import { csvCell } from '../../core/csv.js';
import type { ScreenResult } from '../../app/types.js';

/** One stored result line of a batch job (JSONL): the input row and its screen result. */
export interface BatchResultLine extends ScreenResult {
  line: number;
  id?: string;
  error?: string;
}

/** Header of the CSV download: one row per hit, or one empty-hit row when nothing matched (with `error` when the row could not be screened). */
export const CSV_HEADER = ['line', 'id', 'query', 'as_of', 'rank', 'entity_id', 'name', 'matched_name', 'score', 'active', 'lists', 'explanation', 'error'];

/** Turns one stored JSONL line into CSV rows (with trailing newline). */
export function csvRows(jsonLine: string): string {
  const r = JSON.parse(jsonLine) as BatchResultLine;
  const base = [r.line, r.id, r.query, r.asOf];
  if (!r.hits?.length) return [...base, '', '', '', '', '', '', '', '', r.error].map(csvCell).join(',') + '\n';
  return r.hits
    .map((h, i) => {
      const lists = h.designations.map((d) => `${d.list}${d.active ? '' : ' (ended ' + (d.to ?? '') + ')'}`).join('; ');
      return [...base, i + 1, h.entityId, h.name, h.matchedName, h.score.toFixed(3), h.active, lists, h.explanation.summary, ''].map(csvCell).join(',');
    })
    .join('\n') + '\n';
}
