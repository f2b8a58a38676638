import { ListwatchError } from '../../core/errors.js';

/** What `decodeText` did to the bytes, for the import's warnings. */
export interface Decoded {
  text: string;
  /** `utf-8`, or `windows-1252` when the format allows that fallback and UTF-8 failed. */
  encoding: 'utf-8' | 'windows-1252';
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
