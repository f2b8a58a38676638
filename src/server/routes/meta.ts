import type { FastifyInstance } from 'fastify';
import type { EventKind } from '../../core/model.js';
import { EVENT_KINDS } from '../../app/history/events.js';
import { parseIsoDate } from '../../core/dates.js';
import type { ServerContext } from '../context.js';
import { cachedJson } from '../cached-body.js';
import { errors, okArray, screenOptionProps } from '../schemas.js';

/** GET /health, GET /events and GET /sources. */
export function metaRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const eventsJson = cachedJson();
  app.get('/health', {
    config: { access: 'public' }, // load balancers and uptime checks carry no key
    schema: {
      tags: ['meta'],
      operationId: 'getHealth',
      security: [],
      summary: 'Engine, entity count, the bundled dataset hash, and the record revision served (and since when)',
      response: { 200: { type: 'object', properties: {
        status: { type: 'string' }, engine: { type: 'string' }, entities: { type: 'integer' }, datasetHash: { type: 'string', nullable: true }, today: { type: 'string' },
        revision: { type: 'string', description: 'Store revision the screening index was built from' },
        loadedAt: { type: 'string', description: 'When that index was loaded (ISO time)' },
        loadMs: { type: 'integer', description: 'How long building that index took (ms)' },
        storeRevision: { type: 'string', description: 'The store revision now; differs from revision until the next refresh' },
        storeRevisionAt: { type: 'string', description: 'When storeRevision was read (ISO time): now, or under load the last read (at most 1 s old) when a live one takes over 5 ms' },
        refreshError: { type: 'string', description: 'Why the last refresh failed (the previous index is served)' },
        screenCache: { type: 'object', properties: { size: { type: 'integer' }, hits: { type: 'integer' }, misses: { type: 'integer' } } },
      }, required: ['status', 'engine', 'entities', 'today'], example: { status: 'ok', engine: 'pglite', entities: 1024, datasetHash: '5f1c0e6a9b2d', today: '2026-11-21', revision: '42', loadedAt: '2026-11-21T09:00:00.000Z', loadMs: 850, storeRevision: '42', storeRevisionAt: '2026-11-21T09:30:00.000Z', screenCache: { size: 10, hits: 4, misses: 10 } } } },
    },
    handler: async () => ({ status: 'ok', ...(await ctx.services.health()), today: ctx.today() }),
  });

  app.get<{ Querystring: { list?: string; entity?: string; since?: string; kind?: EventKind } }>('/events', {
    schema: {
      tags: ['meta'],
      operationId: 'listEvents',
      summary: 'Dated, sourced events (statements, lawsuits, rulings, withdrawn documents, list changes)',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { list: { type: 'string' }, entity: { type: 'string' }, since: { ...screenOptionProps.as_of, description: 'Events on or after this date' }, kind: { type: 'string', enum: EVENT_KINDS } },
      },
      response: { 200: okArray('ListEvent', 'Events in date order'), ...errors(400) },
    },
    handler: async (req, reply) => {
      const q = req.query;
      return eventsJson(reply, await ctx.services.events({
        ...(q.list ? { listId: q.list } : {}),
        ...(q.entity ? { entityId: q.entity } : {}),
        ...(q.since ? { since: parseIsoDate(q.since, 'since') } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
      }));
    },
  });

  app.get<{ Querystring: { ids?: string } }>('/sources', {
    schema: {
      tags: ['meta'],
      operationId: 'listSources',
      summary: 'Sources of the record and of the rules (document, publisher, date, URL, quality), all or by comma-separated ids',
      querystring: { type: 'object', additionalProperties: false, properties: { ids: { type: 'string', maxLength: 10000 } } },
      response: { 200: okArray('Source', 'Sources') },
    },
    handler: async (req) => ctx.services.sources(req.query.ids ? req.query.ids.split(',').map((s) => s.trim()).filter(Boolean) : undefined),
  });
}
