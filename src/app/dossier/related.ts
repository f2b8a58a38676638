import { inInterval } from '../../core/dates.js';
import type { Designation, Entity, IsoDate } from '../../core/model.js';
import { ancestors, descendants, indexRelations, type Reached, type RelationIndex } from '../../core/relations/graph.js';
import type { ParentLink } from '../../core/rules/evaluate.js';
import type { RecordReader } from '../snapshot/reader.js';
import type { RelatedEntity } from '../types.js';

/** An entity reached through relations, with its designations and listing state on asOf. */
export interface RelatedInfo extends RelatedEntity {
  path: string[];
  designations: Designation[];
  /** Has a designation known on asOf (from ≤ asOf), in force or not. */
  everListed: boolean;
}

/** Relations loaded once and walked per entity; designations and names fetched as needed. */
export class RelatedLookup {
  private index: Promise<RelationIndex> | null = null;
  constructor(private readonly store: RecordReader) {}

  /** The relation index over every relation in the store (loaded on first use, then reused). */
  relations(): Promise<RelationIndex> {
    this.index ??= this.store.getRelations().then(indexRelations);
    return this.index;
  }

  /** Forgets the cached relations (after an import). */
  reset(): void {
    this.index = null;
  }

  /** Parents (walking up) and subsidiaries (walking down) of one entity, each with its listing state on asOf. */
  async around(entityId: string, asOf: IsoDate): Promise<{ parents: RelatedInfo[]; subsidiaries: RelatedInfo[] }> {
    const idx = await this.relations();
    const up = ancestors(entityId, idx);
    const down = descendants(entityId, idx);
    const ids = [...new Set([...up, ...down].map((r) => r.entityId))];
    if (!ids.length) return { parents: [], subsidiaries: [] };
    const [entities, designations] = await Promise.all([this.store.getEntities(ids), Promise.all(ids.map((id) => this.store.getDesignations({ entityId: id })))]);
    const names = new Map(entities.map((e: Entity) => [e.id, e.name]));
    const des = new Map(ids.map((id, i) => [id, designations[i] ?? []]));
    const info = (r: Reached): RelatedInfo => {
      const ds = (des.get(r.entityId) ?? []).filter((d) => d.from <= asOf);
      const active = ds.filter((d) => inInterval(asOf, d.from, d.to));
      return { entityId: r.entityId, name: names.get(r.entityId) ?? r.entityId, active: active.length > 0, lists: [...new Set(active.map((d) => d.listId))], relation: r.relation, path: r.path, designations: ds, everListed: ds.length > 0 };
    };
    return { parents: up.map(info), subsidiaries: down.map(info) };
  }
}

/** Listed parents as the rules evaluator wants them (subsidiary-first paths). */
export function parentLinks(parents: readonly RelatedInfo[]): ParentLink[] {
  return parents.filter((p) => p.everListed).map((p) => ({ parentId: p.entityId, parentName: p.name, path: p.path, designations: p.designations }));
}
