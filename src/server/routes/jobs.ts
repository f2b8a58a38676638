import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ListwatchError } from '../../core/errors.js';
import { batchAuditInput, type JobView } from '../../app/jobs/batch.js';
import { decodeBatchBytes } from '../../app/screen/batch-io-limits.js';
import { actorOf } from '../auth/screening.js';
import type { ServerContext } from '../context.js';
import { readBatchCsv } from '../jobs/input.js';
import { CSV_HEADER, csvRows } from '../jobs/output.js';
import { auditJobFinish, jobAuditView, jobCsvAudit, jobJsonlLines, jobSummary } from '../../app/jobs/job-audit.js';
import { batchSummaryReport } from '../../app/report/index.js';
import { UTF8_BOM } from '../../app/screen/batch-audit-columns.js';
import { errors, screenOptionProps, toScreenOptions } from '../schemas.js';
import type { ScreenOptionQuery } from '../schemas.js';

const STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;

/** JSON schema of a job as the API returns it (the CLI's `batch status --json` is the same object). */
const jobSchema = {
  type: 'object',
  description: 'A batch job. state: queued | running | done | failed | cancelled; done of total rows have their result.',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    state: { type: 'string', enum: STATES },
    status: { type: 'string', enum: STATES, description: 'Same as state (the name of earlier versions).' },
    done: { type: 'integer' },
    processed: { type: 'integer', description: 'Same as done (the name of earlier versions).' },
    total: { type: 'integer' },
    sealed: { type: 'boolean', description: 'False while the upload is still being stored (total still growing).' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    startedAt: { type: 'string' },
    firstResultAt: { type: 'string' },
    finishedAt: { type: 'string' },
    createdBy: { type: 'string' },
    options: { type: 'object', additionalProperties: true },
    fileName: { type: 'string' },
    fileSha256: { type: 'string' },
    fileBytes: { type: 'integer' },
    chunks: { type: 'integer' },
    chunkSize: { type: 'integer' },
    withHits: { type: 'integer' },
    rowErrors: { type: 'integer' },
    errors: { type: 'array', items: { type: 'object', properties: { line: { type: 'integer' }, problem: { type: 'string' } } } },
    failure: { type: 'string' },
    links: { type: 'object', properties: { self: { type: 'string' }, csv: { type: 'string' }, jsonl: { type: 'string' }, report: { type: 'string' } } },
    coverage: {
      type: 'object', additionalProperties: true,
      description: 'What the job\'s answers checked (GET /jobs/{id} only): each list with its latest publication on the as-of date and last refresh, and warnings for the job\'s role. Recorded at finish; live while the job runs.',
      properties: {
        asOf: { type: 'string', format: 'date' }, role: { type: 'string' }, maxAgeDays: { type: 'integer' },
        lists: { type: 'array', items: { type: 'object', additionalProperties: true, properties: { listId: { type: 'string' }, name: { type: 'string' }, publications: { type: 'integer' }, inForce: { type: 'integer' }, latestPublication: { type: ['object', 'null'], additionalProperties: true }, lastRefreshed: { type: ['string', 'null'] } } } },
        warnings: { type: 'array', items: { type: 'object', additionalProperties: true, properties: { listId: { type: 'string' }, role: { type: 'string' }, kind: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
    outcomes: {
      type: 'object', description: 'Rows by outcome, once the job is finished (GET /jobs/{id} only).',
      properties: { 'hit-active': { type: 'integer' }, 'hit-unknown': { type: 'integer' }, 'hit-inactive': { type: 'integer' }, 'no-hit': { type: 'integer' }, error: { type: 'integer' } },
    },
    audit: {
      type: 'object', description: 'The audit entry that recorded the finished job (GET /jobs/{id} only); answerDigest is the sha256 of the JSONL results download.',
      properties: { seq: { type: 'integer' }, hash: { type: 'string' }, answerDigest: { type: 'string' } },
    },
  },
  required: ['id', 'state', 'status', 'done', 'processed', 'total', 'createdAt', 'updatedAt', 'errors'],
  example: {
    id: '0b5c3f0e-6a1f-4d0c-9f57-0d2c8f0a1b2c', kind: 'batch-screen', state: 'running', status: 'running', done: 2000, processed: 2000, total: 5000, sealed: true,
    createdAt: '2026-11-21T09:00:00.000Z', updatedAt: '2026-11-21T09:00:02.000Z', options: { asOf: '2026-11-21' }, fileName: 'holdings.csv',
    fileSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', chunks: 5, chunkSize: 1000, withHits: 12, rowErrors: 1,
    errors: [{ line: 7, problem: 'empty name' }], links: { self: '/api/v1/jobs/0b5c…', csv: '/api/v1/jobs/0b5c…/results?format=csv', jsonl: '/api/v1/jobs/0b5c…/results?format=jsonl', report: '/api/v1/jobs/0b5c…/report?format=pdf' },
    coverage: { asOf: '2026-11-21', maxAgeDays: 365, lists: [{ listId: 'us-dod-1260h', name: 'DoD Section 1260H list', publications: 5, inForce: 134, latestPublication: { id: 'us-dod-1260h-2025-01-07', date: '2025-01-07' }, lastRefreshed: '2026-11-21T08:00:00.000Z' }], warnings: [] },
  },
} as const;

/** The wire form of a job: the view, the earlier field names, and links. */
export function jobBody(job: JobView): JobView & { status: string; processed: number; links: Record<string, string> } {
  const self = `/api/v1/jobs/${job.id}`;
  return { ...job, status: job.state, processed: job.done, links: { self, csv: `${self}/results?format=csv`, jsonl: `${self}/results?format=jsonl`, report: `${self}/report?format=pdf` } };
}

/** Reads the upload: one multipart file (field `file`) or a text/csv body; its bytes are hashed for the record. */
async function readUpload(req: FastifyRequest): Promise<{ text: string; fileName?: string; sha256: string; bytes: number }> {
  let buf: Buffer;
  let fileName: string | undefined;
  if (req.isMultipart()) {
    const file = await req.file();
    if (!file) throw new ListwatchError('BAD_INPUT', 'body file: a multipart upload needs a file field', { field: 'file' });
    buf = await file.toBuffer(); // throws 413 above the configured limit
    fileName = file.filename;
    // UTF-16 (Excel's Unicode text) or UTF-8, mark dropped: the same decoding as the CLI batch.
    return { text: decodeBatchBytes(buf), ...(fileName ? { fileName } : {}), sha256: createHash('sha256').update(buf).digest('hex'), bytes: buf.length };
  }
  // A text/csv body arrives decoded (app.ts): its hash is of the text as UTF-8.
  if (typeof req.body !== 'string') throw new ListwatchError('BAD_INPUT', 'body: send a CSV as multipart/form-data (field "file") or as text/csv', { field: 'body' });
  buf = Buffer.from(req.body, 'utf8');
  return { text: req.body, sha256: createHash('sha256').update(buf).digest('hex'), bytes: buf.length };
}

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } } as const;

/** POST /jobs, GET /jobs, GET /jobs/:id, GET /jobs/:id/results, POST /jobs/:id/cancel, DELETE /jobs/:id, POST /jobs/purge. */
export function jobRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Querystring: ScreenOptionQuery }>('/jobs', {
    bodyLimit: ctx.maxUploadBytes,
    config: { access: 'analyst' },
    schema: {
      tags: ['batch'],
      operationId: 'submitJob',
      summary: 'Start a batch screen of a CSV (multipart field "file", or a text/csv body)',
      description: 'The CSV has a header with a `name` (or `query`) column and optional `id` and `as_of` columns, or is one column of names. Returns 202 with the job; poll it, then download the results (every input row once, in input order).',
      querystring: { type: 'object', additionalProperties: false, properties: screenOptionProps },
      response: { 202: jobSchema, ...errors(400, 413, 422) },
    },
    handler: async (req, reply) => {
      const opts = toScreenOptions(req.query, ctx.today());
      const upload = await readUpload(req);
      const input = readBatchCsv(upload.text);
      const job = await ctx.jobs.submit(input.rows, opts, {
        ...(upload.fileName ? { fileName: upload.fileName } : {}), fileSha256: upload.sha256, fileBytes: upload.bytes, createdBy: actorOf(req),
      });
      await ctx.audit.record(req, { ...batchAuditInput(job, 'api'), revision: ctx.services.servedRevision?.() ?? (await ctx.store.getRevision()) });
      // Every chunk was written before the upload was sealed: no worker saw it finish, so it is audited here, after its submission.
      if (job.state === 'done') await auditJobFinish(ctx.store, job.id);
      return reply.status(202).header('location', `/api/v1/jobs/${job.id}`).send(jobBody(job));
    },
  });

  app.get<{ Querystring: { limit?: number; state?: (typeof STATES)[number] } }>('/jobs', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'listJobs',
      tags: ['batch'],
      summary: 'Past and current batch jobs, newest first',
      querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 500 }, state: { type: 'string', enum: STATES } } },
      response: { 200: { type: 'object', properties: { jobs: { type: 'array', items: jobSchema } }, example: { jobs: [jobSchema.example] } }, ...errors(400) },
    },
    handler: async (req) => ({ jobs: (await ctx.jobs.list({ limit: req.query.limit ?? 50, ...(req.query.state ? { states: [req.query.state] } : {}) })).map(jobBody) }),
  });

  app.get<{ Params: { id: string } }>('/jobs/:id', {
    config: { access: 'viewer' },
    schema: { operationId: 'getJob', tags: ['batch'], summary: 'A job’s state and progress', params: idParams, response: { 200: jobSchema, ...errors(404) } },
    handler: async (req) => {
      const job = await ctx.jobs.require(req.params.id);
      return { ...jobBody(job), ...(await jobAuditView(ctx.store, job)) };
    },
  });

  app.post<{ Params: { id: string } }>('/jobs/:id/cancel', {
    config: { access: 'analyst' },
    schema: {
      operationId: 'cancelJob', tags: ['batch'], summary: 'Cancel a queued or running job (results so far stay; the upload is removed)',
      params: idParams, response: { 200: jobSchema, ...errors(404, 409) },
    },
    handler: async (req) => jobBody(await ctx.jobs.cancel(req.params.id)),
  });

  app.delete<{ Params: { id: string } }>('/jobs/:id', {
    config: { access: 'analyst' },
    schema: {
      operationId: 'deleteJob', tags: ['batch'], summary: 'Delete a job with its upload and results (a running job stops)',
      params: idParams, response: { 204: { type: 'null', description: 'Deleted' }, ...errors(404) },
    },
    handler: async (req, reply) => {
      await ctx.jobs.delete(req.params.id);
      return reply.status(204).send();
    },
  });

  app.post<{ Querystring: { older_than_days: number } }>('/jobs/purge', {
    config: { access: 'admin' },
    schema: {
      operationId: 'purgeJobs', tags: ['batch'], summary: 'Delete finished jobs (and their results) older than N days; workers also do this on their own timer',
      querystring: { type: 'object', required: ['older_than_days'], additionalProperties: false, properties: { older_than_days: { type: 'number', minimum: 0 } } },
      response: { 200: { type: 'object', properties: { deleted: { type: 'integer' } }, example: { deleted: 3 } }, ...errors(400) },
    },
    handler: async (req) => ({ deleted: await ctx.jobs.purge(req.query.older_than_days) }),
  });

  app.get<{ Params: { id: string }; Querystring: { format?: 'csv' | 'jsonl'; bom?: '0' | '1' } }>('/jobs/:id/results', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'getJobResults',
      tags: ['batch'],
      summary: 'Download a job’s results so far (JSONL: one record per input row, in input order, the first with the job’s coverage; CSV: one row per hit, with audit columns)',
      description: 'CSV columns: line, id, query, as_of, rank, entity_id, name, matched_name, score, active, lists, explanation, error, then the audit columns screened_at, revision, threshold, list, designation_start, fr_citation, source_url (the designations of the row’s hit, joined with "; " in one order), coverage_warnings, coverage (JSON, first data row only). `bom=1` starts a CSV with a UTF-8 byte-order mark (Excel). Cells starting with = + - @, tab or CR are prefixed with \'.',
      params: idParams,
      querystring: { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: ['csv', 'jsonl'] }, bom: { type: 'string', enum: ['0', '1'], description: 'CSV only: 1 = begin with a UTF-8 byte-order mark (for Excel)' } } },
      response: { 200: { type: 'string' }, ...errors(404) },
    },
    handler: async (req, reply) => {
      const job = await ctx.jobs.require(req.params.id);
      const csv = req.query.format === 'csv';
      const audit = await jobCsvAudit(ctx.store, job);
      const lines = jobJsonlLines(ctx.store.sql, job.id, audit.coverage);
      const bom = csv && req.query.bom === '1';
      async function* body(): AsyncGenerator<string> {
        if (csv) yield (bom ? UTF8_BOM : '') + CSV_HEADER.join(',') + '\n';
        let first = true;
        for await (const l of lines) {
          // The coverage is already in the first JSONL record; the CSV carries it in its own column.
          yield csv ? csvRows(l, audit, first) : l + '\n';
          first = false;
        }
      }
      return reply
        .header('x-job-status', job.state)
        .header('content-disposition', `attachment; filename="listwatch-${job.id}.${csv ? 'csv' : 'jsonl'}"`)
        .type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .send(Readable.from(body()));
    },
  });

  app.get<{ Params: { id: string }; Querystring: { format?: 'pdf' | 'html' } }>('/jobs/:id/report', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'getJobReport',
      tags: ['batch', 'audit'],
      summary: 'A finished job’s summary report: rows by outcome, the lists checked with their versions, the input file hash, who and when, threshold, role and as-of, and the audit entry with its hash',
      params: idParams,
      querystring: { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: ['pdf', 'html'], description: 'pdf (default) or html (a printable page)' } } },
      response: { 200: { type: 'string', description: 'application/pdf or text/html' }, ...errors(404, 409, 503) },
    },
    handler: async (req, reply) => {
      const job = await ctx.jobs.require(req.params.id);
      const summary = await jobSummary(ctx.store, job);
      const format = req.query.format ?? 'pdf';
      const body = await batchSummaryReport(summary, format, ctx.cjkFont ? { cjkFont: ctx.cjkFont } : {});
      return reply
        .type(format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8')
        .header('content-disposition', `${format === 'pdf' ? 'attachment' : 'inline'}; filename="listwatch-batch-${job.id}.${format}"`)
        .header('x-audit-seq', String(summary.audit.seq))
        .send(body);
    },
  });
}
