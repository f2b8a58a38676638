import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { cachedJson } from '../cached-body.js';
import { decodePathPart } from '../edges.js';
import { asOfQuery, errors, ok, okArray, toScreenOptions } from '../schemas.js';

const listParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } } as const;

/** GET /lists, /lists/:id, /lists/:id/diff, /publications/:id. */
export function listRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const [listsJson, listJson, diffJson, publicationJson] = [cachedJson(), cachedJson(), cachedJson(), cachedJson()];
  app.get<{ Querystring: { as_of?: string } }>('/lists', {
    schema: { tags: ['lists'], summary: 'Every list with its publications and the count in force on as_of', querystring: asOfQuery, operationId: 'listLists', response: { 200: okArray('ListSummary', 'Lists'), ...errors(400) } },
    handler: async (req, reply) => listsJson(reply, await ctx.services.lists(toScreenOptions(req.query, ctx.today()).asOf)),
  });

  app.get<{ Params: { id: string }; Querystring: { as_of?: string } }>('/lists/:id', {
    schema: { tags: ['lists'], summary: 'One list with its publications (counts, dates, citations)', params: listParams, querystring: asOfQuery, operationId: 'getList', response: { 200: ok('ListSummary', 'The list'), ...errors(400, 404) } },
    handler: async (req, reply) => listJson(reply, await ctx.services.list(req.params.id, toScreenOptions(req.query, ctx.today()).asOf)),
  });

  app.get<{ Params: { id: string }; Querystring: { from: string; to: string } }>('/lists/:id/diff', {
    schema: {
      tags: ['lists'],
      operationId: 'diffList',
      summary: 'What changed between two publications of a list: added, removed, renamed, changed, withdrawn',
      params: listParams,
      querystring: {
        type: 'object', required: ['from', 'to'], additionalProperties: false,
        properties: {
          from: { type: 'string', minLength: 1, description: 'Publication id (or its date YYYY-MM-DD)' },
          to: { type: 'string', minLength: 1, description: 'Publication id (or its date YYYY-MM-DD)' },
        },
      },
      response: { 200: ok('PublicationDiff', 'The difference'), ...errors(400, 404) },
    },
    handler: async (req, reply) => diffJson(reply, await ctx.services.diff(req.params.id, req.query.from, req.query.to)),
  });

  // Publication ids contain a slash (us-dod-1260h/2025-01-07), so the id is the rest of the path.
  app.get<{ Params: { '*': string } }>('/publications/*', {
    schema: { tags: ['lists'], summary: 'One publication with its entries as printed (id like us-dod-1260h/2025-01-07)', operationId: 'getPublication', response: { 200: ok('Publication', 'The publication'), ...errors(404) } },
    handler: async (req, reply) => publicationJson(reply, await ctx.services.publication(decodePathPart(req.params['*'], 'id'))),
  });
}
