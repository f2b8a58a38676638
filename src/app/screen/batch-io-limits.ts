import { ListwatchError } from '../../core/errors.js';

/**
 * Limits that keep a batch (CLI `screen --input`, HTTP jobs) from exhausting memory or CPU.
 * A row over `maxNameLength` is a per-row error (the batch goes on); more than `maxRows` rows
 * or a physical line longer than `maxLineBytes` is a per-request BAD_FILE naming the line
 * (reading stops before the input is buffered whole).
 */
export interface BatchLimits {
  /** Characters of one name (after trimming). Company names run to ~200; 1,000 leaves room. */
  maxNameLength: number;
  /** Data rows of one input (header excluded). */
  maxRows: number;
  /** Bytes of one physical line (or one CSV record, quoted line breaks included). */
  maxLineBytes: number;
}

/** The defaults: generous for real lists (10 M rows of names stream in flat memory), small enough to refuse abuse. */
export const DEFAULT_BATCH_LIMITS: Readonly<BatchLimits> = Object.freeze({ maxNameLength: 1000, maxRows: 10_000_000, maxLineBytes: 1024 * 1024 });

/**
 * Limits from environment-style settings (`LISTWATCH_BATCH_MAX_NAME`, `LISTWATCH_BATCH_MAX_ROWS`,
 * `LISTWATCH_BATCH_MAX_LINE_BYTES`), defaults for the ones not set. The caller (an entry point)
 * passes `process.env`. A value that is not a positive integer is BAD_INPUT naming the variable.
 */
export function batchLimitsFromEnv(env: Readonly<Record<string, string | undefined>>): BatchLimits {
  const read = (key: string, dflt: number): number => {
    const v = env[key];
    if (v === undefined || v === '') return dflt;
    if (!/^[1-9]\d{0,12}$/.test(v.trim())) throw new ListwatchError('BAD_INPUT', `${key}="${v}" is not a positive integer`, { field: key });
    return Number(v.trim());
  };
  return {
    maxNameLength: read('LISTWATCH_BATCH_MAX_NAME', DEFAULT_BATCH_LIMITS.maxNameLength),
    maxRows: read('LISTWATCH_BATCH_MAX_ROWS', DEFAULT_BATCH_LIMITS.maxRows),
    maxLineBytes: read('LISTWATCH_BATCH_MAX_LINE_BYTES', DEFAULT_BATCH_LIMITS.maxLineBytes),
  };
}

// C0 controls except tab, DEL, C1 controls: never part of a name, and the start of terminal escapes.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

/**
 * The per-row problem of a name under the limits, or null: too long (the matcher's work grows
 * with the length) or carrying control characters (NUL from a mis-decoded file, escape sequences).
 */
export function nameProblem(name: string, limits: Pick<BatchLimits, 'maxNameLength'> = DEFAULT_BATCH_LIMITS): string | null {
  const n = name.trim().length;
  if (n > limits.maxNameLength) return `name is ${n} characters long; the limit is ${limits.maxNameLength}`;
  if (CONTROL.test(name)) return 'name contains control characters (a file in another encoding, or binary data?)';
  return null;
}

/** Text encoding found at the start of a batch file. */
export type BatchEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The encoding of a file from its first bytes: a UTF-16 byte-order mark (FF FE / FE FF), or
 * a NUL in the first two bytes beside a non-NUL (UTF-16 text without a mark: a CSV never
 * starts with NUL), else UTF-8. Needs at least 2 bytes to tell UTF-16 (fewer: UTF-8).
 */
export function sniffEncoding(head: Uint8Array): BatchEncoding {
  if (head.length < 2) return 'utf-8';
  const [a, b] = [head[0]!, head[1]!];
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  if (a !== 0 && b === 0) return 'utf-16le';
  if (a === 0 && b !== 0) return 'utf-16be';
  return 'utf-8';
}

/**
 * Decodes a whole batch file (an upload) to text the same way the streaming reader does:
 * UTF-16 (LE/BE, mark or not) or UTF-8, the byte-order mark dropped. Invalid sequences become
 * U+FFFD (a name with one is screened as written; the row is not lost).
 */
export function decodeBatchBytes(bytes: Uint8Array): string {
  const enc = sniffEncoding(bytes);
  // TextDecoder drops the BOM of its own encoding (ignoreBOM: false).
  return new TextDecoder(enc).decode(bytes);
}
