import type { FastifyInstance } from 'fastify';
import { listDecisions, recordDecision, VERDICTS } from '../../app/decisions/decisions.js';
import type { ServerContext } from '../context.js';
import { actorOf } from '../auth/screening.js';
import { errors } from '../schemas.js';

const decisionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, query: { type: 'string' }, entityId: { type: 'string' }, verdict: { type: 'string', enum: VERDICTS },
    note: { type: 'string' }, actor: { type: 'string' }, at: { type: 'string' }, listingDigest: { type: 'string' }, auditSeq: { type: 'integer', nullable: true },
  },
  example: { id: '0b7e…', query: 'Tencent Holdings', entityId: 'tencent-holdings', verdict: 'true-match', note: 'Same registered address and USCC', actor: 'user:alice', at: '2026-11-21T09:30:00.000Z', listingDigest: 'sha256:…', auditSeq: 42 },
} as const;

/** POST /decisions (an analyst's verdict on a hit) and GET /decisions. */
export function decisionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Body: { query: string; entity_id: string; verdict: string; note: string } }>('/decisions', {
    config: { access: 'analyst' },
    schema: {
      tags: ['audit'], operationId: 'recordDecision',
      summary: 'Mark a hit (the name screened × the entity) as a true match or a false positive, with a note; audited',
      body: {
        type: 'object', required: ['query', 'entity_id', 'verdict', 'note'], additionalProperties: false,
        properties: { query: { type: 'string', minLength: 1, maxLength: 500 }, entity_id: { type: 'string', minLength: 1, maxLength: 300 }, verdict: { type: 'string', enum: VERDICTS }, note: { type: 'string', minLength: 1, maxLength: 5000 } },
      },
      response: { 201: decisionSchema, ...errors(400, 401, 403, 404) },
    },
    handler: async (req, reply) => {
      const b = req.body;
      const d = await recordDecision(ctx.store, { query: b.query, entityId: b.entity_id, verdict: b.verdict, note: b.note, actor: actorOf(req), now: ctx.now() });
      return reply.status(201).send(d);
    },
  });

  app.get<{ Querystring: { q?: string; entity?: string; limit?: number } }>('/decisions', {
    config: { access: 'viewer' },
    schema: {
      tags: ['audit'], operationId: 'listDecisions', summary: 'Decisions, newest first, by name screened and/or entity',
      querystring: { type: 'object', additionalProperties: false, properties: { q: { type: 'string', minLength: 1, maxLength: 500 }, entity: { type: 'string', maxLength: 300 }, limit: { type: 'integer', minimum: 1, maximum: 1000 } } },
      response: { 200: { type: 'array', items: decisionSchema }, ...errors(400, 401) },
    },
    handler: async (req) => listDecisions(ctx.store, { ...(req.query.q ? { query: req.query.q } : {}), ...(req.query.entity ? { entityId: req.query.entity } : {}), ...(req.query.limit ? { limit: req.query.limit } : {}) }),
  });
}
