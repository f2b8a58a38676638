import type { FastifyInstance } from 'fastify';
import { evidenceReport } from '../../app/report/index.js';
import type { ServerContext } from '../context.js';
import { errors, screenOptionProps, toScreenOptions } from '../schemas.js';
import type { ScreenOptionQuery } from '../schemas.js';

/** GET /screen/report: screens a name (audited) and answers with its evidence report, PDF or printable HTML. */
export function reportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: ScreenOptionQuery & { q: string; format?: 'pdf' | 'html' } }>('/screen/report', {
    config: { access: 'analyst' },
    schema: {
      tags: ['audit'], operationId: 'screeningReport',
      summary: 'Screen one name and get the evidence report: query, when, who, list versions, hits with designations, sources, obligations for the role, decisions, audit entry',
      querystring: {
        type: 'object', required: ['q'], additionalProperties: false,
        properties: { q: { type: 'string', minLength: 1, maxLength: 500 }, format: { type: 'string', enum: ['pdf', 'html'], description: 'pdf (default) or html (a printable page)' }, ...screenOptionProps },
      },
      response: { 200: { type: 'string', description: 'application/pdf or text/html' }, ...errors(400, 401, 403, 503) },
    },
    handler: async (req, reply) => {
      const opts = toScreenOptions(req.query, ctx.today());
      const screened = await ctx.services.screen(req.query.q, opts);
      const entry = await ctx.audit.screening(req, screened, opts, { report: req.query.format ?? 'pdf' });
      const result = await ctx.decisions.with(screened);
      const format = req.query.format ?? 'pdf';
      const body = await evidenceReport(ctx.store, result, entry, format, ctx.cjkFont ? { cjkFont: ctx.cjkFont } : {});
      const name = `listwatch-evidence-${entry.seq}.${format}`;
      return reply
        .type(format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8')
        .header('content-disposition', `${format === 'pdf' ? 'attachment' : 'inline'}; filename="${name}"`)
        .header('x-audit-seq', String(entry.seq))
        .send(body);
    },
  });
}
