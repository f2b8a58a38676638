import type { SqlExecutor } from './driver.js';

/** Rows per statement: big enough to amortise a round trip, small enough to keep one JSON parameter modest. */
export const CHUNK = 5000;

/**
 * Runs `sql` once per chunk of `rows`, passing the chunk as `$1` (a JSON array) so a statement
 * can read it with `json_to_recordset($1::json)`. `extra` become `$2`, `$3`…
 * One round trip per 5,000 rows instead of one per row. Returns the rows all statements returned.
 */
export async function forChunks<R = Record<string, unknown>>(
  tx: SqlExecutor,
  sql: string,
  rows: readonly unknown[],
  extra: unknown[] = [],
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    out.push(...(await tx.query<R>(sql, [JSON.stringify(chunk), ...extra])));
  }
  return out;
}
