import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { parse } from 'csv-parse';
import { ListwatchError } from '../../core/errors.js';
import type { BatchChunk, BatchRecord, BatchRow } from './batch-core.js';

/**
 * Streams the rows of a batch CSV: a header with a `name` column and optional `id` and
 * `as_of` columns (any order, case-insensitive, BOM tolerated). Yields rows with their
 * 1-based file line. Throws BAD_FILE when the header has no `name` column or the CSV is broken.
 */
export async function* readBatchCsv(input: Readable, file = 'input'): AsyncGenerator<BatchRow> {
  const parser = input.pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: false }));
  let cols: { name: number; id: number; asOf: number } | null = null;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const r = rec.record;
      if (!cols) {
        const h = r.map((x) => x.trim().toLowerCase());
        cols = { name: h.indexOf('name'), id: h.indexOf('id'), asOf: h.indexOf('as_of') };
        if (cols.name < 0) throw new ListwatchError('BAD_FILE', `the header has no "name" column (found: ${r.join(', ')})`, { file, line: rec.info.lines });
        continue;
      }
      const row: BatchRow = { line: rec.info.lines, name: r[cols.name] ?? '' };
      if (cols.id >= 0 && r[cols.id] !== undefined) row.id = r[cols.id] ?? '';
      if (cols.asOf >= 0 && (r[cols.asOf] ?? '').trim() !== '') row.asOf = r[cols.asOf] ?? '';
      yield row;
    }
  } catch (e) {
    if (e instanceof ListwatchError) throw e;
    throw new ListwatchError('BAD_FILE', `cannot read CSV: ${e instanceof Error ? e.message : String(e)}`, { file }, { cause: e });
  }
}

/** Columns of the CSV output: one row per input row, the best hit flattened, all hits as JSON. */
export const CSV_OUTPUT_COLUMNS = ['id', 'line', 'query', 'as_of', 'error', 'hit_count', 'active', 'entity_id', 'name', 'matched_name', 'score', 'lists', 'explanation', 'hits_json'] as const;

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line for a record (without the newline). */
export function recordToCsv(r: BatchRecord): string {
  if (r.error !== undefined) return [r.id, r.line, r.query, '', r.error, '', '', '', '', '', '', '', '', ''].map(csvCell).join(',');
  const h = r.hits[0];
  const lists = h ? h.designations.map((d) => `${d.list}${d.active ? '' : ' (inactive)'}`).join('; ') : '';
  return [r.id, r.line, r.query, r.asOf, '', r.hits.length, r.hits.some((x) => x.active), h?.entityId, h?.name, h?.matchedName, h?.score, lists, h?.explanation.summary, r.hits.length ? JSON.stringify(r.hits) : '']
    .map(csvCell)
    .join(',');
}

/** Writes records to a stream as JSONL or CSV, waiting for the stream to drain so memory stays flat. */
export class BatchWriter {
  private started = false;
  // Records are gathered into ~64 KB writes: one write per record costs more than screening it.
  private buf = '';
  constructor(private readonly out: Writable, private readonly format: 'jsonl' | 'csv') {}

  async write(r: BatchRecord): Promise<void> {
    let text = '';
    if (!this.started && this.format === 'csv') text += CSV_OUTPUT_COLUMNS.join(',') + '\n';
    this.started = true;
    text += (this.format === 'csv' ? recordToCsv(r) : JSON.stringify(r)) + '\n';
    this.buf += text;
    if (this.buf.length >= 65536) await this.flush();
  }

  /** Writes a screened chunk; JSONL copies its lines as they are. */
  async writeChunk(chunk: BatchChunk): Promise<void> {
    if (this.format === 'csv') {
      for (const line of chunk.lines) await this.write(JSON.parse(line) as BatchRecord);
      return;
    }
    this.started = true;
    this.buf += chunk.lines.join('\n') + (chunk.lines.length ? '\n' : '');
    if (this.buf.length >= 65536) await this.flush();
  }

  private async flush(): Promise<void> {
    const b = this.buf;
    this.buf = '';
    if (b && !this.out.write(b)) await once(this.out, 'drain');
  }

  /** Ends the stream (writing the CSV header if nothing was written) and waits until it is flushed. */
  async end(): Promise<void> {
    if (!this.started && this.format === 'csv') this.buf = CSV_OUTPUT_COLUMNS.join(',') + '\n' + this.buf;
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }
}

/** The output format named by a file's extension: `.csv` → csv, anything else → jsonl. */
export function formatForPath(p: string): 'jsonl' | 'csv' {
  return p.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl';
}
