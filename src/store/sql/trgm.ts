import { ListwatchError } from '../../core/errors.js';
import type { SqlDriver } from './driver.js';

/** One name found by trigram similarity. */
export interface TrigramHit {
  entityId: string;
  name: string;
  /** Name kind, or `canonical` for the entity's display name. */
  kind: string;
  /** pg_trgm `similarity()` of the lower-cased strings, 0..1. */
  score: number;
}

/**
 * The baseline the screening benchmark compares against: entity names whose pg_trgm similarity
 * to `query` is at least `threshold` (default 0.3), best first, at most `limit` (default 10), one
 * row per entity (its best name). Uses the GIN trigram index of migration 002; throws
 * `ListwatchError('STORE')` when the engine has no pg_trgm.
 */
export async function trigramSearch(db: SqlDriver, query: string, opts: { limit?: number; threshold?: number } = {}): Promise<TrigramHit[]> {
  return db.transaction(async (tx) => {
    const [ext] = await tx.query(`SELECT 1 AS ok FROM pg_extension WHERE extname = 'pg_trgm'`);
    if (!ext) throw new ListwatchError('STORE', 'pg_trgm is not available in this database');
    // `%` reads its threshold from this setting; SET LOCAL scope keeps it to this transaction.
    await tx.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(opts.threshold ?? 0.3)]);
    const rows = await tx.query<{ entity_id: string; name: string; kind: string; score: number }>(
      `SELECT DISTINCT ON (entity_id) entity_id, name, kind, similarity(lower(name), lower($1))::float8 AS score
       FROM entity_names WHERE lower(name) % lower($1)
       ORDER BY entity_id, score DESC, ord`, [query]);
    return rows
      .map((r) => ({ entityId: r.entity_id, name: r.name, kind: r.kind, score: r.score }))
      .sort((a, b) => b.score - a.score || a.entityId.localeCompare(b.entityId))
      .slice(0, opts.limit ?? 10);
  });
}
