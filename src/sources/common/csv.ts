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
  /** Column names for error messages (default `field N`). */
  fieldNames?: readonly string[];
  /** Called every `progressEvery` records (default 5,000) with the count so far. */
  onProgress?: (rows: number) => void;
  progressEvery?: number;
}

/** Characters one field of a list file may hold: the longest real remarks run to a few KB. */
export const MAX_FIELD_CHARS = 64 * 1024;

// NUL and the other C0 controls but tab, LF and CR, and DEL: never text in a list file; a NUL
// also cannot be stored (PostgreSQL text refuses it, which surfaced as a STORE error).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * BAD_FILE naming file, line and field when a field holds a control character or is longer
 * than `MAX_FIELD_CHARS`; nothing otherwise.
 */
export function checkFields(fields: readonly string[], file: string, line: number, names?: readonly string[]): void {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const field = names?.[i] ?? `field ${i + 1}`;
    if (f.length > MAX_FIELD_CHARS) throw new ListwatchError('BAD_FILE', `${file}, line ${line}: ${field} is ${f.length} characters long (the limit is ${MAX_FIELD_CHARS})`, { file, line, field });
    const bad = CONTROL.exec(f);
    if (bad) throw new ListwatchError('BAD_FILE', `${file}, line ${line}: ${field} contains the control character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} (binary data, or a file in another encoding?)`, { file, line, field });
  }
}

/**
 * Streams the records of a CSV text through csv-parse, checking the column count of each.
 * A quoted field left open at the end of the text (a file cut mid-record) and any other
 * csv-parse error become BAD_FILE with the file and line. Empty lines are skipped. Lines may
 * end in CRLF or LF, mixed (files edited on two systems); a field with a control character or
 * over `MAX_FIELD_CHARS` is BAD_FILE with file, line and field.
 */
export async function* readCsv(text: string, opts: ReadCsvOptions): AsyncGenerator<CsvRow> {
  const parser = parse({ relax_column_count: true, skip_empty_lines: true, info: true, bom: true, record_delimiter: ['\r\n', '\n'] });
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
      checkFields(record, opts.file, line, opts.fieldNames);
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
 * `orClosingQuote`: a file may also end right after a quoted last field (trade.gov's CSL
 * does); an unclosed quote is csv-parse's to refuse.
 */
export function requireFinalNewline(text: string, file: string, opts: { orClosingQuote?: boolean } = {}): void {
  if (text.length === 0 || text.endsWith('\n') || (opts.orClosingQuote && text.endsWith('"'))) return;
  const line = text.split('\n').length;
  throw new ListwatchError('BAD_FILE', `${file}, line ${line}: the last line has no line ending (file truncated?)`, { file, line });
}
