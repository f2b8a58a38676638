import { parse, CsvError } from 'csv-parse';
import { ListwatchError } from '../../core/errors.js';

/** One CSV record with the 1-based line it starts on. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Options for `readCsv`. */
export interface ReadCsvOptions {
  /** File name for error messages. */
  file: string;
  /** Every record must have exactly this many fields; otherwise BAD_FILE naming the line. */
  columns: number;
  /** Called every `progressEvery` records (default 5,000) with the count so far. */
  onProgress?: (rows: number) => void;
  progressEvery?: number;
}

/**
 * Streams the records of a CSV text through csv-parse, checking the column count of each.
 * A quoted field left open at the end of the text (a file cut mid-record) and any other
 * csv-parse error become BAD_FILE with the file and line. Empty lines are skipped.
 */
export async function* readCsv(text: string, opts: ReadCsvOptions): AsyncGenerator<CsvRow> {
  const parser = parse({ relax_column_count: true, skip_empty_lines: true, info: true, bom: true });
  parser.end(text);
  const every = opts.progressEvery ?? 5000;
  let n = 0;
  let lastEnd = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number; raw?: string } & { columns?: unknown } }>) {
      const { record } = item;
      // info.lines is the line the record ENDS on; count back the newlines inside it.
      const line = startLine(item.info.lines, record);
      lastEnd = item.info.lines;
      if (record.length !== opts.columns) {
        throw new ListwatchError('BAD_FILE', `${opts.file}, line ${line}: expected ${opts.columns} fields, found ${record.length}${record.length < opts.columns ? ' (record cut short?)' : ''}`, { file: opts.file, line });
      }
      n++;
      if (opts.onProgress && n % every === 0) opts.onProgress(n);
      yield { line, fields: record };
    }
  } catch (e) {
    if (e instanceof CsvError) {
      const open = e.code === 'CSV_QUOTE_NOT_CLOSED';
      // For an open quote, name the line where the broken record starts, not the last line.
      // (csv-parse buffers records, so the loop may not have reached the last good one yet.)
      const line = open ? openRecordLine(text) : (e as CsvError & { lines?: number }).lines ?? lastEnd + 1;
      const problem = open ? 'a quoted field opened in this record is never closed before the end of the file (file truncated?)' : e.message;
      throw new ListwatchError('BAD_FILE', `${opts.file}${line ? `, line ${line}` : ''}: ${problem}`, { file: opts.file, ...(line ? { line } : {}) }, { cause: e });
    }
    throw e;
  }
}

/** 1-based line where the record holding an unclosed quote starts (scan on failure only). */
function openRecordLine(text: string): number {
  let line = 1;
  let recordStart = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10) {
      line++;
      if (!quoted) recordStart = line;
    }
  }
  return recordStart;
}

function startLine(endLine: number, record: string[]): number {
  let inner = 0;
  for (const f of record) for (let i = 0; i < f.length; i++) if (f.charCodeAt(i) === 10) inner++;
  return endLine - inner;
}

/**
 * BAD_FILE when a text that its format always ends with a line break does not: the last
 * record was cut off (an unquoted field can be cut without upsetting the column count).
 */
export function requireFinalNewline(text: string, file: string): void {
  if (text.length === 0 || text.endsWith('\n')) return;
  const line = text.split('\n').length;
  throw new ListwatchError('BAD_FILE', `${file}, line ${line}: the last line has no line ending (file truncated?)`, { file, line });
}
