import type { Designation, Entity, EntityVersion, IsoDate, ListDef, ListEvent, Publication, Relation, Source } from '../../core/model.js';
import type { CapabilitySql, EventQuery, RecordChange, Store } from '../store.js';
import type { SqlDriver, SqlExecutor } from './driver.js';
import { storeError } from './errors.js';
import { migrate } from './migrate.js';
import { toDesignation, toEntity, toEntityVersion, toEntry, toEvent, toList, toPublication, toRelation, toSource } from './rows.js';
import { trigramSearch, type TrigramHit } from './trgm.js';
import { writeChange } from './write.js';

/**
 * The one `Store` implementation, over any `SqlDriver` (PGlite or PostgreSQL: same SQL).
 * Database failures surface as `ListwatchError` (`CONFLICT` for duplicates, `STORE` otherwise).
 */
export class SqlStore implements Store {
  readonly engine: 'pglite' | 'postgres';

  constructor(private readonly driver: SqlDriver) {
    this.engine = driver.engine;
  }

  /** See `Store.sql`: the app capabilities' own tables, and benchmarks (e.g. pg_trgm similarity). */
  get sql(): CapabilitySql {
    return this.driver;
  }

  /** pg_trgm name search, the benchmark's baseline (see `trigramSearch`); not part of `Store`. */
  async trigramSearch(query: string, opts: { limit?: number; threshold?: number } = {}): Promise<TrigramHit[]> {
    try {
      return await trigramSearch(this.driver, query, opts);
    } catch (e) {
      throw storeError(e, 'searching names');
    }
  }

  async migrate(): Promise<void> {
    try {
      await migrate(this.driver);
    } catch (e) {
      throw storeError(e, 'migrating the store');
    }
  }

  async apply(change: RecordChange): Promise<void> {
    try {
      await this.driver.transaction(async (tx) => {
        await writeChange(tx, change);
        // Last, so concurrent applies serialise on this row only for the end of their transactions.
        await tx.query('INSERT INTO revision (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = revision.n + 1, changed_at = now()');
      });
    } catch (e) {
      throw storeError(e, 'writing a change');
    }
  }

  /** The counter of `revision` (migration 003) as a decimal string: one indexed row, cheap to poll. */
  getRevision(): Promise<string> {
    return this.read('the revision', async (db) => {
      const [row] = await db.query<{ n: number }>('SELECT n FROM revision WHERE id = 1');
      return String(row?.n ?? 0);
    });
  }

  private async read<T>(what: string, fn: (db: SqlExecutor) => Promise<T>): Promise<T> {
    try {
      return await fn(this.driver);
    } catch (e) {
      throw storeError(e, `reading ${what}`);
    }
  }

  getMeta(key: string): Promise<string | null> {
    return this.read('meta', async (db) => {
      const [row] = await db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
      return row ? row.value : null;
    });
  }

  getSources(ids?: string[]): Promise<Source[]> {
    return this.read('sources', async (db) => (ids
      ? await db.query('SELECT * FROM sources WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY id', [JSON.stringify(ids)])
      : await db.query('SELECT * FROM sources ORDER BY id')).map(toSource));
  }

  getLists(): Promise<ListDef[]> {
    return this.read('lists', async (db) => (await db.query('SELECT * FROM lists ORDER BY id')).map(toList));
  }

  getList(id: string): Promise<ListDef | null> {
    return this.read('a list', async (db) => {
      const [row] = await db.query('SELECT * FROM lists WHERE id = $1', [id]);
      return row ? toList(row) : null;
    });
  }

  getPublications(listId?: string): Promise<Publication[]> {
    return this.read('publications', async (db) => (listId
      ? await db.query('SELECT * FROM publications WHERE list_id = $1 ORDER BY date, id', [listId])
      : await db.query('SELECT * FROM publications ORDER BY date, id')).map((r) => toPublication(r)));
  }

  getPublication(id: string): Promise<Publication | null> {
    return this.read('a publication', async (db) => {
      const [row] = await db.query('SELECT * FROM publications WHERE id = $1', [id]);
      if (!row) return null;
      const entries = await db.query('SELECT * FROM publication_entries WHERE publication_id = $1 ORDER BY ord', [id]);
      return toPublication(row, entries.map(toEntry));
    });
  }

  /** The latest publication of the list with this hash, without its entries (entries: []). */
  findPublicationByHash(listId: string, contentHash: string): Promise<Publication | null> {
    return this.read('a publication', async (db) => {
      const [row] = await db.query('SELECT * FROM publications WHERE list_id = $1 AND content_hash = $2 ORDER BY date DESC, id DESC LIMIT 1', [listId, contentHash]);
      return row ? toPublication(row) : null;
    });
  }

  getEntity(id: string): Promise<Entity | null> {
    return this.read('an entity', async (db) => {
      const [row] = await db.query('SELECT * FROM entities WHERE id = $1', [id]);
      return row ? toEntity(row) : null;
    });
  }

  getEntities(ids?: string[]): Promise<Entity[]> {
    return this.read('entities', async (db) => (ids
      ? await db.query('SELECT * FROM entities WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY id', [JSON.stringify(ids)])
      : await db.query('SELECT * FROM entities ORDER BY id')).map(toEntity));
  }

  getEntitiesAsOf(date: IsoDate, ids?: string[]): Promise<Entity[]> {
    return this.read('entities as of a date', async (db) => (await db.query(
      `WITH v AS (
         SELECT DISTINCT ON (v.entity_id) v.entity_id AS id, v.name, v.type, v.country, v.names, v.identifiers, v.addresses
         FROM entity_versions v
         WHERE ($2::jsonb IS NULL OR v.entity_id IN (SELECT jsonb_array_elements_text($2::jsonb)))
         ORDER BY v.entity_id, ((v.from_date IS NULL OR v.from_date <= $1::date) AND (v.to_date IS NULL OR $1::date < v.to_date)) DESC,
           v.from_date NULLS FIRST, v.seq)
       SELECT * FROM v
       UNION ALL
       SELECT e.id, e.name, e.type, e.country, e.names, e.identifiers, e.addresses FROM entities e
       WHERE ($2::jsonb IS NULL OR e.id IN (SELECT jsonb_array_elements_text($2::jsonb)))
         AND NOT EXISTS (SELECT 1 FROM entity_versions x WHERE x.entity_id = e.id)
       ORDER BY id`, [date, ids ? JSON.stringify(ids) : null])).map(toEntity));
  }

  getEntityVersions(entityId: string): Promise<EntityVersion[]> {
    return this.read('entity versions', async (db) => (await db.query(
      'SELECT * FROM entity_versions WHERE entity_id = $1 ORDER BY from_date NULLS FIRST, seq', [entityId])).map(toEntityVersion));
  }

  getEntityChangeDates(): Promise<IsoDate[]> {
    return this.read('entity change dates', async (db) => (await db.query<{ d: string }>(
      'SELECT DISTINCT to_date AS d FROM entity_versions WHERE to_date IS NOT NULL ORDER BY d')).map((r) => r.d));
  }

  countEntities(): Promise<number> {
    return this.read('entities', async (db) => {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM entities');
      return row?.n ?? 0;
    });
  }

  getDesignations(q: { entityId?: string; listId?: string } = {}): Promise<Designation[]> {
    return this.read('designations', async (db) => (await db.query(
      `SELECT * FROM designations WHERE ($1::text IS NULL OR entity_id = $1) AND ($2::text IS NULL OR list_id = $2)
       ORDER BY from_date, list_id, entity_id, seq`, [q.entityId ?? null, q.listId ?? null])).map(toDesignation));
  }

  getRelations(entityId?: string): Promise<Relation[]> {
    return this.read('relations', async (db) => (entityId
      ? await db.query('SELECT * FROM relations WHERE entity_id = $1 OR parent_id = $1 ORDER BY entity_id, parent_id, kind', [entityId])
      : await db.query('SELECT * FROM relations ORDER BY entity_id, parent_id, kind')).map(toRelation));
  }

  getEvents(q: EventQuery = {}): Promise<ListEvent[]> {
    return this.read('events', async (db) => (await db.query(
      `SELECT * FROM events WHERE ($1::text IS NULL OR entity_ids @> jsonb_build_array($1::text))
         AND ($2::text IS NULL OR list_ids @> jsonb_build_array($2::text))
         AND ($3::text IS NULL OR kind = $3) AND ($4::date IS NULL OR date >= $4) AND ($5::date IS NULL OR date <= $5)
       ORDER BY date, id`, [q.entityId ?? null, q.listId ?? null, q.kind ?? null, q.since ?? null, q.until ?? null])).map(toEvent));
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
