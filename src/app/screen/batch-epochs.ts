import { entityEpoch } from '../../core/history/entity-epoch.js';
import type { IsoDate } from '../../core/model.js';
import { rowProblem, type BatchChunk, type BatchRow } from './batch-core.js';

/**
 * Screens rows that all share one date with the index of the names as they stood on it (the
 * caller's index or thread for that date), as a chunk in their order.
 */
export type ScreenRowsOn = (asOf: IsoDate, rows: BatchRow[]) => Promise<BatchChunk>;

/**
 * Per-row dates in a batch (issue #10): a chunk is screened with the index of the batch's date
 * (`asOf`); a row whose own `as_of` falls in another state of the names (`entityEpoch` over
 * `changeDates`) is screened again with the names as they stood on its date, and its line replaced.
 * Rows with a problem, without a date of their own or in the same state are left as they are; with
 * no change dates (the usual store) nothing is done. `chunk.lines` must be `rows` in order.
 */
export async function rescreenOtherEpochs(chunk: BatchChunk, rows: readonly BatchRow[], asOf: IsoDate, changeDates: readonly IsoDate[], screenOn: ScreenRowsOn): Promise<BatchChunk> {
  if (!changeDates.length) return chunk;
  const base = entityEpoch(changeDates, asOf);
  const groups = new Map<string, { asOf: IsoDate; at: number[] }>();
  rows.forEach((row, i) => {
    const own = row.asOf?.trim();
    if (!own || rowProblem(row) !== null) return;
    const epoch = entityEpoch(changeDates, own);
    if (epoch === base) return;
    const g = groups.get(epoch) ?? { asOf: own, at: [] };
    g.at.push(i);
    groups.set(epoch, g);
  });
  if (!groups.size) return chunk;
  const lines = [...chunk.lines];
  let withHits = chunk.withHits;
  // A record with hits has `"hits":[{`; inside a JSON string the quotes would be escaped.
  const hasHits = (line: string | undefined): boolean => line !== undefined && line.includes('"hits":[{');
  for (const g of groups.values()) {
    const again = await screenOn(g.asOf, g.at.map((i) => rows[i]!));
    g.at.forEach((i, k) => {
      if (hasHits(lines[i])) withHits--;
      lines[i] = again.lines[k]!;
      if (hasHits(lines[i])) withHits++;
    });
  }
  return { ...chunk, lines, withHits };
}
