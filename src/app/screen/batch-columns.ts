import type { DeletionTableData } from '../../core/match/deletion-table.js';
import type { BatchChunk, BatchRow, BatchScreenOptions } from './batch-core.js';

/**
 * A chunk of rows as a worker task: one array per field instead of one object per row.
 * Arrays of numbers and strings cross to a worker thread (structured clone) more cheaply
 * than as many small objects, on both sides of the copy.
 */
export interface ColumnTask {
  line: number[];
  name: string[];
  /** `undefined` where the row has no id. */
  id: (string | undefined)[];
  /** `undefined` where the row has no date of its own. */
  asOf: (string | undefined)[];
  /** `undefined` where the reader found nothing wrong with the row. */
  problem?: (string | undefined)[];
  opts: BatchScreenOptions;
  /** The shared deletion table for the worker's index (built on its first task); absent: the worker builds its own. */
  deletions?: DeletionTableData;
}

/** Packs rows into a column task. */
export function toColumns(rows: readonly BatchRow[], opts: BatchScreenOptions): ColumnTask {
  const n = rows.length;
  const t: ColumnTask = { line: new Array<number>(n), name: new Array<string>(n), id: new Array<string | undefined>(n), asOf: new Array<string | undefined>(n), opts };
  for (let i = 0; i < n; i++) {
    const r = rows[i] as BatchRow;
    t.line[i] = r.line;
    t.name[i] = r.name;
    t.id[i] = r.id;
    t.asOf[i] = r.asOf;
    if (r.problem !== undefined) (t.problem ??= new Array<string | undefined>(n))[i] = r.problem;
  }
  return t;
}

/** The rows of a column task, as `toColumns` received them (absent id/date stay absent). */
export function fromColumns(t: ColumnTask): BatchRow[] {
  const rows = new Array<BatchRow>(t.line.length);
  for (let i = 0; i < rows.length; i++) {
    const row: BatchRow = { line: t.line[i] as number, name: t.name[i] as string };
    const id = t.id[i];
    const asOf = t.asOf[i];
    if (id !== undefined) row.id = id;
    if (asOf !== undefined) row.asOf = asOf;
    const problem = t.problem?.[i];
    if (problem !== undefined) row.problem = problem;
    rows[i] = row;
  }
  return rows;
}

/** What a worker sends back for a task: the records as JSONL bytes (`screenChunkJsonl`; moved, not cloned) and the chunk's other fields. */
export interface WorkerChunk {
  jsonl: Uint8Array;
  rows: number;
  errors: BatchChunk['errors'];
  withHits: number;
}
