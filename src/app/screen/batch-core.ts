import { isIsoDate } from '../../core/dates.js';
import type { ScreenIndex } from '../../core/match/types.js';
import type { IsoDate } from '../../core/model.js';
import type { ScreenResult } from '../types.js';
import { screenWithIndex } from './screen.js';
import { AnswerMemo } from './answer-memo.js';
import type { WorkerChunk } from './batch-columns.js';

/** One input row of a batch: its line in the input file, an optional caller id, the name and an optional per-row date. */
export interface BatchRow {
  line: number;
  id?: string;
  name: string;
  asOf?: string;
  /** A problem the reader found (name over the length limit, control characters): the row becomes an error record. */
  problem?: string;
}

/** The result of one row: the screen result (plus id and line), or the reason the row was skipped. */
export type BatchRecord =
  | (ScreenResult & { line: number; id?: string; error?: undefined })
  | { line: number; id?: string; query: string; error: string };

/** Options every row of a batch shares. */
export interface BatchScreenOptions {
  /** Date for rows without their own `asOf` (the edge supplies today). */
  asOf: IsoDate;
  threshold?: number;
  limit?: number;
  includeInactive?: boolean;
}

/** Checks a row; returns the problem, or null when it can be screened. */
export function rowProblem(row: BatchRow): string | null {
  if (row.problem) return row.problem;
  if (!row.name || row.name.trim().length === 0) return 'empty name';
  if (row.asOf !== undefined && row.asOf.trim() !== '' && !isIsoDate(row.asOf.trim())) return `as_of "${row.asOf}" is not a date YYYY-MM-DD`;
  return null;
}

/**
 * Screens a chunk of rows with one index, in order. Bad rows become error records and
 * never stop the chunk. Used both in-process and inside worker threads.
 */
export function screenChunk(index: ScreenIndex, rows: readonly BatchRow[], opts: BatchScreenOptions): BatchRecord[] {
  return rows.map((row) => {
    const base = { line: row.line, ...(row.id !== undefined ? { id: row.id } : {}) };
    const problem = rowProblem(row);
    if (problem) return { ...base, query: row.name ?? '', error: problem };
    try {
      const asOf = row.asOf && row.asOf.trim() ? row.asOf.trim() : opts.asOf;
      const r = screenWithIndex(index, row.name, { ...opts, asOf });
      return { ...base, ...r };
    } catch (e) {
      return { ...base, query: row.name, error: e instanceof Error ? e.message : String(e) };
    }
  });
}

/** One screened chunk: each record as a JSON line (input order) and the rows that were skipped. */
export interface BatchChunk {
  /**
   * `JSON.stringify(record)` of each row's record, in input order (error records included). In a
   * chunk a worker thread screened, decoded from its bytes when first read, and frozen (`chunkFromJsonl`).
   */
  lines: string[];
  /** The skipped rows of the chunk (also present in `lines` as error records). */
  errors: { line: number; id?: string; query: string; error: string }[];
  /** Rows of the chunk with at least one hit. */
  withHits: number;
}

/**
 * Screen answers already given in this batch, per index: the JSON text of a record after its
 * line and id (`"query":…,"hits":[…]}`), and whether it has hits. A batch repeats names (the
 * same supplier or issuer on many rows), and screening is pure given the index, so a repeated
 * name gets the very same text without being screened again. Two generations of 25,000 answers
 * or 8 M characters (see answer-memo.ts): dropping everything when full, as before, screened
 * 149,000 of the bench's 200,000 rows; two generations screen 115,000, of which 107,000 are
 * distinct names (measured on bench/names.ts with two workers).
 */
const memos = new WeakMap<ScreenIndex, BatchMemos>();

interface MemoAnswer {
  body: string;
  hits: boolean;
}

/**
 * The memos of one index: `byName` holds the answers to the batch's own question (its options
 * and date, `question`) keyed by the name alone, so that a row asked on the batch's date (nearly
 * every row) looks its name up without first building a key string; `byKey` holds rows asked on
 * a date of their own, keyed by question and name. Another question (another batch on the same
 * index) starts `byName` afresh.
 */
interface BatchMemos {
  question: string;
  byName: AnswerMemo<MemoAnswer>;
  byKey: AnswerMemo<MemoAnswer>;
}

const answerSize = (a: MemoAnswer): number => a.body.length;
const nameMemo = (): AnswerMemo<MemoAnswer> => new AnswerMemo<MemoAnswer>(25_000, 8_000_000, answerSize);

function memosOf(index: ScreenIndex, question: string): BatchMemos {
  let m = memos.get(index);
  if (!m) memos.set(index, (m = { question, byName: nameMemo(), byKey: new AnswerMemo<MemoAnswer>(5_000, 2_000_000, answerSize) }));
  else if (m.question !== question) {
    m.question = question;
    m.byName = nameMemo();
  }
  return m;
}

/**
 * `toChunk(screenChunk(index, rows, opts))` in one pass, byte for byte: the JSON line of a
 * row without hits (most rows of a batch) is written directly instead of through an object,
 * and a name the batch already screened with the same date and options reuses its answer's text.
 * A row that cannot be screened becomes an error record.
 */
export function screenChunkLines(index: ScreenIndex, rows: readonly BatchRow[], opts: BatchScreenOptions): BatchChunk {
  const lines = new Array<string>(rows.length);
  const { errors, withHits } = screenRowsInto(index, rows, opts, (i, head, body) => {
    lines[i] = head + body;
  });
  return { lines, errors, withHits };
}

/**
 * `screenChunkLines` with the lines written straight to JSONL bytes (UTF-8, each line followed by
 * `\n`), as a worker sends them back: one buffer, moved (not copied) to the main thread, which
 * writes it as it is. (A thousand lines cloned as strings, joined and encoded again for the output
 * cost the main thread about as much CPU as reading the CSV, mostly in fresh memory for the big
 * strings.) The two parts of a line are encoded as they are (not joined into a string first).
 */
export function screenChunkJsonl(index: ScreenIndex, rows: readonly BatchRow[], opts: BatchScreenOptions): WorkerChunk {
  const out = jsonlScratch.start();
  const { errors, withHits } = screenRowsInto(index, rows, opts, (_i, head, body) => {
    out.put(head);
    out.put(body);
    out.newline();
  });
  return { jsonl: out.take(), rows: rows.length, errors, withHits };
}

/**
 * Screens rows in order, giving each row's JSON line to `put` in two parts (joined, they are
 * the line): the record's head (line and id) and the rest. A name the batch already screened with
 * the same date and options reuses its answer's text; a row that cannot be screened becomes an
 * error record (head empty).
 */
function screenRowsInto(index: ScreenIndex, rows: readonly BatchRow[], opts: BatchScreenOptions, put: (i: number, head: string, body: string) => void): { errors: BatchChunk['errors']; withHits: number } {
  const errors: BatchChunk['errors'] = [];
  let withHits = 0;
  const optsKey = `${opts.threshold ?? ''}\u0000${opts.limit ?? ''}\u0000${opts.includeInactive ?? ''}\u0000`;
  const memo = memosOf(index, `${optsKey}${opts.asOf}`);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as BatchRow;
    let error = rowProblem(row);
    if (!error) {
      const asOf = row.asOf && row.asOf.trim() ? row.asOf.trim() : opts.asOf;
      const own = asOf !== opts.asOf;
      const key = own ? `${optsKey}${asOf}\u0000${row.name}` : row.name;
      const m = own ? memo.byKey : memo.byName;
      let answer = m.get(key);
      if (!answer) {
        try {
          answer = answerText(screenWithIndex(index, row.name, own ? { ...opts, asOf } : opts));
          m.set(key, answer);
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
      }
      if (answer) {
        if (answer.hits) withHits++;
        put(i, recordHead(row), answer.body);
        continue;
      }
    }
    const rec = { line: row.line, ...(row.id !== undefined ? { id: row.id } : {}), query: row.name ?? '', error: error ?? '' };
    errors.push(rec);
    put(i, '', JSON.stringify(rec));
  }
  return { errors, withHits };
}

/** The text JSON.stringify gives a result after its record's line and id (written directly when it has no hits). */
function answerText(r: ScreenResult): { body: string; hits: boolean } {
  if (r.hits.length) return { body: JSON.stringify(r).slice(1), hits: true };
  // A batch asks one date and threshold (nearly) throughout: the text after the query is made once.
  if (r.asOf !== noHits.asOf || r.threshold !== noHits.threshold) {
    noHits.asOf = r.asOf;
    noHits.threshold = r.threshold;
    noHits.tail = `,"asOf":${JSON.stringify(r.asOf)},"threshold":${JSON.stringify(r.threshold)},"hits":[]}`;
  }
  return { body: `"query":${JSON.stringify(r.query)}${noHits.tail}`, hits: false };
}

/** The text after the query of the last answer without hits (`answerText`), with its date and threshold. */
const noHits: { asOf: string; threshold: number; tail: string } = { asOf: '', threshold: Number.NaN, tail: '' };

/** `{"line":…,"id":…,` as JSON.stringify writes a record's first keys (a key whose value is undefined is left out). */
function recordHead(row: BatchRow): string {
  let head = '{';
  if (row.line !== undefined) head += `"line":${JSON.stringify(row.line)},`;
  if (row.id !== undefined) head += `"id":${JSON.stringify(row.id)},`;
  return head;
}

/**
 * The JSONL bytes of chunks that came from a worker thread, by chunk object. Kept outside the
 * chunk so that a copy of it (`{ ...chunk, lines }`, as when some rows are screened again) has
 * none, and a writer then writes its lines instead of bytes that no longer match them.
 */
const jsonlOfChunks = new WeakMap<BatchChunk, { bytes: Uint8Array; rows: number }>();

/**
 * Text encoded as UTF-8 into one reused buffer (grown as needed), then copied out at its exact
 * size: a buffer sized first would need every string's byte length, which costs more than the
 * encoding (measured: the lines are joined strings, which V8 flattens to measure).
 */
class JsonlScratch {
  private buf = Buffer.allocUnsafeSlow(0); // grown on first use (to 256 KB at least)
  private at = 0;

  start(): this {
    this.at = 0;
    return this;
  }

  put(s: string): void {
    // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4).
    if (this.at + 3 * s.length > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(2 * this.buf.length, this.at + 3 * s.length, 1 << 18));
      this.buf.copy(bigger, 0, 0, this.at);
      this.buf = bigger;
    }
    this.at += this.buf.write(s, this.at, 'utf8');
  }

  newline(): void {
    if (this.at === this.buf.length) this.put('\n');
    else this.buf[this.at++] = 10;
  }

  /** The bytes written since `start`, in a buffer of their own (not the shared pool: it can be moved). */
  take(): Uint8Array {
    const out = Buffer.allocUnsafeSlow(this.at);
    this.buf.copy(out, 0, 0, this.at);
    return out;
  }
}

const jsonlScratch = new JsonlScratch();

/**
 * A chunk from the JSONL bytes of `rows` lines (as `screenChunkJsonl` writes them): `lines` is decoded from the bytes only when
 * read (a JSONL writer takes the bytes: `jsonlOf`), and then frozen, so the bytes can never
 * disagree with lines changed in place.
 */
export function chunkFromJsonl(bytes: Uint8Array, rows: number, errors: BatchChunk['errors'], withHits: number): BatchChunk {
  const chunk = { errors, withHits } as BatchChunk;
  Object.defineProperty(chunk, 'lines', {
    enumerable: true,
    configurable: true,
    get(): string[] {
      // Line by line: small strings in the young generation cost a fifth of one big string
      // split (measured; fresh memory for the big string is what costs).
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const lines = new Array<string>(rows);
      for (let i = 0, from = 0; i < rows; i++) {
        const nl = buf.indexOf(10, from);
        lines[i] = buf.toString('utf8', from, nl);
        from = nl + 1;
      }
      Object.freeze(lines);
      Object.defineProperty(chunk, 'lines', { value: lines, enumerable: true, writable: false, configurable: false });
      return lines;
    },
  });
  jsonlOfChunks.set(chunk, { bytes, rows });
  return chunk;
}

/** The chunk's lines as JSONL bytes when it was made by `chunkFromJsonl` (not a copy of it), else undefined. */
export function jsonlOf(chunk: BatchChunk): Uint8Array | undefined {
  return jsonlOfChunks.get(chunk)?.bytes;
}

/** The number of rows of a chunk (without decoding the lines of a `chunkFromJsonl` chunk). */
export function chunkRows(chunk: BatchChunk): number {
  return jsonlOfChunks.get(chunk)?.rows ?? chunk.lines.length;
}

/** Encodes screened records as a chunk of strings (the in-process form; a worker sends bytes instead, see `chunkFromJsonl`). */
export function toChunk(recs: readonly BatchRecord[]): BatchChunk {
  const chunk: BatchChunk = { lines: new Array<string>(recs.length), errors: [], withHits: 0 };
  recs.forEach((r, i) => {
    chunk.lines[i] = JSON.stringify(r);
    if (r.error !== undefined) chunk.errors.push(r);
    else if (r.hits.length) chunk.withHits++;
  });
  return chunk;
}

