import { isIsoDate } from '../../core/dates.js';
import type { ScreenIndex } from '../../core/match/types.js';
import type { IsoDate } from '../../core/model.js';
import type { ScreenResult } from '../types.js';
import { screenWithIndex } from './screen.js';

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
  /** `JSON.stringify(record)` of each row's record, in input order (error records included). */
  lines: string[];
  /** The skipped rows of the chunk (also present in `lines` as error records). */
  errors: { line: number; id?: string; query: string; error: string }[];
  /** Rows of the chunk with at least one hit. */
  withHits: number;
}

/**
 * `toChunk(screenChunk(index, rows, opts))` in one pass, byte for byte: the JSON line of a
 * row without hits (most rows of a batch) is written directly instead of through an object.
 */
export function screenChunkLines(index: ScreenIndex, rows: readonly BatchRow[], opts: BatchScreenOptions): BatchChunk {
  const chunk: BatchChunk = { lines: new Array<string>(rows.length), errors: [], withHits: 0 };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as BatchRow;
    const problem = rowProblem(row);
    let error: string | null = problem;
    let r: ScreenResult | null = null;
    if (!problem) {
      const asOf = row.asOf && row.asOf.trim() ? row.asOf.trim() : opts.asOf;
      try {
        r = screenWithIndex(index, row.name, asOf === opts.asOf ? opts : { ...opts, asOf });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    if (r) {
      if (r.hits.length === 0 && typeof row.line === 'number') {
        // The same text JSON.stringify gives the record below, without building it.
        const head = row.id !== undefined ? `{"line":${JSON.stringify(row.line)},"id":${JSON.stringify(row.id)}` : `{"line":${JSON.stringify(row.line)}`;
        chunk.lines[i] = `${head},"query":${JSON.stringify(r.query)},"asOf":${JSON.stringify(r.asOf)},"threshold":${JSON.stringify(r.threshold)},"hits":[]}`;
      } else {
        if (r.hits.length) chunk.withHits++;
        chunk.lines[i] = JSON.stringify({ line: row.line, ...(row.id !== undefined ? { id: row.id } : {}), ...r });
      }
    } else {
      const rec = { line: row.line, ...(row.id !== undefined ? { id: row.id } : {}), query: row.name ?? '', error: error ?? '' };
      chunk.errors.push(rec);
      chunk.lines[i] = JSON.stringify(rec);
    }
  }
  return chunk;
}

/** Encodes screened records as a chunk (the form workers send back: strings clone cheaply). */
export function toChunk(recs: readonly BatchRecord[]): BatchChunk {
  const chunk: BatchChunk = { lines: new Array<string>(recs.length), errors: [], withHits: 0 };
  recs.forEach((r, i) => {
    chunk.lines[i] = JSON.stringify(r);
    if (r.error !== undefined) chunk.errors.push(r);
    else if (r.hits.length) chunk.withHits++;
  });
  return chunk;
}

