import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Key tokens: `lw_<id>_<secret>`, the id (12 hex) public and shown in `keys list`, the secret
 * 256 random bits. Only SHA-256 of the whole token is stored: with 256 bits of entropy a fast
 * hash is enough (nothing to brute-force), and it keeps the per-request check cheap.
 */

/** A freshly made token and what is stored of it. */
export interface NewToken {
  id: string;
  token: string;
  hash: string;
}

/** Makes a new random token. */
export function newToken(): NewToken {
  const id = randomBytes(6).toString('hex');
  const token = `lw_${id}_${randomBytes(32).toString('base64url')}`;
  return { id, token, hash: tokenHash(token) };
}

/** The stored hash of a token (hex SHA-256). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The id part of a well-formed token, or null. */
export function tokenId(token: string): string | null {
  const m = /^lw_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(token);
  return m ? m[1]! : null;
}

/** Constant-time comparison of a token with a stored hash. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(tokenHash(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
