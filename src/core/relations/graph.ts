import type { Relation } from '../model.js';

/** Relations indexed both ways, built once and walked many times. */
export interface RelationIndex {
  /** subsidiary id → relations naming its parents */
  up: ReadonlyMap<string, readonly Relation[]>;
  /** parent id → relations naming its subsidiaries */
  down: ReadonlyMap<string, readonly Relation[]>;
}

/** A related entity reached by walking relations, with the path that reached it. */
export interface Reached {
  entityId: string;
  /** Entity ids from the starting entity to this one, both included (subsidiary first when walking up). */
  path: string[];
  /** The relation of the last hop (the one touching `entityId`). */
  relation: Relation;
}

/** Indexes relations by subsidiary and by parent. */
export function indexRelations(relations: readonly Relation[]): RelationIndex {
  const up = new Map<string, Relation[]>();
  const down = new Map<string, Relation[]>();
  for (const r of relations) {
    up.set(r.entityId, [...(up.get(r.entityId) ?? []), r]);
    down.set(r.parentId, [...(down.get(r.parentId) ?? []), r]);
  }
  return { up, down };
}

function walk(start: string, idx: RelationIndex, dir: 'up' | 'down', maxDepth: number): Reached[] {
  const out: Reached[] = [];
  const seen = new Set([start]);
  let frontier: { id: string; path: string[] }[] = [{ id: start, path: [start] }];
  for (let depth = 0; depth < maxDepth && frontier.length; depth++) {
    const next: typeof frontier = [];
    for (const { id, path } of frontier) {
      const rels = (dir === 'up' ? idx.up.get(id) : idx.down.get(id)) ?? [];
      for (const r of rels) {
        const other = dir === 'up' ? r.parentId : r.entityId;
        if (seen.has(other)) continue; // cycles and diamonds: first (shortest) path wins
        seen.add(other);
        const p = [...path, other];
        out.push({ entityId: other, path: p, relation: r });
        next.push({ id: other, path: p });
      }
    }
    frontier = next;
  }
  return out;
}

/**
 * Every ancestor of `entityId` (parents, their parents, …), nearest first, each with the path
 * subsidiary → … → ancestor. Cycle-safe; stops after `maxDepth` hops (default 8).
 */
export function ancestors(entityId: string, idx: RelationIndex, maxDepth = 8): Reached[] {
  return walk(entityId, idx, 'up', maxDepth);
}

/** Every descendant of `parentId`, nearest first, each with the path parent → … → descendant. Cycle-safe. */
export function descendants(parentId: string, idx: RelationIndex, maxDepth = 8): Reached[] {
  return walk(parentId, idx, 'down', maxDepth);
}

/**
 * The listed parents of an entity: ancestors for which `isListed` holds, with the path that
 * reaches each (subsidiary first). An unlisted intermediate parent does not stop the walk,
 * since control passes through it.
 */
export function listedParents(entityId: string, idx: RelationIndex, isListed: (id: string) => boolean, maxDepth = 8): Reached[] {
  return ancestors(entityId, idx, maxDepth).filter((r) => isListed(r.entityId));
}

/** The listed subsidiaries of a parent (any depth), with the path parent → … → subsidiary. */
export function listedSubsidiaries(parentId: string, idx: RelationIndex, isListed: (id: string) => boolean, maxDepth = 8): Reached[] {
  return descendants(parentId, idx, maxDepth).filter((r) => isListed(r.entityId));
}
