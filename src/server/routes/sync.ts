import type { FastifyInstance } from 'fastify';
import { fetchers, getFetcher } from '../../sources/fetchers.js';
import { checkHttpUrl } from '../../app/sync/config.js';
import { listReviews, listSyncStatus, sourceSyncStatus } from '../../app/sync/state.js';
import type { ServerContext } from '../context.js';
import type { Background } from '../background.js';
import { errors, ok } from '../schemas.js';

/** GET /sync (status of every source and list, review items), POST /sync (run it now), POST /alerts/deliver. */
export function syncRoutes(app: FastifyInstance, ctx: ServerContext, bg: Background): void {
  app.get<{ Querystring: { since?: string } }>('/sync', {
    config: { access: 'viewer' },
    schema: {
      tags: ['sync'], operationId: 'getSyncStatus', summary: 'When each official source and each list was last checked and last changed; review items (new Federal Register documents, changed pages)',
      querystring: { type: 'object', additionalProperties: false, properties: { since: { type: 'string', description: 'review items raised on or after this ISO day/time' } } },
      response: { 200: ok('SyncStatus'), ...errors(401, 403) },
    },
    handler: async (req) => ({
      sources: await sourceSyncStatus(ctx.store),
      lists: [...(await listSyncStatus(ctx.store)).values()],
      reviews: await listReviews(ctx.store, req.query.since),
      fetchers: fetchers.map((f) => ({ id: f.id, kind: f.kind, description: f.description, baseUrl: f.baseUrl })),
    }),
  });

  app.post<{ Body: { source?: string[]; url?: string } }>('/sync', {
    config: { access: 'admin' },
    schema: {
      tags: ['sync'], operationId: 'runSync', summary: 'Check the official sources now (all, or `source`); `url` replaces the official base URL. Re-screens the watchlists when the record changed.',
      body: { type: 'object', additionalProperties: false, properties: { source: { type: 'array', items: { type: 'string' } }, url: { type: 'string' } } },
      response: { 200: ok('SyncRunResult'), ...errors(400, 401, 403) },
    },
    handler: async (req) => {
      const b = req.body ?? {};
      for (const s of b.source ?? []) getFetcher(s);
      if (b.url !== undefined) checkHttpUrl(b.url, 'url');
      return bg.sync({ ...(b.source?.length ? { sources: b.source } : {}), ...(b.url ? { baseUrl: b.url } : {}), actor: req.principal?.actor ?? 'local:open' });
    },
  });

  app.post('/alerts/deliver', {
    config: { access: 'admin' },
    schema: { tags: ['alerts'], operationId: 'deliverAlerts', summary: 'Send pending alert deliveries once (the server also does this continuously)', response: { 200: ok('DeliverResult'), ...errors(401, 403) } },
    handler: async () => bg.deliver(),
  });
}
