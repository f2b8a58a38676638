/**
 * The listwatch record model: plain, serialisable data shared by the core, the store,
 * the importers, the CLI, the server and the UI. No behaviour lives here.
 *
 * Dates are ISO calendar dates `YYYY-MM-DD` (strings compare correctly); intervals are
 * half-open `[from, to)`, with `to = null` meaning "still in force".
 */

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** How a source may be relied on: P primary, S secondary, D derived (third-party transcription). */
export type SourceQuality = 'P' | 'S' | 'D';

/**
 * A citable source for a fact. Every fact shown to a user carries one.
 * `verified: false` means the facts sheet marks the item UNVERIFIED; it must stay visible as such.
 */
export interface Source {
  /** Stable id within the record, e.g. `fr-2025-00070` or `facts-S27`. */
  id: string;
  title: string;
  /** Publisher or author, e.g. "Department of Defense", "Federal Register", "Reuters". */
  publisher?: string;
  /** Date of the source document, if known. */
  date?: IsoDate;
  url?: string;
  quality: SourceQuality;
  /** Free text shown beside the source, e.g. "exact date UNVERIFIED: secondary sources differ". */
  note?: string;
}

/** A list the record keeps, e.g. `us-dod-1260h`. */
export interface ListDef {
  id: string;
  name: string;
  agency: string;
  legalBasis: string;
  /** Ids of sources (agency pages, statutes) describing the list. */
  sourceIds: string[];
  /** Free-form description for users. */
  description?: string;
}

/** The kind of a publication (a version or a dated change of a list). */
export type PublicationKind =
  | 'edition' // a full snapshot: membership = exactly its entries
  | 'addition' // an interim notice adding entries
  | 'removal' // a notice removing entries
  | 'redesignation' // removed on the old record and designated anew the same day (Hesai, Oct 2024)
  | 'withdrawn' // a document withdrawn before publication: no legal effect, never a removal
  | 'snapshot'; // an imported file (OFAC, CSL, …): treated as a full snapshot like an edition

/** One entry of a publication: which entity, as printed, with the basis text where printed. */
export interface PublicationEntry {
  entityId: string;
  /** The name exactly as the publication prints it. */
  printedName: string;
  /** The statutory basis / justification text printed beside it, if any. */
  basis?: string;
  /**
   * For `addition`/`removal`/`redesignation`/`withdrawn` notices: what the notice does to this entry.
   * `amend`: the notice changed an entry already in force (e.g. a later Entity List rule revising
   * an entry's names or addresses); it never opens or closes a designation.
   */
  action?: 'add' | 'remove' | 'amend';
  /**
   * The day the entry has been on the list since, when the file gives one (CSL `start_date`, OFAC
   * listing date) and it is earlier than the publication: the designation then starts on it.
   */
  since?: IsoDate;
}

/** A version of a list: an edition, an interim notice, a removal notice, a withdrawn document or an import. */
export interface Publication {
  /** Stable id, e.g. `us-dod-1260h/2025-01-07`. */
  id: string;
  listId: string;
  /** The date the publication takes effect for the record (release / effective date). */
  date: IsoDate;
  kind: PublicationKind;
  title: string;
  /** Citation, e.g. "FR Doc 2025-00070, 90 FR 1105". */
  citation?: string;
  url?: string;
  sourceIds: string[];
  /** The official entity count (what the government or press reported), if known. */
  entityCount?: number;
  /** sha256 of the imported content (hex), for imports; for the bundled dataset, of the canonical JSON of entries. */
  contentHash?: string;
  entries: PublicationEntry[];
  /** Free text, e.g. "withdrawn about an hour after placement on public inspection". */
  note?: string;
  /** False when the publication itself, or a detail of it, is UNVERIFIED in the facts. */
  verified?: boolean;
}

/** Kinds of entity names. */
export type NameKind =
  | 'printed' // as a list prints it
  | 'alias'
  | 'acronym'
  | 'previous' // a former name
  | 'zh-hans' // Chinese, simplified
  | 'zh-hant' // Chinese, traditional
  | 'zh-short' // a Chinese short form, e.g. 腾讯
  | 'short'; // an English short name

/** A name of an entity with its provenance. */
export interface EntityName {
  name: string;
  kind: NameKind;
  sourceIds: string[];
  /**
   * False for matching hints that are not sourced facts (e.g. `low`-confidence Chinese names):
   * they may help a screen find an entity but are always labelled "unverified" when shown.
   */
  verified: boolean;
}

/** An identifier of an entity. */
export interface Identifier {
  scheme: 'uscc' | 'ticker' | 'isin' | 'ofac-ent-num' | 'csl-id' | 'other';
  value: string;
  sourceIds: string[];
}

/** A parent/subsidiary link, as a list prints it. `entityId` is the subsidiary. */
export interface Relation {
  /** The subsidiary (or controlled) entity. */
  entityId: string;
  /** The parent (controlling) entity. */
  parentId: string;
  kind: 'subsidiary-of';
  sourceIds: string[];
  /** The text that states the link, e.g. "subsidiary of AVIC" as printed. */
  evidence?: string;
}

/** An address a list prints for an entity, with its provenance. */
export interface EntityAddress {
  /** The address text as printed. */
  text: string;
  /** ISO country code, where the list (or its country heading) gives one. */
  country?: string;
  sourceIds: string[];
}

/** An entity on one or more lists. */
export interface Entity {
  /** Stable slug, e.g. `tencent-holdings`. For imports, `<list>:<source key>`, e.g. `us-ofac-sdn:36`. */
  id: string;
  /** The canonical (display) name. */
  name: string;
  /** `organization` unless a list says otherwise. */
  type: 'organization' | 'person' | 'vessel' | 'aircraft' | 'other';
  names: EntityName[];
  identifiers: Identifier[];
  /** ISO country code if sourced, e.g. `CN`. */
  country?: string;
  /** Addresses as the lists print them (e.g. the Entity List's address column). */
  addresses?: EntityAddress[];
}

/**
 * An entity's attributes (canonical name, type, country, names, identifiers, addresses) as they
 * stood over `[from, to)`: carried by `fromPublication` until `toPublication` carried other ones.
 * Derived from publications, never written by hand (see migration 030 and `Store.apply`).
 */
export interface EntityVersion {
  /** The entity as it stood over the interval. */
  entity: Entity;
  /** Date of `fromPublication`; null when no publication lists the entity (it holds from the start). */
  from: IsoDate | null;
  fromPublication: string | null;
  /** Date of `toPublication`; null while the attributes still hold. */
  to: IsoDate | null;
  toPublication: string | null;
}

/**
 * An entity × list × interval. Derived from the publications of a list (see core/history):
 * `from` is the date of `addedBy`, `to` the date of `endedBy` (null while in force).
 */
export interface Designation {
  entityId: string;
  listId: string;
  from: IsoDate;
  to: IsoDate | null;
  addedBy: string;
  endedBy: string | null;
  /** Name as printed in the publication that added it (or the latest edition while in force). */
  printedName: string;
  /** The basis text DoD printed, where there is one (latest edition that prints one). */
  basis?: string;
  /**
   * True when the source gave no start date: `from` is then only the day the record first saw
   * the entity on the list ("first seen on `from`, start unknown"), so for a day before `from`
   * the record cannot say whether it was listed: the answer is "unknown", never "not listed".
   */
  startUnknown?: boolean;
}

/** Every kind of dated event on an entity or a list (the one list the validator, CLI and API use). */
export const EVENT_KINDS = [
  'designation',
  'removal',
  're-designation',
  'rename',
  'statement',
  'reconsideration-request',
  'lawsuit-filed',
  'court-ruling',
  'appeal',
  'withdrawn-publication',
  'proposal',
  'list-change', // recorded by an import diff
] as const;

/** Kinds of dated events on an entity or a list. */
export type EventKind = (typeof EVENT_KINDS)[number];

/** A dated, sourced happening. */
export interface ListEvent {
  id: string;
  date: IsoDate;
  /** True when only the month or year is known; `date` then holds the first day. */
  datePrecision?: 'day' | 'month' | 'year';
  kind: EventKind;
  title: string;
  /** Longer text; quotes stay quotes. */
  detail?: string;
  entityIds: string[];
  listIds: string[];
  /** For `proposal`: names urged that are not (yet) entities of the record. */
  namesUrged?: string[];
  /** For lawsuits and rulings. */
  court?: string;
  docket?: string;
  sourceIds: string[];
  /** False when the facts mark it UNVERIFIED. */
  verified: boolean;
}

/** The whole bundled dataset, as loaded from `data/`. */
export interface Dataset {
  sources: Source[];
  lists: ListDef[];
  entities: Entity[];
  relations: Relation[];
  publications: Publication[];
  events: ListEvent[];
}
