import type { FastifyInstance } from 'fastify';
import { ListwatchError } from '../../core/errors.js';
import { createKey, createUser, listKeys, listUsers, revokeKey, signIn, signOut } from '../../app/accounts/accounts.js';
import { ACCOUNT_ROLES } from '../../app/accounts/roles.js';
import type { Store } from '../../store/store.js';
import { errors } from '../schemas.js';

const keySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, name: { type: 'string', nullable: true }, role: { type: 'string', enum: ACCOUNT_ROLES },
    createdAt: { type: 'string' }, createdBy: { type: 'string' }, revokedAt: { type: 'string', nullable: true },
  },
  example: { id: '3f9a0c1b2d4e', name: 'ci', role: 'analyst', createdAt: '2026-11-21T09:00:00.000Z', createdBy: 'local:alice', revokedAt: null },
} as const;

const userSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, role: { type: 'string', enum: ACCOUNT_ROLES }, createdAt: { type: 'string' }, disabledAt: { type: 'string', nullable: true } },
  example: { name: 'alice', role: 'analyst', createdAt: '2026-11-21T09:00:00.000Z', disabledAt: null },
} as const;

/** Who the caller is (GET /auth/me): the UI asks it first to know whether to show the sign-in form. */
const meSchema = {
  type: 'object',
  properties: {
    mode: { type: 'string', enum: ['open', 'keys'], description: 'open: single-user mode, no key needed; keys: every request needs a bearer key' },
    signedIn: { type: 'boolean' },
    actor: { type: 'string', nullable: true }, role: { type: 'string', enum: ACCOUNT_ROLES, nullable: true }, name: { type: 'string', nullable: true },
  },
  example: { mode: 'keys', signedIn: true, actor: 'user:alice', role: 'analyst', name: 'alice' },
} as const;

/**
 * Sign-in, sign-out and who-am-I for the UI (POST /auth/login, POST /auth/logout, GET /auth/me),
 * and key and user management for admins (GET/POST /keys, DELETE /keys/:id, GET/POST /users).
 * `enforced` says whether the app asks for keys (false: open single-user mode).
 */
export function accountRoutes(app: FastifyInstance, o: { store: Store; now: () => string; enforced: boolean }): void {
  const { store, now } = o;
  const actor = (p: { actor: string } | null): string => p?.actor ?? 'local:open';

  app.get('/auth/me', {
    config: { access: 'public' },
    schema: { tags: ['accounts'], operationId: 'whoAmI', summary: 'Who the caller is, and whether the server asks for keys', security: [], response: { 200: meSchema } },
    handler: async (req) => {
      const p = req.principal;
      return { mode: o.enforced ? 'keys' : 'open', signedIn: Boolean(p), actor: p?.actor ?? null, role: p?.role ?? null, name: p?.name ?? null };
    },
  });

  app.post<{ Body: { name: string; password: string } }>('/auth/login', {
    config: { access: 'public' },
    schema: {
      tags: ['accounts'], operationId: 'signIn', security: [],
      summary: `Sign in with a user name and password: a session key (a bearer key valid for 12 hours)`,
      body: { type: 'object', required: ['name', 'password'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 1000 } } },
      response: {
        200: { type: 'object', properties: { key: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, expiresAt: { type: 'string' } }, example: { key: 'lw_…', role: 'analyst', name: 'alice', expiresAt: '2026-11-21T21:00:00.000Z' } },
        ...errors(400, 401),
      },
    },
    handler: async (req) => signIn(store, { ...req.body, now: now() }),
  });

  app.post('/auth/logout', {
    config: { access: 'viewer' },
    schema: { tags: ['accounts'], operationId: 'signOut', summary: 'End the caller’s session (API keys are revoked with DELETE /keys/:id)', response: { 204: { type: 'null', description: 'Signed out' }, ...errors(401) } },
    handler: async (req, reply) => {
      if (req.principal?.keyId) await signOut(store, req.principal.keyId, now());
      return reply.status(204).send();
    },
  });

  app.get('/keys', {
    config: { access: 'admin' },
    schema: { tags: ['accounts'], operationId: 'listKeys', summary: 'API keys (never their secrets), revoked ones included', response: { 200: { type: 'array', items: keySchema }, ...errors(401, 403) } },
    handler: async () => listKeys(store),
  });

  app.post<{ Body: { role: string; name?: string } }>('/keys', {
    config: { access: 'admin' },
    schema: {
      tags: ['accounts'], operationId: 'createKey', summary: 'Create an API key; its secret `key` is in this answer only',
      body: { type: 'object', required: ['role'], additionalProperties: false, properties: { role: { type: 'string', enum: ACCOUNT_ROLES }, name: { type: 'string', minLength: 1, maxLength: 200 } } },
      response: { 201: { ...keySchema, properties: { ...keySchema.properties, key: { type: 'string' } }, example: { ...keySchema.example, key: 'lw_3f9a0c1b2d4e_…' } }, ...errors(400, 401, 403) },
    },
    handler: async (req, reply) => reply.status(201).send(await createKey(store, { role: req.body.role, ...(req.body.name ? { name: req.body.name } : {}), by: actor(req.principal), now: now() })),
  });

  app.delete<{ Params: { id: string } }>('/keys/:id', {
    config: { access: 'admin' },
    schema: {
      tags: ['accounts'], operationId: 'revokeKey', summary: 'Revoke an API key (at once: its next request gets 401)',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 200 } } },
      response: { 200: keySchema, ...errors(401, 403, 404) },
    },
    handler: async (req) => {
      if (req.principal?.keyId === req.params.id) throw new ListwatchError('BAD_INPUT', 'a key cannot revoke itself; use another admin key', { field: 'id' });
      return revokeKey(store, { id: req.params.id, by: actor(req.principal), now: now() });
    },
  });

  app.get('/users', {
    config: { access: 'admin' },
    schema: { tags: ['accounts'], operationId: 'listUsers', summary: 'Users who sign in with a password', response: { 200: { type: 'array', items: userSchema }, ...errors(401, 403) } },
    handler: async () => listUsers(store),
  });

  app.post<{ Body: { name: string; role: string; password: string } }>('/users', {
    config: { access: 'admin' },
    schema: {
      tags: ['accounts'], operationId: 'createUser', summary: 'Create a user with a password (at least 12 characters; stored as a scrypt hash)',
      body: { type: 'object', required: ['name', 'role', 'password'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, role: { type: 'string', enum: ACCOUNT_ROLES }, password: { type: 'string', minLength: 12, maxLength: 1000 } } },
      response: { 201: userSchema, ...errors(400, 401, 403, 409) },
    },
    handler: async (req, reply) => reply.status(201).send(await createUser(store, { ...req.body, by: actor(req.principal), now: now() })),
  });
}
