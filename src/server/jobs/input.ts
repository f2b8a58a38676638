import { parse } from 'csv-parse/sync';
import { ListwatchError } from '../../core/errors.js';
import type { BatchRow } from '../../app/screen/batch-core.js';

/** What reading an uploaded batch file gives: every data row, in file order, with its line. */
export interface BatchInput {
  rows: BatchRow[];
}

const NAME_COLUMNS = ['name', 'query', 'company', 'entity'];

/**
 * Reads an uploaded batch CSV. With a header naming a `name` (or `query`/`company`/`entity`)
 * column, that column is screened and `id`/`as_of` are picked up when present; a file of one
 * column without such a header is a plain list of names. A file csv-parse cannot read (an
 * unclosed quote, a row with the wrong number of fields) is BAD_FILE naming the line. Rows with
 * an empty name or a bad date are kept: they become error records in the results (every input
 * row has exactly one result), and one bad row does not sink a large file.
 */
export function readBatchCsv(text: string): BatchInput {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { info: true, skip_empty_lines: true, trim: true, relax_quotes: false }) as unknown as typeof records;
  } catch (e) {
    const err = e as { message?: string; lines?: number; code?: string; record?: unknown[]; columns?: unknown[] };
    const line = typeof err.lines === 'number' ? err.lines : undefined;
    const problem = err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is not closed'
      : err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? `this row has ${err.record?.length ?? 'a different number of'} fields where the first row has ${records0Length(text)}`
      : (err.message ?? 'unreadable').replace(/^Invalid \w+:?\s*/i, '');
    throw new ListwatchError('BAD_FILE', `CSV${line !== undefined ? ` line ${line}` : ''}: ${problem}`, { file: 'upload', ...(line !== undefined ? { line } : {}) });
  }
  if (!records.length) throw new ListwatchError('BAD_FILE', 'CSV line 1: the file has no rows', { file: 'upload', line: 1 });
  const header = records[0]!.record.map((h) => h.toLowerCase());
  const nameCol = header.findIndex((h) => NAME_COLUMNS.includes(h));
  const out: BatchInput = { rows: [] };
  if (nameCol < 0) {
    if (header.length > 1) {
      throw new ListwatchError('BAD_FILE', `CSV line 1: no name column (expected one of ${NAME_COLUMNS.join(', ')})`, { file: 'upload', line: 1, field: 'name' });
    }
    for (const { record, info } of records) out.rows.push({ line: info.lines, name: record[0] ?? '' });
    return out;
  }
  const idCol = header.indexOf('id');
  const asOfCol = header.indexOf('as_of');
  for (const { record, info } of records.slice(1)) {
    const row: BatchRow = { line: info.lines, name: record[nameCol] ?? '' };
    const id = idCol >= 0 ? record[idCol] : undefined;
    if (id) row.id = id;
    const asOf = asOfCol >= 0 ? record[asOfCol] : undefined;
    if (asOf) row.asOf = asOf; // a bad date becomes the row's error record (rowProblem)
    out.rows.push(row);
  }
  if (!out.rows.length) throw new ListwatchError('BAD_FILE', 'CSV: no names to screen', { file: 'upload', line: 1 });
  return out;
}

/** Fields in the first row, for the message about a ragged row. */
function records0Length(text: string): number {
  try {
    return (parse(text, { to_line: 1, relax_column_count: true }) as string[][])[0]?.length ?? 0;
  } catch {
    return 0;
  }
}
