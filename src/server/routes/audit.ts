import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { isIsoDate } from '../../core/dates.js';
import { ListwatchError } from '../../core/errors.js';
import { latestAudit, verifyAudit } from '../../app/audit/audit.js';
import { exportAudit } from '../../app/audit/export.js';
import type { ServerContext } from '../context.js';
import { errors } from '../schemas.js';

/** GET /audit (recent entries, or an export), GET /audit/verify. Admin only: the trail holds every name screened. */
export function auditRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { since?: string; format?: 'json' | 'jsonl' | 'csv'; limit?: number } }>('/audit', {
    config: { access: 'admin' },
    schema: {
      tags: ['audit'], operationId: 'auditTrail',
      summary: 'The audit trail: the newest entries as JSON (default), or every entry since a date as JSONL or CSV for an auditor',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { since: { type: 'string', maxLength: 40 }, format: { type: 'string', enum: ['json', 'jsonl', 'csv'] }, limit: { type: 'integer', minimum: 1, maximum: 1000 } },
      },
      response: { 200: { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Entries (AuditEntry in src/app/audit/audit.ts), newest first; JSONL/CSV exports are oldest first' }, ...errors(400, 401, 403) },
    },
    handler: async (req, reply) => {
      const { since, format = 'json', limit = 100 } = req.query;
      if (since !== undefined && !isIsoDate(since) && Number.isNaN(Date.parse(since))) throw new ListwatchError('BAD_INPUT', `since: "${since}" is not a date`, { field: 'since' });
      if (format === 'json') return latestAudit(ctx.store, limit);
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="listwatch-audit.${format}"`)
        .send(Readable.from(exportAudit(ctx.store, format, since ? { since } : {})));
    },
  });

  app.get('/audit/verify', {
    config: { access: 'admin' },
    schema: {
      tags: ['audit'], operationId: 'verifyAudit', summary: 'Check the hash chain: ok, or the first entry altered or removed',
      response: {
        200: {
          type: 'object',
          properties: {
            ok: { type: 'boolean' }, entries: { type: 'integer' },
            head: { type: 'object', properties: { seq: { type: 'integer' }, hash: { type: 'string' } } },
            problem: { type: 'object', properties: { seq: { type: 'integer' }, kind: { type: 'string', enum: ['altered', 'removed'] }, message: { type: 'string' } } },
          },
          example: { ok: true, entries: 1234, head: { seq: 1234, hash: '9f2c…' } },
        },
        ...errors(401, 403),
      },
    },
    handler: async () => verifyAudit(ctx.store),
  });
}
