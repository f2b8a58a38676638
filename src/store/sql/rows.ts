import type { Designation, Entity, EntityVersion, ListDef, ListEvent, Publication, PublicationEntry, Relation, Source } from '../../core/model.js';

/**
 * Row → model mappers. SQL NULL becomes an absent optional field, so a record read back
 * equals the one written (deepEqual), whichever engine stored it.
 */

type Row = Record<string, unknown>;

/** Sets `obj[key] = value` unless the value is SQL NULL. */
function opt<T extends object, K extends keyof T>(obj: T, key: K, value: unknown): void {
  if (value !== null && value !== undefined) obj[key] = value as T[K];
}

export function toSource(r: Row): Source {
  const s: Source = { id: r.id as string, title: r.title as string, quality: r.quality as Source['quality'] };
  opt(s, 'publisher', r.publisher);
  opt(s, 'date', r.date);
  opt(s, 'url', r.url);
  opt(s, 'note', r.note);
  return s;
}

export function toList(r: Row): ListDef {
  const l: ListDef = {
    id: r.id as string,
    name: r.name as string,
    agency: r.agency as string,
    legalBasis: r.legal_basis as string,
    sourceIds: r.source_ids as string[],
  };
  opt(l, 'description', r.description);
  return l;
}

export function toEntity(r: Row): Entity {
  const e: Entity = {
    id: r.id as string,
    name: r.name as string,
    type: r.type as Entity['type'],
    names: r.names as Entity['names'],
    identifiers: r.identifiers as Entity['identifiers'],
  };
  opt(e, 'country', r.country);
  opt(e, 'addresses', r.addresses);
  return e;
}

/** A row of `entity_versions` (migration 030): the entity's attributes over `[from_date, to_date)`. */
export function toEntityVersion(r: Row): EntityVersion {
  return {
    entity: toEntity({ ...r, id: r.entity_id }),
    from: (r.from_date as string | null) ?? null,
    fromPublication: (r.from_pub as string | null) ?? null,
    to: (r.to_date as string | null) ?? null,
    toPublication: (r.to_pub as string | null) ?? null,
  };
}

export function toRelation(r: Row): Relation {
  const rel: Relation = {
    entityId: r.entity_id as string,
    parentId: r.parent_id as string,
    kind: r.kind as Relation['kind'],
    sourceIds: r.source_ids as string[],
  };
  opt(rel, 'evidence', r.evidence);
  return rel;
}

export function toPublication(r: Row, entries: PublicationEntry[] = []): Publication {
  const p: Publication = {
    id: r.id as string,
    listId: r.list_id as string,
    date: r.date as string,
    kind: r.kind as Publication['kind'],
    title: r.title as string,
    sourceIds: r.source_ids as string[],
    entries,
  };
  opt(p, 'citation', r.citation);
  opt(p, 'url', r.url);
  opt(p, 'entityCount', r.entity_count);
  opt(p, 'contentHash', r.content_hash);
  opt(p, 'note', r.note);
  opt(p, 'verified', r.verified);
  return p;
}

export function toEntry(r: Row): PublicationEntry {
  const e: PublicationEntry = { entityId: r.entity_id as string, printedName: r.printed_name as string };
  opt(e, 'basis', r.basis);
  opt(e, 'action', r.action);
  opt(e, 'since', r.since);
  return e;
}

export function toDesignation(r: Row): Designation {
  const d: Designation = {
    entityId: r.entity_id as string,
    listId: r.list_id as string,
    from: r.from_date as string,
    to: (r.to_date as string | null) ?? null,
    addedBy: r.added_by as string,
    endedBy: (r.ended_by as string | null) ?? null,
    printedName: r.printed_name as string,
  };
  opt(d, 'basis', r.basis);
  if (r.start_unknown === true) d.startUnknown = true;
  return d;
}

export function toEvent(r: Row): ListEvent {
  const e: ListEvent = {
    id: r.id as string,
    date: r.date as string,
    kind: r.kind as ListEvent['kind'],
    title: r.title as string,
    entityIds: r.entity_ids as string[],
    listIds: r.list_ids as string[],
    sourceIds: r.source_ids as string[],
    verified: r.verified as boolean,
  };
  opt(e, 'datePrecision', r.date_precision);
  opt(e, 'detail', r.detail);
  opt(e, 'namesUrged', r.names_urged);
  opt(e, 'court', r.court);
  opt(e, 'docket', r.docket);
  return e;
}
