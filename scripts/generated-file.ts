/**
 * How every table generator writes its file: the text as worked out, or with `--check` on the
 * command line, nothing: the file is compared with the text and a stale one is reported (exit
 * code 1), so a test can tell that a change to the normalisation or the data left a shipped table
 * behind (src/core/normalise/generated-tables.test.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const CHECK = process.argv.includes('--check');

/** Writes `text` to `dest`, or under `--check` reports whether `dest` already holds exactly it. */
export function writeGenerated(dest: string, text: string): void {
  if (!CHECK) {
    writeFileSync(dest, text);
    return;
  }
  const same = existsSync(dest) && readFileSync(dest, 'utf8') === text;
  if (!same) {
    process.exitCode = 1;
    console.error(`stale: ${path.relative(process.cwd(), dest)} differs from what its generator works out now; run it without --check`);
  }
}

/** The SHA-256 of a source file's bytes in hex, as every generated table's header cites its sources. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
