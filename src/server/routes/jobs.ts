import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ListwatchError } from '../../core/errors.js';
import { decodeBatchBytes } from '../../app/screen/batch-io-limits.js';
import type { JobRecord } from '../../store/store.js';
import type { ServerContext } from '../context.js';
import { CSV_HEADER, csvRows } from '../jobs/output.js';
import { errors, screenOptionProps, toScreenOptions } from '../schemas.js';
import type { ScreenOptionQuery } from '../schemas.js';

/** JSON schema of a job as the API returns it. */
const jobSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    processed: { type: 'integer' },
    total: { type: 'integer', nullable: true },
    errors: { type: 'array', items: { type: 'object', properties: { line: { type: 'integer' }, problem: { type: 'string' } } } },
    options: { type: 'object', additionalProperties: true },
    failure: { type: 'string' },
    links: { type: 'object', properties: { self: { type: 'string' }, csv: { type: 'string' }, jsonl: { type: 'string' } } },
  },
  required: ['id', 'status', 'createdAt', 'updatedAt', 'processed', 'total', 'errors'],
  example: {
    id: '7d0c7b1e-2f4a-4c55-9a53-1f2d0c9b8e11', status: 'done', createdAt: '2026-11-21T09:00:00.000Z', updatedAt: '2026-11-21T09:00:02.000Z',
    processed: 3, total: 3, errors: [], options: { asOf: '2026-11-21', role: 'dod-contractor' },
    links: { self: '/api/v1/jobs/7d0c7b1e-2f4a-4c55-9a53-1f2d0c9b8e11', csv: '/api/v1/jobs/7d0c7b1e-2f4a-4c55-9a53-1f2d0c9b8e11/results?format=csv', jsonl: '/api/v1/jobs/7d0c7b1e-2f4a-4c55-9a53-1f2d0c9b8e11/results?format=jsonl' },
  },
} as const;

function withLinks(job: JobRecord): JobRecord & { links: Record<string, string> } {
  const self = `/api/v1/jobs/${job.id}`;
  return { ...job, links: { self, csv: `${self}/results?format=csv`, jsonl: `${self}/results?format=jsonl` } };
}

/** Reads the upload: one multipart file (field `file`) or a text/csv body. */
async function readUpload(req: FastifyRequest): Promise<{ text: string; fileName?: string }> {
  if (req.isMultipart()) {
    const file = await req.file();
    if (!file) throw new ListwatchError('BAD_INPUT', 'body file: a multipart upload needs a file field', { field: 'file' });
    const buf = await file.toBuffer(); // throws 413 above the configured limit
    // UTF-16 (Excel's Unicode text) or UTF-8, mark dropped: the same decoding as the CLI batch.
    return { text: decodeBatchBytes(buf), fileName: file.filename };
  }
  if (typeof req.body !== 'string') throw new ListwatchError('BAD_INPUT', 'body: send a CSV as multipart/form-data (field "file") or as text/csv', { field: 'body' });
  return { text: req.body };
}

async function getJobOr404(ctx: ServerContext, id: string): Promise<JobRecord> {
  const job = await ctx.store.getJob(id);
  if (!job) throw new ListwatchError('NOT_FOUND', `job ${id} not found`, { field: 'id' });
  return job;
}

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } } as const;

/** POST /jobs, GET /jobs/:id, GET /jobs/:id/results. */
export function jobRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Querystring: Omit<ScreenOptionQuery, 'limit'> & { limit?: number } }>('/jobs', {
    bodyLimit: ctx.maxUploadBytes,
    schema: {
      tags: ['batch'],
      operationId: 'submitJob',
      summary: 'Start a batch screen of a CSV (multipart field "file", or a text/csv body)',
      description: 'The CSV has a header with a `name` (or `query`) column and optional `id` and `as_of` columns, or is one column of names. Returns 202 with the job; poll it, then download the results.',
      querystring: { type: 'object', additionalProperties: false, properties: screenOptionProps },
      response: { 202: jobSchema, ...errors(400, 413, 422) },
    },
    handler: async (req, reply) => {
      const opts = toScreenOptions(req.query, ctx.today());
      const { text, fileName } = await readUpload(req);
      const job = await ctx.jobs.submit(text, { ...opts, ...(fileName ? { fileName } : {}) });
      await ctx.audit.record(req, {
        action: 'screen.batch', subject: fileName ?? `job ${job.id}`, options: { ...opts }, revision: ctx.services.servedRevision?.() ?? (await ctx.store.getRevision()),
        details: { via: 'api', jobId: job.id, rows: job.total, fileHash: `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}` },
      });
      return reply.status(202).header('location', `/api/v1/jobs/${job.id}`).send(withLinks(job));
    },
  });

  app.get<{ Params: { id: string } }>('/jobs/:id', {
    schema: { tags: ['batch'], operationId: 'getJob', summary: 'A job’s status and progress', params: idParams, response: { 200: jobSchema, ...errors(404) } },
    handler: async (req) => withLinks(await getJobOr404(ctx, req.params.id)),
  });

  app.get<{ Params: { id: string }; Querystring: { format?: 'csv' | 'jsonl' } }>('/jobs/:id/results', {
    schema: {
      tags: ['batch'],
      operationId: 'getJobResults',
      summary: 'Download a job’s results so far (CSV: one row per hit; JSONL: one ScreenResult per input row)',
      params: idParams,
      querystring: { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: ['csv', 'jsonl'] } } },
      response: { 200: { type: 'string' }, ...errors(404) },
    },
    handler: async (req, reply) => {
      const job = await getJobOr404(ctx, req.params.id);
      const csv = req.query.format === 'csv';
      const lines = ctx.store.readJobResults(job.id);
      async function* body(): AsyncGenerator<string> {
        if (csv) yield CSV_HEADER.join(',') + '\n';
        for await (const l of lines) yield csv ? csvRows(l) : l + '\n';
      }
      return reply
        .header('x-job-status', job.status)
        .header('content-disposition', `attachment; filename="listwatch-${job.id}.${csv ? 'csv' : 'jsonl'}"`)
        .type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .send(Readable.from(body()));
    },
  });
}
