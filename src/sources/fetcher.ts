import type { IsoDate } from '../core/model.js';

/**
 * How listwatch keeps a source current by itself (`listwatch sync`). One `fetch.ts` per source
 * folder, beside its parser, exports one of these; `src/sources/fetchers.ts` lists them. A
 * fetcher only describes the source (official base URL, file names, how to read a response);
 * the HTTP, conditional requests, retries and writes are `src/app/sync/`.
 */
export type SourceFetcher = FileFetcher | ReviewFetcher;

/** One file of a file source, fetched as `<base>/<name>`. */
export interface FetchedFileSpec {
  /** The official file name, e.g. `sdn.csv`; also the name the import format recognises it by. */
  name: string;
  /** A companion file: a 404 means "not published", not a failure. */
  optional?: boolean;
}

/**
 * A source whose official files are imported with a `SourceFormat` (`format`): every file is
 * fetched under `baseUrl` by its official name and the set goes through `importFiles` with its
 * refusal rules (truncated, malformed, a drop of more than 20 %).
 */
export interface FileFetcher {
  kind: 'files';
  /** The `--source` id. */
  id: string;
  description: string;
  /** The official base URL, ending in `/` (configuration may replace it). */
  baseUrl: string;
  /** The import format the files are read with (`src/sources/registry.ts`). */
  format: string;
  files: FetchedFileSpec[];
}

/** What a review source asks for: a path under its base URL (official name, with a query when needed). */
export interface ReviewRequest {
  /** Stable key of the request (state is kept per key). */
  key: string;
  /** Relative to the base URL, e.g. `documents.json?conditions[term]=…`. */
  path: string;
}

/**
 * Something a person should look at: a new Federal Register document naming a list, or a changed
 * official page, with the link to it. Its `key` makes it raised once.
 */
export interface ReviewFinding {
  key: string;
  title: string;
  url: string;
  /** The document's publication date (a page change: the day it was noticed). */
  date: IsoDate;
  detail?: string;
}

/**
 * A source listwatch cannot import without a person or a parser (rule documents, HTML pages):
 * it is watched, and new or changed content becomes "review" items with their link.
 */
export interface ReviewFetcher {
  kind: 'review';
  id: string;
  description: string;
  baseUrl: string;
  /** The requests of one check; `since` is the day to look back to (documents published on or after it). */
  requests(since: IsoDate): ReviewRequest[];
  /**
   * Reads one response. `previousHash` is the normalised content hash stored for this request
   * (null on the first check). Returns the hash to store and the findings. Pure. BAD_FILE when the
   * body is not what the source publishes.
   */
  read(req: ReviewRequest, body: Uint8Array, url: string, previousHash: string | null, today: IsoDate): { hash: string; findings: ReviewFinding[] };
}
