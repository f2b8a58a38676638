import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ListwatchError } from '../core/errors.js';

// C0 controls (NUL included) and DEL: never part of an id, a name or a date; NUL also breaks
// PostgreSQL text parameters, which surfaced as a 503 STORE error.
const CONTROL = /[\u0000-\u001f\u007f]/;
// Numeric literals in other bases ("0x1", "0o7", "0b1"): Ajv's coercion (Number()) would accept them.
const NON_DECIMAL = /^\s*[+-]?0[xob]/i;

/**
 * `decodeURIComponent` that answers a malformed escape (`%`, `%E0%A4`) with BAD_INPUT naming
 * the field instead of a URIError (a 500).
 */
export function decodePathPart(s: string, field: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new ListwatchError('BAD_INPUT', `${field}: "${s}" is not a valid percent-encoded path segment`, { field });
  }
}

function checkValues(values: unknown, where: string): void {
  if (!values || typeof values !== 'object') return;
  for (const [k, v] of Object.entries(values as Record<string, unknown>)) {
    for (const s of Array.isArray(v) ? v : [v]) {
      if (typeof s !== 'string') continue;
      if (CONTROL.test(s)) throw new ListwatchError('BAD_INPUT', `${where} ${k}: contains a control character`, { field: k });
      if (where === 'querystring' && NON_DECIMAL.test(s)) throw new ListwatchError('BAD_INPUT', `${where} ${k}: "${s}" is not a decimal number`, { field: k });
    }
  }
}

/** The origin (scheme://host[:port]) the request was addressed to, as a browser would write it. */
function ownOrigin(req: FastifyRequest): string | null {
  const host = req.headers.host;
  return host ? `${req.protocol}://${host}`.toLowerCase() : null;
}

/**
 * Guards every request before its route runs:
 * - path parameters and query values with control characters, and query values written as
 *   hex/octal/binary numbers, are BAD_INPUT (400) naming the field;
 * - a state-changing request (POST, PUT, PATCH, DELETE) from a browser page of another origin
 *   (its `Origin` header, or `Sec-Fetch-Site: cross-site`) is FORBIDDEN (403), unless the origin
 *   is one of `allowedOrigins` (the CORS configuration; none by default). A cross-origin
 *   `text/plain` form POST needs no preflight, so CORS alone would not stop it.
 * Requests without an Origin (curl, the CLI, server-to-server) are unaffected.
 */
export function installEdgeGuards(app: FastifyInstance, opts: { allowedOrigins?: readonly string[] } = {}): void {
  const allowed = new Set((opts.allowedOrigins ?? []).map((o) => o.toLowerCase().replace(/\/$/, '')));
  app.addHook('onRequest', async (req) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin.toLowerCase().replace(/\/$/, '') : null;
    const site = req.headers['sec-fetch-site'];
    const cross = origin !== null ? origin !== ownOrigin(req) : site === 'cross-site';
    if (cross && !(origin !== null && allowed.has(origin))) {
      throw new ListwatchError('FORBIDDEN', `cross-origin ${req.method} refused${origin ? ` (Origin ${origin})` : ''}: state-changing requests must come from this server's own pages or a configured origin`);
    }
  });
  app.addHook('preValidation', async (req) => {
    checkValues(req.params, 'params');
    checkValues(req.query, 'querystring');
  });
}
