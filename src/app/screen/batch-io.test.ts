import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { ListwatchError } from '../../core/errors.js';
import { readBatchCsv, rowsFromCsvRecords, splitPlainCsvLine, type CsvRecord } from './batch-io.js';
import type { BatchRow } from './batch-core.js';
import { prng } from '../../test-support/prng.js';

/** The reading readBatchCsv must reproduce: csv-parse on the whole input (its earlier implementation). */
async function* reference(input: Readable, file: string): AsyncGenerator<BatchRow> {
  const parser = input.pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: false }));
  async function* records(): AsyncGenerator<CsvRecord> {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) yield { record: rec.record, line: rec.info.lines };
  }
  yield* rowsFromCsvRecords(records(), file);
}

async function outcome(read: (i: Readable, f: string) => AsyncGenerator<BatchRow>, chunks: Buffer[]): Promise<unknown> {
  const rows: BatchRow[] = [];
  try {
    for await (const r of read(Readable.from(chunks), 'in.csv')) rows.push(r);
    return { rows };
  } catch (e) {
    const le = e as ListwatchError;
    return { rows, error: [le.code, le.message, JSON.stringify(le.where ?? null)] };
  }
}

const PIECES = ['Acme', 'Ltd.', '腾讯控股', ' ', '', 'a,b', 'say "hi"', 'x\ny', 'r\r\nn', '2024-01-01', 'é', '中國電信'];

function field(r: () => number): string {
  const p = PIECES[Math.floor(r() * PIECES.length)] ?? '';
  const k = r();
  if (k < 0.5) return p.includes(',') || p.includes('"') || p.includes('\n') || p.includes('\r') ? `"${p.replace(/"/g, '""')}"` : p;
  if (k < 0.8) return `"${p.replace(/"/g, '""')}"`;
  if (k < 0.9) return p; // possibly broken: a bare quote, comma or newline
  return ['"open', 'a"b', '"c"d', '""', '"'][Math.floor(r() * 5)] ?? '';
}

function csv(r: () => number): Buffer {
  const eol = r() < 0.7 ? '\n' : r() < 0.5 ? '\r\n' : '\r';
  const header = r() < 0.9 ? ['id', 'name', 'as_of'].sort(() => r() - 0.5).join(',') : 'id,company';
  const lines = [header];
  const n = Math.floor(r() * 12);
  for (let i = 0; i < n; i++) {
    if (r() < 0.1) { lines.push(''); continue; }
    const cols = 1 + Math.floor(r() * 4);
    lines.push(Array.from({ length: cols }, () => field(r)).join(','));
  }
  let text = (r() < 0.2 ? '\ufeff' : '') + lines.join(r() < 0.9 ? eol : '\n') + (r() < 0.7 ? eol : '');
  if (r() < 0.05) text = text.replace(/\n/, '\r\n');
  let bytes = Buffer.from(text, 'utf8');
  if (r() < 0.05) bytes = Buffer.concat([bytes.subarray(0, bytes.length >> 1), Buffer.from([0xff, 0xc3]), bytes.subarray(bytes.length >> 1)]);
  return bytes;
}

function split(r: () => number, b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at < b.length) {
    const len = 1 + Math.floor(r() * (r() < 0.5 ? 4 : 64));
    out.push(b.subarray(at, at + len));
    at += len;
  }
  return out;
}

test('splitPlainCsvLine: plain and quoted fields; null for what csv-parse must read', () => {
  assert.deepEqual(splitPlainCsvLine('a,,b'), ['a', '', 'b']);
  assert.deepEqual(splitPlainCsvLine('"a,b","say ""hi""",c,""'), ['a,b', 'say "hi"', 'c', '']);
  assert.equal(splitPlainCsvLine('"open,b'), null);
  assert.equal(splitPlainCsvLine('a"b,c'), null);
  assert.equal(splitPlainCsvLine('"c"d,e'), null);
  assert.equal(splitPlainCsvLine('a,b\r'), null);
});

test('readBatchCsv reads every CSV as csv-parse does: rows, line numbers, errors (2,000 random files, whole and in random pieces)', async () => {
  const r = prng(11);
  let errors = 0;
  let rows = 0;
  for (let k = 0; k < 2000; k++) {
    const bytes = csv(r);
    const what = JSON.stringify(bytes.toString('utf8'));
    // Read in one piece (a file up to 64 KB): the same rows, or the same error.
    const want = (await outcome(reference, [bytes])) as { rows: BatchRow[]; error?: unknown };
    const got = (await outcome(readBatchCsv, [bytes])) as { rows: BatchRow[]; error?: unknown };
    if (!want.error) assert.deepEqual(got, want, what);
    else {
      assert.deepEqual(got.error, want.error, what);
      // How many rows before the broken one csv-parse's stream hands out depends on its buffering.
      const n = Math.min(got.rows.length, want.rows.length);
      assert.deepEqual(got.rows.slice(0, n), want.rows.slice(0, n), what);
      errors++;
    }
    rows += want.rows.length;
    // In pieces: a readable file gives the same rows. For a broken one, which problem csv-parse's
    // stream reports first and how many rows it hands out before depend on its buffering; both fail as BAD_FILE.
    const pieces = split(r, bytes);
    const w = (await outcome(reference, pieces)) as { rows: BatchRow[]; error?: string[] };
    const g = (await outcome(readBatchCsv, pieces)) as { rows: BatchRow[]; error?: string[] };
    if (!w.error) assert.deepEqual(g, w, what);
    else {
      assert.equal(g.error?.[0], 'BAD_FILE', what);
      const n = Math.min(g.rows.length, w.rows.length);
      assert.deepEqual(g.rows.slice(0, n), w.rows.slice(0, n), what);
    }
  }
  // The random files must cover both readable and broken input.
  assert.ok(errors > 100 && rows > 2000, `${errors} errors, ${rows} rows`);
});
