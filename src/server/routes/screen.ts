import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { errors, ok, screenOptionProps, toScreenOptions } from '../schemas.js';
import type { ScreenOptionQuery } from '../schemas.js';
import { coverageQueryProps, type CoverageQuery } from '../../app/coverage/http.js';
import { createCoverageReader } from '../../app/coverage/coverage.js';

/** Most names one POST /screen may carry; larger sets go through a batch job. */
export const MAX_NAMES_PER_REQUEST = 100;

const serialised = new WeakMap<object, string>();

/** GET /screen (one name) and POST /screen (a small list of names). */
export function screenRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // Keyed on the revision this server serves (no store read per screen); list figures per (revision, date).
  const coverageReader = createCoverageReader(ctx.store, undefined, () => ctx.services.servedRevision?.() ?? ctx.store.getRevision());
  app.get<{ Querystring: ScreenOptionQuery & CoverageQuery & { q: string } }>('/screen', {
    config: { access: 'analyst' }, // screening is an analyst's act (and is audited), not a read
    schema: {
      tags: ['screen'],
      operationId: 'screenName',
      summary: 'Screen one name (Latin, Chinese or pinyin) against every list',
      querystring: {
        type: 'object',
        required: ['q'],
        additionalProperties: false,
        properties: { q: { type: 'string', minLength: 1, maxLength: 500, description: 'The name to screen.' }, ...screenOptionProps, ...coverageQueryProps },
      },
      response: { 200: ok('ScreenResult', 'Hits with explanations, designations and obligations'), ...errors(400) },
    },
    handler: async (req, reply) => {
      const { coverage_max_age_days: maxAge, ...query } = req.query;
      const opts = toScreenOptions(query, ctx.today());
      const screened = await ctx.services.screen(req.query.q, opts);
      await ctx.audit.screening(req, screened, opts);
      // Earlier decisions change between requests: a result with one is a new object, never cached.
      const decided = await ctx.decisions.with(screened);
      // Cached answers are the same object: serialise each once (coverage is added after, per request).
      let body = serialised.get(decided);
      if (body === undefined) {
        body = JSON.stringify(decided);
        serialised.set(decided, body);
      }
      const coverage = await coverageReader.get(opts.asOf ?? ctx.today(), opts.role, maxAge);
      // Equal coverage requests get the same object until the revision moves: its text is made once.
      let coverageText = serialised.get(coverage);
      if (coverageText === undefined) {
        coverageText = JSON.stringify(coverage);
        serialised.set(coverage, coverageText);
      }
      body = `${body.slice(0, -1)},"coverage":${coverageText}}`;
      return reply.type('application/json; charset=utf-8').send(body);
    },
  });

  app.post<{ Body: ScreenOptionQuery & CoverageQuery & { names: string[] } }>('/screen', {
    config: { access: 'analyst' },
    schema: {
      tags: ['screen'],
      operationId: 'screenNames',
      summary: `Screen up to ${MAX_NAMES_PER_REQUEST} names with the same options`,
      body: {
        type: 'object',
        required: ['names'],
        additionalProperties: false,
        properties: {
          names: { type: 'array', minItems: 1, maxItems: MAX_NAMES_PER_REQUEST, items: { type: 'string', minLength: 1, maxLength: 500 } },
          ...screenOptionProps,
          ...coverageQueryProps,
        },
      },
      response: {
        200: ok('ScreenResults', 'One ScreenResult per name, in order'),
        ...errors(400),
      },
    },
    handler: async (req) => {
      const { coverage_max_age_days: maxAge, ...body } = req.body;
      const opts = toScreenOptions(body, ctx.today());
      const results = await ctx.services.screenMany(req.body.names, opts);
      for (const r of results) await ctx.audit.screening(req, r, opts, { request: 'POST /screen' });
      const coverage = await coverageReader.get(opts.asOf ?? ctx.today(), opts.role, maxAge);
      return { results: (await Promise.all(results.map((r) => ctx.decisions.with(r)))).map((r) => ({ ...r, coverage })) };
    },
  });
}
