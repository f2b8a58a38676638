import type { FastifyInstance } from 'fastify';
import { BACKGROUND_POLICIES } from '../../app/jobs/kinds.js';
import type { ServerContext } from '../context.js';
import { errors, inline } from '../schemas.js';

const nullableTime = { type: 'string', nullable: true, format: 'date-time' } as const;

/** One background run as GET /runs answers it (QueueRun). */
const runSchema = inline({
  id: { type: 'string' },
  name: { type: 'string', description: 'The job type: watch-rescreen-all, watch-rescreen, alerts-deliver, sync-run' },
  state: { type: 'string', description: "pg-boss's state: created (queued), retry, active (running), completed, cancelled, failed" },
  attempt: { type: 'integer', description: 'Retries before the current attempt (0 on the first)' },
  createdAt: { type: 'string', format: 'date-time' },
  startedAt: nullableTime,
  completedAt: nullableTime,
  output: { description: 'Progress while active; the result, or the error, once finished', nullable: true },
  data: { description: 'What the run was asked to do', nullable: true },
}, { id: '6f1c…', name: 'sync-run', state: 'completed', attempt: 0, createdAt: '2026-11-21T09:00:00.000Z', startedAt: '2026-11-21T09:00:01.000Z', completedAt: '2026-11-21T09:00:09.000Z', output: { recordChanged: false, sources: [{ source: 'federal-register', status: 'unchanged' }] }, data: { sources: ['federal-register'] } },
['id', 'name', 'state', 'attempt', 'createdAt']);

/** GET /runs: the latest background runs (watchlist re-screens, alert deliveries, sync runs) with their progress. */
export function runRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { kind?: string; limit?: number } }>('/runs', {
    config: { access: 'analyst' },
    schema: {
      tags: ['batch'],
      operationId: 'listBackgroundRuns',
      summary: 'Background runs (watchlist re-screens, alert deliveries, sync runs), newest first, with state and progress or result',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { kind: { type: 'string', enum: Object.keys(BACKGROUND_POLICIES) }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } },
      },
      response: { 200: { type: 'array', items: runSchema }, ...errors(400) },
    },
    handler: async (req) => ctx.jobs.backgroundRuns({ ...(req.query.kind ? { kind: req.query.kind } : {}), limit: req.query.limit ?? 50 }),
  });
}
