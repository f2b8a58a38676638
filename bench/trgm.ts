import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ScreenIndex } from '../src/core/match/types.js';

/**
 * The pg_trgm baseline: every indexed name in a PGlite table with a GIN trigram index,
 * queried with `similarity()` (the `%` operator at a low limit, then the best score per
 * entity). In-memory PGlite, so the figures are PostgreSQL's matching cost, not disk.
 */
export class TrigramBaseline {
  private constructor(private readonly db: PGlite) {}

  /** Loads the names of an index (one row per name, with its entity). */
  static async create(index: ScreenIndex, limit = 0.3): Promise<TrigramBaseline> {
    const db = new PGlite({ extensions: { pg_trgm } });
    await db.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE TABLE names (entity int NOT NULL, name text NOT NULL);');
    const rows = index.snapshot.names.map((n) => [n.entity, n.text] as const);
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const params: (string | number)[] = [];
      const values = chunk.map(([e, t], k) => {
        params.push(e, t);
        return `($${2 * k + 1}, $${2 * k + 2})`;
      });
      await db.query(`INSERT INTO names (entity, name) VALUES ${values.join(',')}`, params);
    }
    await db.exec('CREATE INDEX names_trgm ON names USING gin (name gin_trgm_ops); ANALYZE names;');
    await db.query(`SELECT set_limit($1)`, [limit]);
    return new TrigramBaseline(db);
  }

  /** The best similarity per entity for a query, best first (top 10, above the set limit). */
  async query(q: string): Promise<{ entity: number; score: number }[]> {
    const r = await this.db.query<{ entity: number; score: number }>(
      'SELECT entity, max(similarity(name, $1))::float8 AS score FROM names WHERE name % $1 GROUP BY entity ORDER BY score DESC LIMIT 10',
      [q],
    );
    return r.rows;
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
