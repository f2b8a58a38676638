import type { FastifyInstance } from 'fastify';
import type { Dossier } from '../../app/types.js';
import { RULE_ROLES } from '../../core/rules/types.js';
import type { ServerContext } from '../context.js';
import { cachedJson } from '../cached-body.js';
import { errors, inline, ok, screenOptionProps, toScreenOptions } from '../schemas.js';
import type { ScreenOptionQuery } from '../schemas.js';

const params = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 200 } } } as const;
const query = { type: 'object', additionalProperties: false, properties: { as_of: screenOptionProps.as_of, role: screenOptionProps.role } } as const;
type Req = { Params: { id: string }; Querystring: Pick<ScreenOptionQuery, 'as_of' | 'role'> };

/** Only the sources a part of the dossier cites, so every fact still carries its source. */
function sourcesOf(d: Dossier, ids: Iterable<string>): Dossier['sources'] {
  const out: Dossier['sources'] = {};
  for (const id of ids) if (d.sources[id]) out[id] = d.sources[id];
  return out;
}

/** GET /entities/:id and its parts (timeline, relations, obligations), all cut from the dossier. */
export function entityRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const load = (req: { params: { id: string }; query: Req['Querystring'] }): Promise<Dossier> => {
    const o = toScreenOptions(req.query, ctx.today());
    return ctx.services.dossier(req.params.id, { asOf: o.asOf, ...(o.role ? { role: o.role } : {}) });
  };

  const dossierJson = cachedJson();
  app.get<Req>('/entities/:id', {
    schema: { tags: ['entities'], summary: 'An entity’s dossier: names, designations, timeline, relations, obligations, sources', params, querystring: query, operationId: 'getDossier', response: { 200: ok('Dossier', 'The dossier'), ...errors(400, 404) } },
    handler: async (req, reply) => dossierJson(reply, await load(req)),
  });

  app.get<Req>('/entities/:id/timeline', {
    schema: { tags: ['entities'], summary: 'Designations and events in date order, with their sources', params, querystring: query, operationId: 'getTimeline',
      response: { 200: inline({ entityId: { type: 'string' }, asOf: { type: 'string', format: 'date' }, timeline: { type: 'array', items: { $ref: 'TimelineStep#' } }, sources: { $ref: 'SourceMap#' } },
        { entityId: 'tencent-holdings', asOf: '2026-11-21', timeline: [], sources: {} }, ['entityId', 'asOf', 'timeline', 'sources'], 'Timeline'), ...errors(400, 404) } },
    handler: async (req) => {
      const d = await load(req);
      return { entityId: d.entity.id, asOf: d.asOf, timeline: d.timeline, sources: sourcesOf(d, d.timeline.flatMap((s) => s.sourceIds)) };
    },
  });

  app.get<Req>('/entities/:id/relations', {
    schema: { tags: ['entities'], summary: 'Parents and subsidiaries, with whether each is listed on as_of', params, querystring: query, operationId: 'getRelations',
      response: { 200: inline({ entityId: { type: 'string' }, asOf: { type: 'string', format: 'date' }, parents: { type: 'array', items: { $ref: 'RelatedEntity#' } }, subsidiaries: { type: 'array', items: { $ref: 'RelatedEntity#' } }, sources: { $ref: 'SourceMap#' } },
        { entityId: 'tencent-holdings', asOf: '2026-11-21', parents: [], subsidiaries: [], sources: {} }, ['entityId', 'asOf', 'parents', 'subsidiaries', 'sources'], 'Relations'), ...errors(400, 404) } },
    handler: async (req) => {
      const d = await load(req);
      const rels = [...d.relations.parents, ...d.relations.subsidiaries];
      return { entityId: d.entity.id, asOf: d.asOf, ...d.relations, sources: sourcesOf(d, rels.flatMap((r) => r.relation.sourceIds)) };
    },
  });

  app.get<Req>('/entities/:id/obligations', {
    schema: {
      tags: ['entities'],
      operationId: 'getObligations',
      summary: 'What the entity’s listings oblige a role to do (every role when none is given)',
      params, querystring: query,
      response: { 200: inline({ entityId: { type: 'string' }, asOf: { type: 'string', format: 'date' }, obligations: { type: 'array', items: { $ref: 'Obligation#' } }, sources: { $ref: 'SourceMap#' } },
        { entityId: 'tencent-holdings', asOf: '2026-11-21', obligations: [], sources: {} }, ['entityId', 'asOf', 'obligations', 'sources'], 'Obligations with citations'), ...errors(400, 404) },
    },
    handler: async (req) => {
      const o = toScreenOptions(req.query, ctx.today());
      const roles = o.role ? [o.role] : RULE_ROLES;
      const dossiers = await Promise.all(roles.map((role) => ctx.services.dossier(req.params.id, { asOf: o.asOf, role })));
      const obligations = dossiers.flatMap((d) => d.obligations ?? []);
      const sources = Object.assign({}, ...dossiers.map((d) => sourcesOf(d, obligations.flatMap((x) => x.sourceIds)))) as Dossier['sources'];
      return { entityId: req.params.id, asOf: o.asOf, obligations, sources };
    },
  });
}
