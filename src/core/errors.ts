/**
 * Typed errors. Code raises `ListwatchError` with a code; only the edges (CLI, HTTP server)
 * map codes to exit codes and HTTP statuses (see `src/cli/exit.ts`, `src/server/errors.ts`).
 */

/** Every error code listwatch raises on purpose. */
export type ErrorCode =
  | 'BAD_INPUT' // a wrong argument, date, option
  | 'BAD_FILE' // a file that cannot be read as its format says (columns, encoding, truncation)
  | 'ROW_COUNT_DROP' // an import that would drop > 20 % of a list without --force
  | 'NOT_FOUND'
  | 'TOO_LARGE'
  | 'CONFLICT'
  | 'UNAUTHORIZED' // no valid API key or session (HTTP 401)
  | 'FORBIDDEN' // a valid key whose role may not do this (HTTP 403)
  | 'RATE_LIMITED' // too many requests for this key (HTTP 429)
  | 'UPSTREAM' // an official source (or a webhook / SMTP server) failed to answer after retries
  | 'UNAVAILABLE' // something the machine lacks (a font for PDF reports) (HTTP 503)
  | 'STORE' // the database failed
  | 'INTERNAL';

/** An error with a code and, for file problems, where it happened. */
export class ListwatchError extends Error {
  readonly code: ErrorCode;
  /** File, line and field, when the problem is in an input file. */
  readonly where?: { file?: string; line?: number; field?: string };

  constructor(code: ErrorCode, message: string, where?: { file?: string; line?: number; field?: string }, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ListwatchError';
    this.code = code;
    if (where) this.where = where;
  }
}

/** True when `e` is a ListwatchError (of the given code, if one is given). */
export function isListwatchError(e: unknown, code?: ErrorCode): e is ListwatchError {
  return e instanceof ListwatchError && (code === undefined || e.code === code);
}
