import { isListwatchError } from '../core/errors.js';

/** Process exit codes of the CLI contract: 0 success, 2 bad input, 1 any other failure. */
export const EXIT = { OK: 0, FAILURE: 1, BAD_INPUT: 2 } as const;

/** Maps an error to the CLI exit code: input problems are 2, everything else 1. */
export function exitCodeFor(e: unknown): number {
  if (isListwatchError(e)) {
    switch (e.code) {
      case 'BAD_INPUT':
      case 'BAD_FILE':
      case 'ROW_COUNT_DROP':
      case 'NOT_FOUND':
      case 'TOO_LARGE':
        return EXIT.BAD_INPUT;
      default:
        return EXIT.FAILURE;
    }
  }
  return EXIT.FAILURE;
}

/** A one-line message for an error, naming file, line and field when known. */
export function describeError(e: unknown): string {
  if (isListwatchError(e)) {
    const w = e.where;
    const at = w ? [w.file, w.line !== undefined ? `line ${w.line}` : undefined, w.field ? `field ${w.field}` : undefined].filter(Boolean).join(', ') : '';
    return `${e.code}: ${e.message}${at && !e.message.includes(at) ? ` (${at})` : ''}`;
  }
  return e instanceof Error ? `error: ${e.message}` : `error: ${String(e)}`;
}
