import { csvCell } from '../../core/csv.js';
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { parse } from 'csv-parse';
import { ListwatchError } from '../../core/errors.js';
import { chunkRows, jsonlOf, type BatchChunk, type BatchRecord, type BatchRow } from './batch-core.js';
import { DEFAULT_BATCH_LIMITS, nameProblem, sniffEncoding, type BatchLimits } from './batch-io-limits.js';
import { AUDIT_CSV_COLUMNS, auditCells, UTF8_BOM, withCoverage, type CsvAuditContext } from './batch-audit-columns.js';

export { AUDIT_CSV_COLUMNS, UTF8_BOM, withCoverage, type CsvAuditContext } from './batch-audit-columns.js';

export { DEFAULT_BATCH_LIMITS, batchLimitsFromEnv, decodeBatchBytes, nameProblem, type BatchLimits } from './batch-io-limits.js';

const CSV_OPTIONS = { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: false } as const;

/**
 * Fields of one physical line in the common form: unquoted fields without quotes, or quoted
 * fields ("" for a quote) closed on the same line. Null for anything else (a carriage return,
 * a quote inside an unquoted field, text after a closing quote, a field running on to the next
 * line): such input goes to csv-parse, whose reading (and errors) stay the reference.
 */
export function splitPlainCsvLine(line: string): string[] | null {
  if (line.indexOf('"') < 0) return line.indexOf('\r') < 0 ? line.split(',') : null;
  if (line.indexOf('\r') >= 0) return null;
  const out: string[] = [];
  let pos = 0;
  for (;;) {
    if (line.charCodeAt(pos) === 34 /* " */) {
      let val = '';
      let from = pos + 1;
      for (;;) {
        const q = line.indexOf('"', from);
        if (q < 0) return null; // runs on past the line
        if (line.charCodeAt(q + 1) === 34) {
          val += line.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        val += line.slice(from, q);
        pos = q + 1;
        break;
      }
      out.push(val);
      if (pos === line.length) return out;
      if (line.charCodeAt(pos) !== 44 /* , */) return null;
      pos++;
    } else {
      const comma = line.indexOf(',', pos);
      const field = comma < 0 ? line.slice(pos) : line.slice(pos, comma);
      if (field.indexOf('"') >= 0) return null;
      out.push(field);
      if (comma < 0) return out;
      pos = comma + 1;
    }
  }
}


/**
 * Reads CSV records. Lines in the common form are split here (csv-parse's per-record info
 * objects cost more main-thread time than screening is left to spare); from the first line
 * that is not, the rest of the input, preceded by as many empty lines as came before it (so
 * line numbers, the record delimiter and error messages are csv-parse's own), goes to csv-parse.
 */
async function* csvRecords(input: Readable, file: string, maxLineBytes: number): AsyncGenerator<CsvRecord[]> {
  const it = (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  try {
    yield* csvRecordsFrom(await asUtf8(it), file, maxLineBytes);
  } finally {
    // Stopped early (or failed): close the input as a for-await over it would.
    await it.return?.();
  }
}

const asBytes = (v: Buffer | string): Buffer => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v);

/**
 * The input as UTF-8 bytes: UTF-16 input (byte-order mark, or NULs in the first two bytes) is
 * transcoded chunk by chunk, so every batch path reads the same text whatever Excel saved.
 */
async function asUtf8(it: AsyncIterator<Buffer | string>): Promise<AsyncIterator<Buffer | string>> {
  let head: Buffer = Buffer.alloc(0);
  let done = false;
  while (head.length < 2 && !done) {
    const n = await it.next();
    if (n.done) done = true;
    else head = Buffer.concat([head, asBytes(n.value)]);
  }
  const enc = sniffEncoding(head);
  if (enc === 'utf-8') {
    let first = head.length > 0;
    return {
      next: async () => {
        if (first) {
          first = false;
          return { done: false, value: head };
        }
        return done ? { done: true, value: undefined } : it.next();
      },
      return: async () => (it.return ? it.return() : { done: true, value: undefined }),
    };
  }
  const dec = new TextDecoder(enc);
  let pendingHead: Buffer | null = head;
  let ended = done;
  return {
    next: async () => {
      if (pendingHead) {
        const h = pendingHead;
        pendingHead = null;
        return { done: false, value: Buffer.from(dec.decode(h, { stream: !ended }), 'utf8') };
      }
      if (ended) return { done: true, value: undefined };
      const n = await it.next();
      if (n.done) {
        ended = true;
        return { done: false, value: Buffer.from(dec.decode(), 'utf8') };
      }
      return { done: false, value: Buffer.from(dec.decode(asBytes(n.value), { stream: true }), 'utf8') };
    },
    return: async () => (it.return ? it.return() : { done: true, value: undefined }),
  };
}

function tooLong(file: string, line: number, maxLineBytes: number): ListwatchError {
  return new ListwatchError('BAD_FILE', `line ${line}: longer than ${maxLineBytes} bytes (the limit of one line of a batch file)`, { file, line });
}

async function* csvRecordsFrom(it: AsyncIterator<Buffer | string>, file: string, maxLineBytes: number): AsyncGenerator<CsvRecord[]> {
  let pending: Buffer = Buffer.alloc(0); // bytes of a line cut off at the end of the last chunk
  let line = 0;
  let first = true;
  let rest: Buffer | null = null; // set when csv-parse takes over: the bytes it reads first
  let inputDone = false;
  // The records of a chunk are handed out once the NEXT chunk has been read too: csv-parse's
  // stream fails on a broken record before its consumer sees the records buffered just before
  // it, so a small file with a broken line yields no row, and which error comes first is the same.
  let held: CsvRecord[] = [];
  let heldBytes: Buffer = Buffer.alloc(0);
  let heldLine = 0;
  for (;;) {
    const next = await it.next();
    const data = next.done ? pending : pending.length ? Buffer.concat([pending, asBytes(next.value)]) : asBytes(next.value);
    let start = 0;
    // csv-parse drops a UTF-8 byte-order mark.
    if (first && data.length > 0) {
      if (data.length >= 3) {
        first = false;
        if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) start = 3;
      } else if (!(data[0] === 0xef && (data.length < 2 || data[1] === 0xbb))) first = false; // not the start of a mark
    }
    const lineBefore = line;
    const batch: CsvRecord[] = [];
    let plain = true;
    const stop = next.done ? data.length : data.lastIndexOf(10) + 1;
    while (start < stop) {
      let nl = data.indexOf(10, start);
      if (nl < 0 || nl >= stop) nl = stop;
      if (nl - start > maxLineBytes) throw tooLong(file, line + 1, maxLineBytes);
      // Decoded line by line (as csv-parse decodes field by field), an ASCII line gives
      // one-byte strings, which the matcher handles faster than slices of a two-byte chunk.
      const l = data.toString('utf8', start, nl);
      // Bytes that are not UTF-8 (or a UTF-16 mark) go to csv-parse as they are.
      const fields = l.length === 0 ? [] : l.indexOf('\ufffd') < 0 ? splitPlainCsvLine(l) : null;
      if (!fields) {
        plain = false;
        break;
      }
      line++;
      if (fields.length) batch.push({ record: fields, line });
      start = nl + 1;
    }
    if (!plain) {
      // Everything not handed out yet, as bytes: the held records' lines, then this chunk.
      rest = Buffer.concat([heldBytes, data]);
      line = heldLine;
      inputDone = next.done === true;
      break;
    }
    if (held.length) yield held;
    held = batch;
    heldLine = lineBefore;
    const end = Math.min(start, data.length);
    heldBytes = data.subarray(0, end);
    pending = data.subarray(end);
    // A line cut off at the chunk's end and already over the limit: stop before buffering more of it.
    if (pending.length > maxLineBytes) throw tooLong(file, line + 1, maxLineBytes);
    if (next.done) {
      if (held.length) yield held;
      return;
    }
  }
  let bytes = line > 0 ? Buffer.concat([Buffer.from('\n'.repeat(line)), rest]) : rest;
  if (!inputDone) {
    // One chunk ahead: a file that ends there reaches csv-parse with its end, as when it read the file.
    const n = await it.next();
    if (n.done) inputDone = true;
    else bytes = Buffer.concat([bytes, asBytes(n.value)]);
  }
  const head = bytes;
  async function* remainder(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const n = await it.next();
      if (n.done) break;
      yield asBytes(n.value);
    }
  }
  const parser = (inputDone ? Readable.from([bytes], { objectMode: false }) : Readable.from(remainder(), { objectMode: false })).pipe(parse({ ...CSV_OPTIONS, max_record_size: maxLineBytes }));
  for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) yield [{ record: rec.record, line: rec.info.lines }];
}

/** One CSV record with its 1-based file line (where the record starts). */
export interface CsvRecord {
  record: string[];
  line: number;
}

/**
 * Turns CSV records into batch rows: the first record is the header, which must have a `name`
 * column (`id` and `as_of` optional; any order, case-insensitive). Throws BAD_FILE naming `file`
 * when the header has no `name` column, the records cannot be read, or there are more than
 * `limits.maxRows` rows. A name over `limits.maxNameLength` (kept cut short, for the record)
 * or with control characters is a row with a `problem`: an error record, the batch goes on.
 */
export async function* rowsFromCsvRecords(records: AsyncIterable<CsvRecord>, file: string, limits: Pick<BatchLimits, 'maxRows' | 'maxNameLength'> = DEFAULT_BATCH_LIMITS): AsyncGenerator<BatchRow> {
  async function* one(): AsyncGenerator<CsvRecord[]> {
    for await (const rec of records) yield [rec];
  }
  yield* rowsFromCsvBatches(one(), file, limits);
}

/**
 * `rowsFromCsvRecords` of records that come in batches (the records of one chunk of input read at
 * once): a step of an async generator per row, rather than two more, is main-thread time saved.
 */
async function* rowsFromCsvBatches(batches: AsyncIterable<readonly CsvRecord[]>, file: string, limits: Pick<BatchLimits, 'maxRows' | 'maxNameLength'>): AsyncGenerator<BatchRow> {
  let cols: { name: number; id: number; asOf: number } | null = null;
  let count = 0;
  try {
    for await (const batch of batches) for (const rec of batch) {
      const r = rec.record;
      if (!cols) {
        const h = r.map((x) => x.trim().toLowerCase());
        cols = { name: h.indexOf('name'), id: h.indexOf('id'), asOf: h.indexOf('as_of') };
        if (cols.name < 0) throw new ListwatchError('BAD_FILE', `the header has no "name" column (found: ${r.join(', ')})`, { file, line: rec.line });
        continue;
      }
      if (++count > limits.maxRows) throw new ListwatchError('BAD_FILE', `line ${rec.line}: more than ${limits.maxRows} rows (the limit of one batch); split the file`, { file, line: rec.line });
      const name = r[cols.name] ?? '';
      const problem = nameProblem(name, limits);
      const row: BatchRow = { line: rec.line, name: problem && name.length > 200 ? `${name.slice(0, 200)}…` : name };
      if (problem) row.problem = problem;
      if (cols.id >= 0 && r[cols.id] !== undefined) row.id = r[cols.id] ?? '';
      if (cols.asOf >= 0 && (r[cols.asOf] ?? '').trim() !== '') row.asOf = r[cols.asOf] ?? '';
      yield row;
    }
  } catch (e) {
    if (e instanceof ListwatchError) throw e;
    const size = (e as { code?: string }).code === 'CSV_MAX_RECORD_SIZE';
    const line = (e as { lines?: number }).lines;
    const message = size ? `${line !== undefined ? `line ${line}: ` : ''}a record longer than the limit of one line of a batch file` : `cannot read CSV: ${e instanceof Error ? e.message : String(e)}`;
    throw new ListwatchError('BAD_FILE', message, { file, ...(size && line !== undefined ? { line } : {}) }, { cause: e });
  }
}

/**
 * Streams the rows of a batch CSV: a header with a `name` column and optional `id` and
 * `as_of` columns (any order, case-insensitive; UTF-8 or UTF-16, byte-order mark tolerated).
 * Yields rows with their 1-based file line. Throws BAD_FILE when the header has no `name`
 * column, the CSV is broken, or the input breaks `limits` (rows, line length); a name over
 * the length limit is a row with a `problem`.
 */
export function readBatchCsv(input: Readable, file = 'input', limits: BatchLimits = DEFAULT_BATCH_LIMITS): AsyncGenerator<BatchRow> {
  return rowsFromCsvBatches(csvRecords(input, file, limits.maxLineBytes), file, limits);
}

/**
 * Columns of the CSV output: one row per input row, the best hit flattened, all hits as JSON, then
 * the audit columns (`AUDIT_CSV_COLUMNS`, see batch-audit-columns.ts: screened_at, revision,
 * threshold, and the best hit's designations: list, start, citation, source URL; the coverage).
 */
export const CSV_OUTPUT_COLUMNS = ['id', 'line', 'query', 'as_of', 'error', 'hit_count', 'active', 'entity_id', 'name', 'matched_name', 'score', 'lists', 'explanation', 'hits_json', ...AUDIT_CSV_COLUMNS] as const;

/** One CSV cell, formula-like text escaped (the one rule in `core/csv.ts`). */
export { csvCell };

/**
 * One CSV line for a record (without the newline). `audit` fills the audit columns (left empty
 * without it); `first` marks the file's first data row, which carries the coverage JSON.
 */
export function recordToCsv(r: BatchRecord, audit?: CsvAuditContext, first = false): string {
  if (r.error !== undefined) return [r.id, r.line, r.query, '', r.error, '', '', '', '', '', '', '', '', '', ...auditCells(audit, undefined, undefined, first)].map(csvCell).join(',');
  const h = r.hits[0];
  const lists = h ? h.designations.map((d) => `${d.list}${d.named ? ` (${d.named.label})` : d.active ? '' : d.unknown ? ' (unknown: first seen later, start unknown)' : ' (inactive)'}${d.verified === false ? ' (UNVERIFIED)' : ''}`).join('; ') : '';
  return [r.id, r.line, r.query, r.asOf, '', r.hits.length, r.hits.some((x) => x.active), h?.entityId, h?.name, h?.matchedName, h?.score, lists, h?.explanation.summary, r.hits.length ? JSON.stringify(r.hits) : '', ...auditCells(audit, h, r.threshold, first)]
    .map(csvCell)
    .join(',');
}

/** Options of a `BatchWriter`. */
export interface BatchWriterOptions {
  /** CSV: start the file with a UTF-8 byte-order mark (for Excel). Ignored for JSONL. */
  bom?: boolean;
  /** What the audit columns (CSV) and the first record's `coverage` (JSONL) carry. */
  audit?: CsvAuditContext;
}

/**
 * Writes records to a stream as JSONL or CSV, waiting for the stream to drain so memory stays flat.
 * With `audit.coverage`, the first JSONL record carries the batch's `coverage` (`withCoverage`) and
 * the first CSV row its JSON in the `coverage` column.
 */
export class BatchWriter {
  private started = false;
  private rows = 0;
  // Records are gathered into ~64 KB writes: one write per record costs more than screening it.
  private buf = '';
  constructor(private readonly out: Writable, private readonly format: 'jsonl' | 'csv', private readonly opts: BatchWriterOptions = {}) {}

  private head(): string {
    return this.format === 'csv' ? (this.opts.bom ? UTF8_BOM : '') + CSV_OUTPUT_COLUMNS.join(',') + '\n' : '';
  }

  async write(r: BatchRecord): Promise<void> {
    let text = '';
    if (!this.started) text += this.head();
    this.started = true;
    const first = this.rows++ === 0;
    if (this.format === 'csv') text += recordToCsv(r, this.opts.audit, first) + '\n';
    else text += (first ? withCoverage(JSON.stringify(r), this.opts.audit?.coverage) : JSON.stringify(r)) + '\n';
    this.buf += text;
    if (this.buf.length >= 65536) await this.flush();
  }

  /** Writes a screened chunk; JSONL copies its lines as they are (the file's first gets the coverage). */
  async writeChunk(chunk: BatchChunk): Promise<void> {
    if (this.format === 'csv') {
      for (const line of chunk.lines) await this.write(JSON.parse(line) as BatchRecord);
      return;
    }
    const bytes = jsonlOf(chunk);
    if (bytes) return this.writeJsonl(bytes, chunkRows(chunk));
    if (!chunk.lines.length) return;
    this.started = true;
    if (this.rows === 0 && this.opts.audit?.coverage) {
      this.buf += withCoverage(chunk.lines[0]!, this.opts.audit.coverage) + '\n';
      if (chunk.lines.length > 1) this.buf += chunk.lines.slice(1).join('\n') + '\n';
    } else this.buf += chunk.lines.join('\n') + '\n';
    this.rows += chunk.lines.length;
    if (this.buf.length >= 65536) await this.flush();
  }

  /** Writes JSON lines given as UTF-8 bytes (each line ending in \n) as they are, after what is buffered. */
  private async writeJsonl(bytes: Uint8Array, rows: number): Promise<void> {
    if (!rows) return;
    this.started = true;
    if (this.rows === 0 && this.opts.audit?.coverage) {
      const nl = bytes.indexOf(10);
      this.buf += withCoverage(Buffer.from(bytes.buffer, bytes.byteOffset, nl).toString('utf8'), this.opts.audit.coverage) + '\n';
      bytes = bytes.subarray(nl + 1);
    }
    this.rows += rows;
    await this.flush();
    if (bytes.length && !this.out.write(bytes)) await once(this.out, 'drain');
  }

  private async flush(): Promise<void> {
    const b = this.buf;
    this.buf = '';
    if (b && !this.out.write(b)) await once(this.out, 'drain');
  }

  /** Ends the stream (writing the CSV header if nothing was written) and waits until it is flushed. */
  async end(): Promise<void> {
    if (!this.started) this.buf = this.head() + this.buf;
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }
}

/** The output format named by a file's extension: `.csv` → csv, anything else → jsonl. */
export function formatForPath(p: string): 'jsonl' | 'csv' {
  return p.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl';
}
