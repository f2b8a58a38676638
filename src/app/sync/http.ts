import { ListwatchError } from '../../core/errors.js';

/** Timeouts and retries of one GET. */
export interface HttpOptions {
  /** Whole request (headers and body) in ms; a hanging response is aborted after it. Default 60,000. */
  timeoutMs?: number;
  /** Further attempts after the first on a network error, a timeout, a cut body, 429 or 5xx. Default 3. */
  retries?: number;
  /** First wait before a retry in ms, doubled each time. Default 1,000. */
  backoffMs?: number;
  /** How to wait (tests pass a fast one); default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** The fetch implementation; default the global one (Node's undici). */
  fetch?: typeof fetch;
}

/** What a conditional GET answered. */
export interface HttpResult {
  /** 200, 304 (not modified) or 404 (not published); anything else is an error. */
  status: 200 | 304 | 404;
  body: Uint8Array | null;
  etag: string | null;
  lastModified: string | null;
  /** Attempts it took. */
  attempts: number;
}

const sleepDefault = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

class Retryable extends Error {}

/**
 * GETs `url` with `If-None-Match` / `If-Modified-Since` when given; retries network errors, timeouts,
 * bodies shorter than their Content-Length, 429 and 5xx with exponential backoff; returns 200, 304
 * or 404 and throws UPSTREAM (naming the URL and the last problem) on anything else or when the
 * retries are spent.
 */
export async function conditionalGet(url: string, cond: { etag?: string | null; lastModified?: string | null }, opts: HttpOptions = {}): Promise<HttpResult> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const retries = opts.retries ?? 3;
  const backoff = opts.backoffMs ?? 1_000;
  const sleep = opts.sleep ?? sleepDefault;
  const doFetch = opts.fetch ?? fetch;
  const headers: Record<string, string> = { 'user-agent': 'listwatch-sync/1 (+https://github.com/listwatch)' };
  if (cond.etag) headers['if-none-match'] = cond.etag;
  if (cond.lastModified) headers['if-modified-since'] = cond.lastModified;
  let last = '';
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    try {
      const res = await doFetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
      const etag = res.headers.get('etag');
      const lastModified = res.headers.get('last-modified');
      if (res.status === 304) return { status: 304, body: null, etag: etag ?? cond.etag ?? null, lastModified: lastModified ?? cond.lastModified ?? null, attempts: attempt };
      if (res.status === 404) {
        await res.body?.cancel();
        return { status: 404, body: null, etag: null, lastModified: null, attempts: attempt };
      }
      if (res.status === 429 || res.status >= 500) {
        await res.body?.cancel();
        throw new Retryable(`HTTP ${res.status}`);
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        throw new ListwatchError('UPSTREAM', `${url}: HTTP ${res.status}`, { file: url });
      }
      const body = new Uint8Array(await res.arrayBuffer());
      const declared = res.headers.get('content-length');
      // A cut connection can end a body early without an error when nothing declared its length;
      // when one was declared (and the body is not re-encoded), a short body is a failed download.
      if (declared !== null && !res.headers.get('content-encoding') && Number(declared) !== body.byteLength) {
        throw new Retryable(`body of ${body.byteLength} bytes, Content-Length ${declared}`);
      }
      return { status: 200, body, etag, lastModified, attempts: attempt };
    } catch (e) {
      if (e instanceof ListwatchError) throw e;
      const err = e as Error & { cause?: { code?: string; message?: string } };
      last = err instanceof Retryable ? err.message
        : err.name === 'TimeoutError' || err.name === 'AbortError' ? `no complete answer within ${timeoutMs} ms`
          : `${err.message}${err.cause?.code ? ` (${err.cause.code})` : err.cause?.message ? ` (${err.cause.message})` : ''}`;
      if (attempt <= retries) await sleep(backoff * 2 ** (attempt - 1));
    }
  }
  throw new ListwatchError('UPSTREAM', `${url}: ${last} (after ${retries + 1} attempts)`, { file: url });
}

/** `base` with exactly one trailing slash, then `name` (a file name or a relative path with a query). */
export function joinUrl(base: string, name: string): string {
  return `${base.replace(/\/+$/, '')}/${name}`;
}
