import type { Designation, Entity, EntityVersion, ListDef, ListEvent, Publication, Relation, Source } from '../../core/model.js';
import type { EventQuery, Store } from '../../store/store.js';
import type { RecordReader } from './reader.js';
import { keptPromise } from '../promise-cache.js';

type PubMeta = Publication;

const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => {
  const xs = m.get(k);
  if (xs) xs.push(v);
  else m.set(k, [v]);
};

/**
 * One revision of the record held in memory, answering the `RecordReader` reads with the store's
 * answers (same objects, same order) and no database work: lists, sources, publications, entities,
 * designations, relations and events, each read once in bulk by `load`; a publication's entries and
 * an entity's versions are read once on first use (the store has no bulk read of them) and kept. The server keeps one per store revision
 * (replaced when the revision moves), so the read routes cost no statements on the request path.
 * Callers must not mutate what it returns (it is shared by every request of the revision).
 */
export class RecordSnapshot implements RecordReader {
  private readonly listById: Map<string, ListDef>;
  private readonly pubsByList = new Map<string, PubMeta[]>();
  private readonly pubById = new Map<string, PubMeta>();
  private readonly fullPubs = new Map<string, Promise<Publication | null>>();
  private readonly versions = new Map<string, Promise<EntityVersion[]>>();
  private readonly entityById: Map<string, Entity>;
  /** Position of each entity in the store's order (by id), to keep that order on lookups. */
  private readonly entityPos: Map<string, number>;
  private readonly desByEntity = new Map<string, Designation[]>();
  private readonly desByList = new Map<string, Designation[]>();
  private readonly relsByEntity = new Map<string, Relation[]>();
  private readonly sourceById: Map<string, Source>;

  private constructor(
    private readonly store: Pick<Store, 'getPublication' | 'getEntityVersions'>,
    private readonly sources: Source[],
    private readonly lists: ListDef[],
    private readonly publications: PubMeta[],
    private readonly entities: Entity[],
    private readonly designations: Designation[],
    private readonly relations: Relation[],
    private readonly events: ListEvent[],
  ) {
    this.sourceById = new Map(sources.map((s) => [s.id, s]));
    this.listById = new Map(lists.map((l) => [l.id, l]));
    for (const p of publications) {
      this.pubById.set(p.id, p);
      push(this.pubsByList, p.listId, p);
    }
    this.entityById = new Map(entities.map((e) => [e.id, e]));
    this.entityPos = new Map(entities.map((e, i) => [e.id, i]));
    for (const d of designations) {
      push(this.desByEntity, d.entityId, d);
      push(this.desByList, d.listId, d);
    }
    for (const r of relations) {
      push(this.relsByEntity, r.entityId, r);
      if (r.parentId !== r.entityId) push(this.relsByEntity, r.parentId, r);
    }
  }

  /**
   * Reads the record in bulk (seven statements, whatever its size). Read the store's revision
   * BEFORE calling this: a change racing the load is then picked up by the next revision check.
   */
  static async load(store: Store): Promise<RecordSnapshot> {
    // One after the other: PGlite runs one statement at a time anyway, and PostgreSQL's pool is
    // better left to the requests.
    const sources = await store.getSources();
    const lists = await store.getLists();
    const publications = await store.getPublications();
    const entities = await store.getEntities();
    const designations = await store.getDesignations();
    const relations = await store.getRelations();
    const events = await store.getEvents();
    return new RecordSnapshot(store, sources, lists, publications, entities, designations, relations, events);
  }

  async getSources(ids?: string[]): Promise<Source[]> {
    if (!ids) return this.sources;
    const want = new Set(ids);
    return this.sources.filter((s) => want.has(s.id));
  }

  async getLists(): Promise<ListDef[]> {
    return this.lists;
  }

  async getList(id: string): Promise<ListDef | null> {
    return this.listById.get(id) ?? null;
  }

  async getPublications(listId?: string): Promise<Publication[]> {
    return listId === undefined ? this.publications : (this.pubsByList.get(listId) ?? []);
  }

  /** With its entries: read from the store on first use, then kept (a stored publication never changes). */
  getPublication(id: string): Promise<Publication | null> {
    if (!this.pubById.has(id)) return Promise.resolve(null);
    return keptPromise(this.fullPubs, id, () => this.store.getPublication(id));
  }

  async getEntity(id: string): Promise<Entity | null> {
    return this.entityById.get(id) ?? null;
  }

  async getEntities(ids?: string[]): Promise<Entity[]> {
    if (!ids) return this.entities;
    const want = new Set(ids);
    // Few ids: look them up and restore the store's order (by id); many: filter in order.
    if (want.size * 8 < this.entities.length) {
      const out: Entity[] = [];
      for (const id of want) {
        const e = this.entityById.get(id);
        if (e) out.push(e);
      }
      return out.sort((a, b) => this.entityPos.get(a.id)! - this.entityPos.get(b.id)!);
    }
    return this.entities.filter((e) => want.has(e.id));
  }

  /** Read from the store on first use, then kept for this revision. */
  getEntityVersions(entityId: string): Promise<EntityVersion[]> {
    return keptPromise(this.versions, entityId, () => this.store.getEntityVersions(entityId));
  }

  async countEntities(): Promise<number> {
    return this.entities.length;
  }

  async getDesignations(q: { entityId?: string; listId?: string } = {}): Promise<Designation[]> {
    if (q.entityId !== undefined) {
      const xs = this.desByEntity.get(q.entityId) ?? [];
      return q.listId === undefined ? xs : xs.filter((d) => d.listId === q.listId);
    }
    if (q.listId !== undefined) return this.desByList.get(q.listId) ?? [];
    return this.designations;
  }

  async getRelations(entityId?: string): Promise<Relation[]> {
    return entityId === undefined ? this.relations : (this.relsByEntity.get(entityId) ?? []);
  }

  async getEvents(q: EventQuery = {}): Promise<ListEvent[]> {
    const { entityId, listId, kind, since, until } = q;
    if (entityId === undefined && listId === undefined && kind === undefined && since === undefined && until === undefined) return this.events;
    return this.events.filter((e) => (entityId === undefined || e.entityIds.includes(entityId))
      && (listId === undefined || e.listIds.includes(listId))
      && (kind === undefined || e.kind === kind)
      && (since === undefined || e.date >= since)
      && (until === undefined || e.date <= until));
  }
}
