import { ListwatchError } from '../../core/errors.js';
import { getFetcher } from '../../sources/fetchers.js';

/**
 * Per-source base URLs from configuration text `id=URL,id=URL` (env `LISTWATCH_SYNC_URLS`), each
 * replacing that source's official base URL. BAD_INPUT on an unknown source or a URL that is not http(s).
 */
export function parseSourceUrls(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (text ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new ListwatchError('BAD_INPUT', `LISTWATCH_SYNC_URLS: "${part}" is not id=URL`, { field: 'LISTWATCH_SYNC_URLS' });
    const id = part.slice(0, eq);
    getFetcher(id);
    out[id] = checkHttpUrl(part.slice(eq + 1), 'LISTWATCH_SYNC_URLS');
  }
  return out;
}

/** `url` when it is an absolute http(s) URL, else BAD_INPUT naming `field`. */
export function checkHttpUrl(url: string, field: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ListwatchError('BAD_INPUT', `${field}: "${url}" is not a URL (expected http:// or https://)`, { field });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ListwatchError('BAD_INPUT', `${field}: "${url}" is not an http(s) URL`, { field });
  return url;
}

/** Default time between two scheduled syncs of the server: a day. */
export const DEFAULT_SYNC_INTERVAL_MS = 24 * 60 * 60 * 1000;
