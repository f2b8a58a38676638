import type { IsoDate } from '../model.js';
import type { TokenKind } from '../normalise/latin.js';
import type { DeletionTableData } from './deletion-table.js';
import type { WeightedTokens } from './latin-features.js';

/** One designation as the index keeps it: enough to mark a hit active/inactive and cite its source. */
export interface IndexedDesignation {
  list: string;
  listName: string;
  from: IsoDate;
  to: IsoDate | null;
  printedName: string;
  source: { publicationId: string; title: string; citation?: string; date: IsoDate; url?: string };
  /** The source gave no start: `from` is the day the record first saw it (see Designation.startUnknown). */
  startUnknown?: boolean;
  /** First day from which it rests on an UNVERIFIED fact (core/history/verified.ts); absent = verified. */
  unverifiedFrom?: IsoDate;
  /** First day a rule of its list applies, when later than `from` (a statute naming a company before its ban starts). */
  restrictionsFrom?: IsoDate;
}

/** An entity of the index. */
export interface IndexedEntity {
  id: string;
  name: string;
  type: string;
  designations: IndexedDesignation[];
  /** Identifiers a query may give instead of a name (ISIN, USCC, ticker, LEI), as the record holds them. */
  identifiers?: { scheme: string; value: string }[];
}

/** One name of an entity, analysed once when the index is built. */
export interface IndexedName {
  /** Position of the entity in `IndexSnapshot.entities`. */
  entity: number;
  text: string;
  kind: string;
  verified: boolean;
  /** `paren`: per token, printed in parentheses (see LatinForm.paren); absent when none is. */
  latin: { tokens: string[]; kinds: TokenKind[]; alts: (readonly string[] | null)[]; paren?: boolean[] } | null;
  han: { core: string; coreNoPlace: string; pinyin: string[] } | null;
}

/**
 * The serialisable part of a screen index: plain data that a worker thread receives
 * (structured clone) and turns into a `ScreenIndex` without re-running normalisation.
 */
export interface IndexSnapshot {
  version: 1;
  entities: IndexedEntity[];
  names: IndexedName[];
}

/**
 * The in-memory screen index: the snapshot plus lookup structures rebuilt from it.
 * Built once per process (see `buildIndex` / `indexFromSnapshot`).
 */
export interface ScreenIndex {
  snapshot: IndexSnapshot;
  /** Normalised identifier (see `identifierKeys`) → entities holding it, with the scheme and value as recorded. */
  identifiers: Map<string, { entity: number; scheme: string; value: string }[]>;
  /** Latin token → ids of names containing it. */
  tokens: Map<string, number[]>;
  /** An accepted alternative of a name token ("elec" → electric, electrical) → name ids. */
  altTokens: Map<string, number[]>;
  /** Every Latin token of the index, sorted (prefix search for abbreviations). */
  vocabulary: string[];
  /** Joined pinyin character bigram, numbered by occurrence ("an#1") → name ids. */
  pinyinChars: Map<string, number[]>;
  /** Length of the joined pinyin of the Chinese core → name ids. */
  pinyinByLength: Map<number, number[]>;
  /** Per name: length of its joined pinyin (0 without a Chinese name). */
  pinyinLength: number[];
  /**
   * Initials of 2–3 consecutive words of a person-shaped name that has another word besides ("jc"
   * of "Jean Claude Juncker") → name ids: where a query's initials may stand for given names (see initialsAt).
   */
  initials: Map<string, number[]>;
  /** Bitset of the hashes of every word some name writes as adjacent words (`joinFilter` in joined.ts): most query words skip the search for such names. */
  joinFilter: Uint32Array;
  /** `spellingKey` of each name at each word the one-word spelling rule may let differ → name ids (see spelling.ts). */
  spellingKeys: Map<number, number[]>;
  /** Memo of typo neighbours of indexed tokens, filled as queries need them (bounded by the vocabulary). */
  neighbourCache: Map<string, readonly string[]>;
  /** Bounded memo of typo neighbours of words the index does not hold (batches repeat them). */
  unknownNeighbourCache: Map<string, readonly string[]>;
  /** Every Latin token of the index, numbered in order of first appearance (the numbers `deletions` holds). */
  tokenList: string[];
  /** Deletion key (see `deletionKeys`: up to two deletions) → numbers of the tokens that produce it (a token is also its own key). */
  deletions: DeletionTableData;
  /** Per name: its Latin tokens with weights (IDF × kind factor), or null. Parallel to snapshot.names. All of one shape (`weightedTokens`). */
  latinNames: (WeightedTokens | null)[];
  /** Per name: Σ of its Latin weights (the denominator of its name coverage), 0 without Latin tokens. */
  nameWeight: Float64Array;
  /** Latin token → inverse document frequency over the indexed Latin names. */
  idf: Map<string, number>;
  /** IDF given to a token no indexed name has. */
  unknownIdf: number;
  /** Number of names holding a token above which its postings are skipped during candidate search. */
  commonDf: number;
  /** Number of names with a Chinese-script form. */
  hanNameCount: number;
  /** Han character bigram (or single character of a one-character core) → name ids. */
  hanGrams: Map<string, number[]>;
  /** Pinyin syllable bigram → name ids. */
  pinyinGrams: Map<string, number[]>;
  /** Every pinyin syllable that occurs in the index, for segmenting Latin queries. */
  syllables: Set<string>;
  /** Longest syllable length, bounds the segmentation search. */
  maxSyllable: number;
}
