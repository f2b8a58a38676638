import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isListwatchError } from '../core/errors.js';
import type { ErrorCode } from '../core/errors.js';

/** The one table mapping ListwatchError codes to HTTP statuses. Nothing else decides a status. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_INPUT: 400,
  BAD_FILE: 422, // a CSV we cannot read: the body says which line
  ROW_COUNT_DROP: 409,
  NOT_FOUND: 404,
  TOO_LARGE: 413,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  UPSTREAM: 502,
  STORE: 503,
  INTERNAL: 500,
};

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string; line?: number };
}

/** JSON schema of ErrorBody, for the OpenAPI document. */
export const errorBodySchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        field: { type: 'string' },
        line: { type: 'integer' },
      },
    },
  },
} as const;

/** Converts Ajv's validation error into "field: problem" with the field named the way the client sent it. */
function validationBody(err: FastifyError): ErrorBody {
  const first = err.validation?.[0];
  const where = err.validationContext ?? 'request';
  let field = '';
  if (first) {
    const missing = (first.params as { missingProperty?: string } | undefined)?.missingProperty;
    field = (first.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
    if (missing) field = field ? `${field}.${missing}` : missing;
  }
  const problem = first?.message ?? err.message;
  const name = field || where;
  return { error: { code: 'BAD_INPUT', message: `${where} ${name}: ${problem}`, field: name } };
}

/** Messages of @fastify/busboy (dicer) for a body that is not well-formed multipart. */
const MULTIPART_BROKEN = /^(Unexpected end of (multipart data|form)|Malformed part header|Multipart: Boundary not found|Part terminated early|Malformed urlencoded form)/;

/** Maps any thrown error to status + ErrorBody. Unknown errors are 500 without internals leaking. */
export function toHttpError(e: unknown): { status: number; body: ErrorBody } {
  if (isListwatchError(e)) {
    const body: ErrorBody = { error: { code: e.code, message: e.message } };
    if (e.where?.field) body.error.field = e.where.field;
    if (e.where?.line !== undefined) body.error.line = e.where.line;
    return { status: HTTP_STATUS[e.code], body };
  }
  const fe = e as Partial<FastifyError> & { validation?: unknown };
  if (fe && fe.validation) return { status: 400, body: validationBody(fe as FastifyError) };
  // Busboy's parse errors carry no status: a cut or malformed multipart body is the client's, not a 500.
  if (fe && typeof fe.statusCode !== 'number' && typeof fe.message === 'string' && MULTIPART_BROKEN.test(fe.message)) {
    return { status: 400, body: { error: { code: 'BAD_INPUT', message: `body: the multipart upload is malformed (${fe.message}); send one complete form-data part with its closing boundary`, field: 'body' } } };
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status === 413) return { status, body: { error: { code: 'TOO_LARGE', message: fe.message ?? 'request too large' } } };
  if (status >= 400 && status < 500) {
    return { status, body: { error: { code: status === 404 ? 'NOT_FOUND' : 'BAD_INPUT', message: fe.message ?? 'bad request' } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } } };
}

/** Installs the error and not-found handlers on the app. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((e: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toHttpError(e);
    if (status >= 500) req.log.error({ err: e }, 'request failed');
    return reply.status(status).type('application/json').send(body);
  });
}
