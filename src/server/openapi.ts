/** The OpenAPI document's header (info, servers, tags). */
export const openApiInfo = {
  openapi: '3.0.3',
  info: {
    title: 'listwatch API',
    version: '0.1.0',
    description: 'US designation lists aimed at Chinese companies: dated, sourced versions; screening with explanations; as-of answers; what a listing means for a role. Errors: { error: { code, message, field?, line? } } with 400 (validation, naming the field), 404, 413 (upload too large), 422 (unreadable CSV, naming the line).',
  },
  // Every route takes a bearer key when the server asks for keys; public routes override with `security: []`.
  components: { securitySchemes: { bearerAuth: { type: 'http' as const, scheme: 'bearer', description: 'An API key (`listwatch keys create --role R`) or a session key from POST /api/v1/auth/login. Without accounts configured (open single-user mode on loopback) no key is needed.' } } },
  security: [{ bearerAuth: [] }],
  tags: [
    { name: 'screen', description: 'Screen names' },
    { name: 'batch', description: 'Batch screening jobs' },
    { name: 'entities', description: 'Dossiers' },
    { name: 'lists', description: 'Lists, publications, diffs' },
    { name: 'meta', description: 'Health, events, sources' },
    { name: 'accounts', description: 'Sign-in, API keys and users (roles: viewer, analyst, admin)' },
    { name: 'audit', description: 'The hash-chained audit trail, evidence reports and case decisions' },
  ],
};

type Doc = { paths?: Record<string, Record<string, Record<string, unknown>>> } & Record<string, unknown>;

/**
 * Adds what route schemas cannot express: the job upload's request bodies (validated by the
 * handler, not Ajv, because multipart is streamed) and the CSV/JSONL result media types.
 */
export function patchOpenApi(input: { openapiObject: Partial<Record<string, unknown>> } | Record<string, unknown>): Record<string, unknown> {
  const doc = ('openapiObject' in input ? input.openapiObject : input) as Doc;
  const post = doc.paths?.['/api/v1/jobs']?.['post'];
  if (post) {
    post['requestBody'] = {
      required: true,
      content: {
        'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } },
        'text/csv': { schema: { type: 'string' } },
      },
    };
  }
  const results = doc.paths?.['/api/v1/jobs/{id}/results']?.['get'];
  if (results) {
    (results['responses'] as Record<string, unknown>)['200'] = {
      description: 'Results: text/csv (one row per hit) or application/x-ndjson (one ScreenResult per input row)',
      content: { 'text/csv': { schema: { type: 'string' } }, 'application/x-ndjson': { schema: { type: 'string' } } },
    };
  }
  return doc;
}
