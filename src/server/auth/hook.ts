import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import cors from '@fastify/cors';
import { ListwatchError } from '../../core/errors.js';
import { authenticate } from '../../app/accounts/accounts.js';
import type { Principal } from '../../app/accounts/accounts.js';
import { roleAllows } from '../../app/accounts/roles.js';
import type { Access } from '../../app/accounts/roles.js';
import type { Store } from '../../store/store.js';

/** How the server authenticates. Omitted from createApp: open single-user mode (no keys asked). */
export interface AccountsOptions {
  /** Requests per key (per client address without a key) per window; default 600 a minute. */
  rateLimit?: { max: number; timeWindowMs: number };
}

/** The principal of every request in open single-user mode. */
export const OPEN_PRINCIPAL: Principal = { actor: 'local:open', role: 'admin' };

/**
 * What a request needs: the route's `config.access` when it declares one; otherwise, under
 * /api/, GET and HEAD need `viewer` and every other method `analyst`; outside /api/ (the web UI's
 * files, /openapi.json) it is public, so the sign-in page can load.
 */
export function accessOf(req: FastifyRequest): Access {
  const declared = (req.routeOptions.config as { access?: Access } | undefined)?.access;
  if (declared) return declared;
  if (!req.url.startsWith('/api/')) return 'public';
  return req.method === 'GET' || req.method === 'HEAD' ? 'viewer' : 'analyst';
}

function bearer(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (!m) throw new ListwatchError('UNAUTHORIZED', 'Authorization header: expected "Bearer KEY"');
  return m[1]!;
}

/**
 * Installs, before any route is registered: `req.principal` on every request; with `accounts`,
 * an onRequest hook that turns the bearer key into a principal and enforces the route's access
 * (401 UNAUTHORIZED without a valid key, 403 FORBIDDEN for a role that may not), then per-key rate
 * limits (@fastify/rate-limit, keyed by key id, or by address without one); CORS only for the
 * configured origins (@fastify/cors), none otherwise. Without `accounts` every request acts as
 * OPEN_PRINCIPAL.
 */
export async function installAuth(app: FastifyInstance, o: { store: Store; accounts?: AccountsOptions; corsOrigins?: string[]; now: () => string }): Promise<void> {
  app.decorateRequest('principal', null);
  if (o.corsOrigins?.length) {
    await app.register(cors, { origin: o.corsOrigins, allowedHeaders: ['authorization', 'content-type'], exposedHeaders: ['location', 'x-job-status', 'retry-after'] });
  }
  const accounts = o.accounts;
  if (!accounts) {
    app.addHook('onRequest', async (req) => { req.principal = OPEN_PRINCIPAL; });
    return;
  }
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'OPTIONS') return; // CORS preflight carries no credentials
    const access = accessOf(req);
    let principal: Principal | null = null;
    try {
      const token = bearer(req.headers.authorization);
      if (token) {
        principal = await authenticate(o.store, token, o.now());
        if (!principal) throw new ListwatchError('UNAUTHORIZED', 'the API key is not valid (unknown, revoked or expired)');
      }
      if (access === 'public') { req.principal = principal; return; }
      if (!principal) throw new ListwatchError('UNAUTHORIZED', 'this needs an API key: send "Authorization: Bearer KEY" (create one with `listwatch keys create --role R`)');
    } catch (e) {
      reply.header('www-authenticate', 'Bearer realm="listwatch"');
      throw e;
    }
    if (!roleAllows(principal.role, access)) throw new ListwatchError('FORBIDDEN', `this needs the ${access} role; the key "${principal.name ?? principal.keyId}" has ${principal.role}`);
    req.principal = principal;
  });
  const limit = accounts.rateLimit ?? { max: 600, timeWindowMs: 60_000 };
  await app.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.timeWindowMs,
    hook: 'preHandler', // after the onRequest hook above, so the limit is per key
    keyGenerator: (req) => (req.principal?.keyId ? `key:${req.principal.keyId}` : `ip:${req.ip}`),
    errorResponseBuilder: (_req, c) => new ListwatchError('RATE_LIMITED', `rate limit: at most ${c.max} requests per ${limit.timeWindowMs / 1000} s for this key; retry after ${c.after}`),
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who this request acts as (null on a public route without a key). */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route: 'public', or the least role ('viewer' | 'analyst' | 'admin'). See auth/hook.ts. */
    access?: Access;
  }
}
