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
    { name: 'interop', description: 'yente-compatible /match, OpenRefine reconciliation, FollowTheMoney export' },
    { name: 'accounts', description: 'Sign-in, API keys and users (roles: viewer, analyst, admin)' },
    { name: 'audit', description: 'The hash-chained audit trail, evidence reports and case decisions' },
  ],
};

/**
 * Names emitted components by their `$id` (`#/components/schemas/ScreenResult`) instead of
 * @fastify/swagger's default `def-N`, so generated clients get readable type names.
 */
export const swaggerRefResolver = {
  buildLocalReference(json: { $id?: unknown }, _baseUri: unknown, _fragment: unknown, i: number): string {
    return typeof json.$id === 'string' ? json.$id : `def-${i}`;
  },
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
  // The publication route is a wildcard (ids hold a slash); a generated client needs a named
  // parameter: `{id}`, sent URL-encoded (us-dod-1260h%2F2025-01-07), which the route decodes.
  const pubs = doc.paths?.['/api/v1/publications/{*}'];
  if (pubs && doc.paths) {
    delete doc.paths['/api/v1/publications/{*}'];
    const get = { ...(pubs['get'] ?? {}) };
    get['parameters'] = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Publication id, URL-encoded (us-dod-1260h%2F2025-01-07); the slash may also be sent as is', example: 'us-dod-1260h/2025-01-07' }];
    doc.paths['/api/v1/publications/{id}'] = { ...pubs, get };
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
