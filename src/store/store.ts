import type {
  Designation,
  Entity,
  EntityVersion,
  EventKind,
  IsoDate,
  ListDef,
  ListEvent,
  Publication,
  Relation,
  Source,
} from '../core/model.js';
import type { SqlDriver } from './sql/driver.js';

/**
 * One change to the record, written by `Store.apply` in a single transaction:
 * either all of it lands or none of it does. The app layer computes it with the pure
 * core (history/diff) and hands it over; the store does no domain logic.
 */
export interface RecordChange {
  /** Inserted, or replaced when the id exists. */
  sources?: Source[];
  lists?: ListDef[];
  /**
   * Inserted, or replaced (names, identifiers, canonical name) when the id exists. Versioned
   * (`getEntityVersions`): an entity that a publication of this change lists is carried by the
   * earliest such publication: its previous attributes end on that publication's date and the new
   * ones hold from it (nothing changes when they are equal). An entity no publication of the change
   * lists is a correction of the record: its history is replaced by one version from the first
   * stored publication that lists it. `replaceOrigin` also drops the versions of that origin's entities.
   */
  entities?: Entity[];
  /** Inserted when new (same entityId, parentId, kind is one relation). */
  relations?: Relation[];
  /** Inserted; a publication id that exists already is a CONFLICT error. */
  publications?: Publication[];
  /** Designations to open (insert). */
  openDesignations?: Designation[];
  /** Designations to close: the open designation of entityId × listId gets `to` and `endedBy`. */
  closeDesignations?: { entityId: string; listId: string; to: IsoDate; endedBy: string }[];
  /** Designations whose printedName/basis changed while in force (e.g. a rename in a later edition). */
  updateDesignations?: { entityId: string; listId: string; printedName: string; basis?: string }[];
  events?: ListEvent[];
  /** Key/value metadata set in the same transaction (e.g. the bundled dataset's hash). */
  meta?: Record<string, string>;
  /**
   * Who owns the rows this change writes (sources, lists, entities, relations, publications,
   * events): `'dataset'` for the bundled dataset, `'import'` (the default) for imported files.
   */
  origin?: 'dataset' | 'import';
  /**
   * Applied FIRST: deletes every source, list, relation, publication and event of this origin;
   * entities of this origin that this change does not write and nothing else references are
   * deleted LAST. Reseeding the bundled dataset uses it so imported lists stay untouched.
   */
  replaceOrigin?: 'dataset' | 'import';
  /** Applied FIRST: deletes every designation of these lists (the caller re-derives them in this change). */
  resetDesignations?: string[];
}

/**
 * What a capability gets of the database: statements, scripts and transactions on one connection.
 * The same SQL dialect (PostgreSQL) on both engines.
 */
export type CapabilitySql = Pick<SqlDriver, 'engine' | 'query' | 'exec' | 'transaction'>;

/** Filters for reading events. */
export interface EventQuery {
  entityId?: string;
  listId?: string;
  kind?: EventKind;
  /** Events on or after this date. */
  since?: IsoDate;
  /** Events on or before this date. */
  until?: IsoDate;
}

/**
 * The narrow storage contract. Two engines implement it with one SQL dialect:
 * PGlite (embedded, a directory on disk; the default) and PostgreSQL (`DATABASE_URL`).
 * The same contract tests (`src/store/contract.test.ts`) run against both.
 *
 * All reads return plain model objects; lists come back in a stable order
 * (publications and events by date then id; entities by id).
 */
export interface Store {
  /** Which engine this is, for messages and `health`. */
  readonly engine: 'pglite' | 'postgres';

  /**
   * SQL for the app capabilities that own tables of their own (accounts, audit, watchlists,
   * alerts, sync, jobs: each a folder under `src/app/` with its migration and contract tests).
   * Never for the record's tables, which only `apply` writes.
   */
  readonly sql: CapabilitySql;

  /** Applies versioned migrations that have not run yet. Safe to call on every start. */
  migrate(): Promise<void>;

  /** Writes a change atomically. On any failure nothing of it is stored and the error is rethrown. */
  apply(change: RecordChange): Promise<void>;

  getMeta(key: string): Promise<string | null>;

  /**
   * The record's revision: an opaque string that changes with every successful `apply` (in the same
   * transaction) and with nothing else (not on a failed apply, not on job writes). Every store on the
   * same database sees the same value, so a long-running reader polls it to notice other writers.
   */
  getRevision(): Promise<string>;

  getSources(ids?: string[]): Promise<Source[]>;
  getLists(): Promise<ListDef[]>;
  getList(id: string): Promise<ListDef | null>;

  /** Publications without their entries (entries: []), optionally of one list. */
  getPublications(listId?: string): Promise<Publication[]>;
  /** One publication with its entries, or null. */
  getPublication(id: string): Promise<Publication | null>;
  /** The publication of a list with this content hash, if any (an unchanged re-import is a no-op). */
  findPublicationByHash(listId: string, contentHash: string): Promise<Publication | null>;

  getEntity(id: string): Promise<Entity | null>;
  /** Entities by id; unknown ids are skipped. */
  getEntities(ids?: string[]): Promise<Entity[]>;
  /** How many entities there are (cheap). */
  countEntities(): Promise<number>;

  /**
   * Entities as they stood on `date` (by id; unknown ids skipped): the version whose
   * `[from, to)` holds `date`; for a date before an entity's first version, that first version
   * (so an entity stays findable, with designations inactive then). Equal to `getEntities` for a
   * date on or after the last of `getEntityChangeDates`.
   */
  getEntitiesAsOf(date: IsoDate, ids?: string[]): Promise<Entity[]>;
  /** Every version of an entity's attributes, oldest first ([] for an unknown id). */
  getEntityVersions(entityId: string): Promise<EntityVersion[]>;
  /**
   * The dates on which some entity's attributes changed (a version ended), ascending: two dates
   * with no change date in `(d1, d2]` see the same entities, so an as-of index is keyed by it.
   */
  getEntityChangeDates(): Promise<IsoDate[]>;

  /** Designations, optionally of one entity and/or one list, ordered by from. */
  getDesignations(q?: { entityId?: string; listId?: string }): Promise<Designation[]>;
  /** Relations where the entity is the subsidiary or the parent. */
  getRelations(entityId?: string): Promise<Relation[]>;
  getEvents(q?: EventQuery): Promise<ListEvent[]>;

  close(): Promise<void>;
}
