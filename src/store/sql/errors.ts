import { ListwatchError } from '../../core/errors.js';

/**
 * Turns a database error into a ListwatchError: a unique violation is a CONFLICT, anything
 * else a STORE failure. ListwatchErrors pass through unchanged.
 */
export function storeError(e: unknown, doing: string): ListwatchError {
  if (e instanceof ListwatchError) return e;
  const err = e as { code?: string; message?: string; detail?: string };
  if (err?.code === '23505') return new ListwatchError('CONFLICT', `${doing}: ${err.detail ?? err.message ?? 'duplicate key'}`, undefined, { cause: e });
  return new ListwatchError('STORE', `${doing}: ${err?.message ?? String(e)}`, undefined, { cause: e });
}
