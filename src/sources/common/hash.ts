import { createHash } from 'node:crypto';

/** sha256 hex of bytes or a string (UTF-8). */
export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 of a JSON-serialisable value, for list slices of a split file. */
export function hashJson(value: unknown): string {
  return sha256(JSON.stringify(value));
}
