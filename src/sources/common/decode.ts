import { ListwatchError } from '../../core/errors.js';

/** What `decodeText` did to the bytes, for the import's warnings. */
export interface Decoded {
  text: string;
  /** `utf-8`, or `windows-1252` when the format allows that fallback and UTF-8 failed. */
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
  warnings: string[];
}

/** 1-based line of byte offset `at` (counts LF bytes before it). */
function lineOf(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8, or -1. Only run on failure, so speed does not matter. */
function firstBadUtf8(bytes: Uint8Array): number {
  const dec = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search on prefixes; a prefix cut inside a multi-byte char also fails, hence `stream`.
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    try {
      dec.decode(bytes.subarray(0, mid), { stream: true });
      dec.decode(); // reset
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

/**
 * Decodes a list file. Strips a UTF-8 BOM and the MS-DOS end-of-file byte 0x1A that OFAC's
 * legacy CSVs end with (only at the very end; anywhere else it is data and stays, so the
 * column checks catch it). Invalid UTF-8 is BAD_FILE naming the line, unless
 * `latin1Fallback` (OFAC's legacy files were historically Windows-1252): then the text is
 * decoded as Windows-1252 and a warning says so.
 */
export function decodeText(bytes: Uint8Array, file: string, opts: { latin1Fallback: boolean }): Decoded {
  const warnings: string[] = [];
  const utf16 = utf16Of(bytes);
  if (utf16) {
    // Excel's "Unicode text" and PowerShell write UTF-16: decoded (mark dropped), not read as NUL-riddled UTF-8.
    let text: string;
    try {
      text = new TextDecoder(utf16, { fatal: true }).decode(bytes);
    } catch (e) {
      throw new ListwatchError('BAD_FILE', `${file}: invalid ${utf16.toUpperCase()} (an unpaired surrogate or an odd number of bytes: file truncated?)`, { file }, { cause: e });
    }
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === 0x1a) end--;
    warnings.push(`${file}: decoded as ${utf16.toUpperCase()}`);
    return { text: text.slice(0, end), encoding: utf16, warnings };
  }
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0x1a) end--;
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start, end);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', warnings };
  } catch {
    const at = firstBadUtf8(body);
    const line = lineOf(body, at);
    if (!opts.latin1Fallback) {
      throw new ListwatchError('BAD_FILE', `${file}, line ${line}: invalid UTF-8 (byte 0x${(body[at] ?? 0).toString(16)})`, { file, line });
    }
    warnings.push(`${file}, line ${line}: not valid UTF-8 (first bad byte here); decoded as Windows-1252`);
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252', warnings };
  }
}

/**
 * `utf-16le`/`utf-16be` when the bytes start with a UTF-16 byte-order mark, or with a NUL next
 * to a non-NUL (UTF-16 without a mark: no list file starts with NUL); otherwise null. The same
 * rule as the batch reader's (`src/app/screen/batch-io-limits.ts`), so every path reads alike.
 */
export function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 2) return null;
  const a = bytes[0]!;
  const b = bytes[1]!;
  if ((a === 0xff && b === 0xfe) || (a !== 0 && b === 0)) return 'utf-16le';
  if ((a === 0xfe && b === 0xff) || (a === 0 && b !== 0)) return 'utf-16be';
  return null;
}
