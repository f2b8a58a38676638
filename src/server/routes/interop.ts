import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ListwatchError } from '../../core/errors.js';
import { parseIsoDate } from '../../core/dates.js';
import { exportFtm } from '../../app/interop/ftm.js';
import { parseReconcileQueries, reconcile, reconcileManifest } from '../../app/interop/reconcile.js';
import { matchEntities } from '../../app/interop/yente.js';
import type { MatchDeps, MatchRequest } from '../../app/interop/yente.js';
import type { ServerContext } from '../context.js';
import { errors, inline, screenOptionProps } from '../schemas.js';

const datasetParams = { type: 'object', required: ['dataset'], properties: { dataset: { type: 'string', minLength: 1, maxLength: 100, description: '`default` (or `listwatch`) for every list, or a list id (e.g. us-dod-1260h) to match only entities designated on it' } } } as const;

const matchResult = inline({
  id: { type: 'string' }, caption: { type: 'string' }, schema: { type: 'string' },
  properties: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  datasets: { type: 'array', items: { type: 'string' } },
  score: { type: 'number' }, match: { type: 'boolean' }, target: { type: 'boolean', description: 'Designated on as_of' },
  features: { type: 'object', additionalProperties: { type: 'number' } }, explanation: { type: 'string' },
}, undefined, ['id', 'caption', 'schema', 'properties', 'datasets', 'score', 'match', 'features']);

const EXAMPLE_RESPONSE = {
  responses: {
    q1: {
      status: 200, total: { value: 1, relation: 'eq' },
      query: { schema: 'Company', properties: { name: ['Tencent Holdings'], country: ['cn'] } },
      results: [{
        id: 'tencent-holdings', caption: 'Tencent Holdings Limited', schema: 'Company',
        properties: { name: ['Tencent Holdings Limited'], alias: ['Tencent', '腾讯控股有限公司'], country: ['cn'], ticker: ['0700 (HK)'], topics: ['sanction'] },
        datasets: ['listwatch', 'us-dod-1260h'], score: 0.979, match: true, target: true,
        features: { query_coverage: 1, name_coverage: 0.985, legal_form_agreement: 0.5 },
      }],
    },
  },
  limit: 5,
};

/** Known datasets: every list, or one list by id. NOT_FOUND otherwise. */
async function listOf(ctx: ServerContext, dataset: string): Promise<string | undefined> {
  if (dataset === 'default' || dataset === 'listwatch') return undefined;
  if (!(await ctx.store.getList(dataset))) throw new ListwatchError('NOT_FOUND', `dataset ${dataset} not found (use "default" or a list id)`, { field: 'dataset' });
  return dataset;
}

/** Matching through the app's screen service, audited like GET /screen. */
function matchDeps(ctx: ServerContext, req: FastifyRequest, request: string): MatchDeps {
  return {
    store: ctx.store,
    screen: async (name, opts) => {
      const res = await ctx.services.screen(name, opts);
      await ctx.audit.screening(req, res, { ...opts, asOf: opts.asOf ?? ctx.today() }, { request });
      return res;
    },
  };
}

const origin = (req: FastifyRequest): string => `${req.protocol}://${req.host}`;

/**
 * Interoperability: a yente-compatible `POST /match/{dataset}`, an OpenRefine reconciliation
 * service (`/reconcile/{dataset}`), both at the root as yente serves them, and the FollowTheMoney
 * export of the record (`GET /api/v1/export/ftm`, JSON lines) registered under /api/v1 by `exportRoutes`.
 */
export function interopRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // OpenRefine posts reconciliation queries as a form; parsed here only (this plugin's scope).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.post<{ Params: { dataset: string }; Querystring: { threshold?: number; cutoff?: number; limit?: number; as_of?: string }; Body: MatchRequest }>('/match/:dataset', {
    config: { access: 'analyst' },
    schema: {
      tags: ['interop'], operationId: 'matchEntities',
      summary: 'yente-compatible matching: FollowTheMoney query entities in, scored entities out',
      description: 'Request and response follow OpenSanctions yente’s /match/{dataset}. Each query needs `schema` (Company, Organization, LegalEntity, Person, Vessel, Airplane, Thing) and `properties.name`; `country` and `registrationNumber` refine the score. Other yente parameters (algorithm, topics…) are accepted and ignored.',
      params: datasetParams,
      querystring: {
        type: 'object',
        properties: {
          threshold: { type: 'number', minimum: 0, maximum: 1, description: 'Score from which `match` is true (default 0.8, the engine’s)' },
          cutoff: { type: 'number', minimum: 0, maximum: 1, description: 'Least score returned (default 0.5)' },
          limit: { type: 'integer', minimum: 1, maximum: 50, description: 'Results per query (default 5)' },
          as_of: screenOptionProps.as_of,
        },
      },
      body: {
        type: 'object', required: ['queries'],
        properties: { queries: { type: 'object', additionalProperties: { type: 'object' }, maxProperties: 100 } },
        description: 'Example: {"queries": {"q1": {"schema": "Company", "properties": {"name": ["Tencent Holdings"], "country": ["cn"]}}}}',
      },
      response: {
        200: inline({
          responses: { type: 'object', additionalProperties: inline({ status: { type: 'integer' }, results: { type: 'array', items: matchResult }, total: inline({ value: { type: 'integer' }, relation: { type: 'string' } }), query: inline({ id: { type: 'string' }, schema: { type: 'string' }, properties: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } } }) }, undefined, ['status', 'results', 'total', 'query']) },
          limit: { type: 'integer' },
        }, EXAMPLE_RESPONSE, ['responses']),
        ...errors(400, 404),
      },
    },
    handler: async (req) => {
      const listId = await listOf(ctx, req.params.dataset);
      const limit = req.query.limit ?? 5;
      const asOf = req.query.as_of ? parseIsoDate(req.query.as_of, 'as_of') : ctx.today();
      const responses = await matchEntities(matchDeps(ctx, req, 'POST /match'), req.body, { asOf, threshold: req.query.threshold ?? 0.8, cutoff: req.query.cutoff ?? 0.5, limit, listId });
      return { responses, limit };
    },
  });

  const reconcileSchema = (method: 'get' | 'post'): Record<string, unknown> => ({
    tags: ['interop'], operationId: method === 'get' ? 'reconcileManifest' : 'reconcileQueries',
    summary: method === 'get' ? 'OpenRefine reconciliation: the service manifest, or queries in `queries` (JSON)' : 'OpenRefine reconciliation queries (form field or JSON `queries`)',
    params: datasetParams,
    ...(method === 'get' ? { querystring: { type: 'object', properties: { queries: { type: 'string', description: 'JSON: { q0: { query, type?, limit?, properties? } }' } } } } : {}),
    response: {
      200: {
        type: 'object', additionalProperties: true, description: 'The manifest (versions, name, identifierSpace, schemaSpace, defaultTypes, view), or results by query key: { q0: { result: [{ id, name, type, score, match, description }] } }',
        properties: { versions: { type: 'array', items: { type: 'string' } }, name: { type: 'string' }, identifierSpace: { type: 'string' }, schemaSpace: { type: 'string' }, defaultTypes: { type: 'array', items: inline({ id: { type: 'string' }, name: { type: 'string' } }) } },
        example: { q0: { result: [{ id: 'tencent-holdings', name: 'Tencent Holdings Limited', type: [{ id: 'Company', name: 'Company' }], score: 98, match: true, description: 'Listed on 2026-11-21; lists: us-dod-1260h' }] } },
      },
      ...errors(400, 404),
    },
  });
  const answer = async (req: FastifyRequest<{ Params: { dataset: string } }>, raw: unknown): Promise<unknown> => {
    const listId = await listOf(ctx, req.params.dataset);
    if (raw === undefined) return reconcileManifest(origin(req), req.params.dataset);
    return reconcile(matchDeps(ctx, req, 'reconcile'), parseReconcileQueries(raw), { asOf: ctx.today(), threshold: 0.8, cutoff: 0.5, listId });
  };
  app.get<{ Params: { dataset: string }; Querystring: { queries?: string } }>('/reconcile/:dataset', {
    config: { access: 'analyst' }, schema: reconcileSchema('get'),
    handler: async (req) => answer(req, req.query.queries),
  });
  app.post<{ Params: { dataset: string }; Body: { queries?: unknown } | undefined }>('/reconcile/:dataset', {
    config: { access: 'analyst' }, schema: reconcileSchema('post'),
    handler: async (req) => {
      const raw = req.body?.queries;
      if (raw === undefined) throw new ListwatchError('BAD_INPUT', 'queries: required (form field or JSON body)', { field: 'queries' });
      return answer(req, raw);
    },
  });
}

/** GET /export/ftm (under /api/v1): the record as FollowTheMoney JSON lines. */
export function exportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { as_of?: string } }>('/export/ftm', {
    config: { access: 'viewer' },
    schema: {
      tags: ['interop'], operationId: 'exportFtm',
      summary: 'The record as FollowTheMoney entities, one JSON object per line: entities, Sanctions (start, end, sources), Ownership links',
      querystring: { type: 'object', additionalProperties: false, properties: { as_of: { ...screenOptionProps.as_of, description: 'Date for the `topics: sanction` flag (default today); every designation is exported with its dates' } } },
      response: { 200: { description: 'application/x-ndjson: one FtM entity per line', type: 'string', example: '{"id":"tencent-holdings","schema":"Company","properties":{"name":["Tencent Holdings Limited"]},"datasets":["listwatch"]}\n' }, ...errors(400) },
    },
    handler: async (req, reply) => {
      const asOf = req.query.as_of ? parseIsoDate(req.query.as_of, 'as_of') : ctx.today();
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="listwatch-ftm-${asOf}.jsonl"`)
        .send(Readable.from(exportFtm(ctx.store, asOf)));
    },
  });
}
