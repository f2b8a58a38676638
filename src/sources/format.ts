import type { Entity, ListDef, PublicationEntry } from '../core/model.js';

/** One file handed to a format: its name (for messages and roles) and its bytes. */
export interface InputFile {
  /** The path as the user gave it (messages, citation). */
  path: string;
  /** The base name, e.g. `sdn.csv`; formats recognise companion files by it. */
  name: string;
  bytes: Uint8Array;
}

/** Files that are imported together: one primary file and its companions (OFAC add/alt/comments). */
export interface ImportUnit {
  primary: string;
  /** Role → path, e.g. `{ sdn: '…/sdn.csv', alt: '…/alt.csv' }`. Includes the primary. */
  files: Record<string, string>;
}

/** What one list of an input holds after mapping. */
export interface ListSlice {
  /** Definition to create when the store does not know the list yet (existing ones are kept). */
  list: ListDef;
  /** The entries of the snapshot: one per entity, printed name and basis as the file gives them. */
  entries: PublicationEntry[];
  /** The entities those entries refer to (same ids), with names and identifiers. */
  entities: Entity[];
  /**
   * sha256 (hex) of the list's content. The whole input's bytes when the input carries one list;
   * for a file split into lists, of that list's raw records, so an untouched sub-list stays unchanged.
   */
  contentHash: string;
}

/** Context a format maps with: the id of the import's Source, to cite on names and identifiers. */
export interface LoadContext {
  sourceId: string;
  onProgress?: (msg: string) => void;
}

/** The mapped content of one import unit. */
export interface LoadedInput {
  /** Records read (data rows of the primary file, headers and skipped lines excluded). */
  rowCount: number;
  lists: ListSlice[];
  /** Defects repaired or skipped on the way, each naming file and line. */
  warnings: string[];
}

/**
 * A list file format: one folder under `src/sources/` with parse.ts (bytes → raw records),
 * map.ts (raw records → lists, entities, entries) and index.ts exporting this object;
 * registered by one line in `src/sources/registry.ts`.
 */
export interface SourceFormat {
  /** The `--format` name, e.g. `ofac-sdn`. */
  id: string;
  description: string;
  /** Quality of what it imports: P for verbatim government files, D for third-party transcriptions. */
  quality: 'P' | 'S' | 'D';
  /**
   * How imported entities meet entities already in the store on the same list:
   * `merge` (official files) reuses an entity in force with the same source key or name, adding
   * names and identifiers; `hint` (third-party files) keeps its own entities and only records a
   * `sameAs` identifier pointing at a matching entity of `hintListId`.
   */
  linking: { mode: 'merge' } | { mode: 'hint'; hintListId: string };
  /** Groups the given paths into import units (companion files join their primary). BAD_INPUT on a file it cannot place. */
  group(paths: string[]): ImportUnit[];
  /** Reads one unit (files already loaded, by role) into lists. BAD_FILE on broken input. */
  load(files: Record<string, InputFile>, ctx: LoadContext): Promise<LoadedInput>;
}
