// The OpenAPI document as a contract: every route documented the same way (operationId, typed 2xx
// schema, examples), real answers valid against their schemas, and a client generated from
// /openapi.json (openapi-typescript + openapi-fetch) that type-checks and runs against a listening server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { Ajv } from 'ajv';
import ts from 'typescript';
import openapiTS, { astToString } from 'openapi-typescript';
import { pgliteLocation } from '../store/testing.js';
import { repoRoot, serverFixture, TODAY } from './test-support/app.js';
import type { ServerFixture } from './test-support/app.js';

type Schema = Record<string, unknown>;
type Operation = { operationId?: string; responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, unknown> } };

const DOD = 'us-dod-1260h';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('OpenAPI contract', () => {
  let fx: ServerFixture;
  let app: FastifyInstance;
  let doc: Doc;
  let entityId = '';

  before(async () => {
    fx = await serverFixture({ name: 'pglite', location: pgliteLocation });
    app = await fx.app();
    doc = (await app.inject('/openapi.json')).json<Doc>();
    entityId = (await fx.store.getDesignations({ listId: DOD })).find((d) => d.to === null)!.entityId;
  });
  after(async () => {
    await app?.close();
    await fx?.dispose();
  });

  const operations = (): [string, string, Operation][] =>
    Object.entries(doc.paths).flatMap(([p, item]) => METHODS.filter((m) => item[m]).map((m) => [p, m, item[m]!] as [string, string, Operation]));

  test('every operation has a unique operationId and a typed success schema', () => {
    const seen = new Map<string, string>();
    for (const [p, m, op] of operations()) {
      const where = `${m.toUpperCase()} ${p}`;
      assert.ok(op.operationId, `${where}: operationId`);
      assert.ok(!seen.has(op.operationId), `${where}: operationId ${op.operationId} also used by ${seen.get(op.operationId)}`);
      seen.set(op.operationId, where);
      const okStatus = Object.keys(op.responses ?? {}).find((s) => s.startsWith('2'));
      assert.ok(okStatus, `${where}: a 2xx response`);
      const content = op.responses?.[okStatus]?.content ?? {};
      for (const [type, media] of Object.entries(content)) {
        const s = media.schema ?? {};
        if (type !== 'application/json') continue;
        const bare = s['type'] === 'object' && !s['properties'] && !s['$ref'] && !s['allOf'] && !s['additionalProperties'];
        const bareOpen = s['type'] === 'object' && !s['properties'] && s['additionalProperties'] === true;
        assert.ok(!bare && !bareOpen, `${where}: ${okStatus} is an untyped object`);
      }
    }
    assert.ok(doc.paths['/api/v1/publications/{id}'], 'the publication route has a named parameter');
    assert.ok(doc.components.securitySchemes?.['bearerAuth'], 'bearer security scheme');
  });

  test('shared components exist, each with an example', () => {
    for (const name of ['ScreenResult', 'ScreenHit', 'Explanation', 'Dossier', 'ListSummary', 'PublicationDiff', 'Publication', 'ListEvent', 'Source', 'Error']) {
      const c = doc.components.schemas[name];
      assert.ok(c, `component ${name}`);
      assert.ok(c['example'] !== undefined, `component ${name} has an example`);
    }
  });

  test('real answers are valid against their documented schemas', async () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema, `#/components/schemas/${name}`);
    const check = async (method: 'GET' | 'POST', url: string, docPath: string, payload?: unknown): Promise<void> => {
      const r = await app.inject({ method, url, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
      assert.equal(r.statusCode, 200, `${url}: ${r.body.slice(0, 200)}`);
      const schema = doc.paths[docPath]![method.toLowerCase()]!.responses!['200']!.content!['application/json']!.schema!;
      const validate = ajv.compile(schema);
      const body: unknown = r.json();
      assert.ok(validate(body), `${url}: ${ajv.errorsText(validate.errors)}`);
    };
    const enc = encodeURIComponent;
    const pubs = (await fx.store.getPublications(DOD)).filter((p) => p.kind === 'edition');
    await check('GET', `/api/v1/screen?q=${enc('Tencent Holdings')}&role=us-investor&as_of=${TODAY}`, '/api/v1/screen');
    await check('POST', '/api/v1/screen', '/api/v1/screen', { names: ['Huawei', '腾讯'], role: 'dod-contractor' });
    await check('GET', `/api/v1/entities/${enc(entityId)}?role=dod-contractor`, '/api/v1/entities/{id}');
    await check('GET', `/api/v1/entities/${enc(entityId)}/timeline`, '/api/v1/entities/{id}/timeline');
    await check('GET', `/api/v1/entities/${enc(entityId)}/relations`, '/api/v1/entities/{id}/relations');
    await check('GET', `/api/v1/entities/${enc(entityId)}/obligations`, '/api/v1/entities/{id}/obligations');
    await check('GET', '/api/v1/lists', '/api/v1/lists');
    await check('GET', `/api/v1/lists/${DOD}`, '/api/v1/lists/{id}');
    await check('GET', `/api/v1/lists/${DOD}/diff?from=${enc(pubs[0]!.id)}&to=${enc(pubs[pubs.length - 1]!.id)}`, '/api/v1/lists/{id}/diff');
    await check('GET', `/api/v1/publications/${enc(pubs[0]!.id)}`, '/api/v1/publications/{id}');
    await check('GET', '/api/v1/events', '/api/v1/events');
    await check('GET', '/api/v1/sources', '/api/v1/sources');
    await check('GET', '/api/v1/health', '/api/v1/health');
  });

  test('a client generated from /openapi.json type-checks and calls screen, dossier and batch on a listening server', async () => {
    const dir = path.join(repoRoot, '.tmp', `openapi-client-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const ast = await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0]);
      writeFileSync(path.join(dir, 'api.d.ts'), astToString(ast));
      // The client a user would write: typed paths, typed bodies; no casts.
      writeFileSync(path.join(dir, 'client.ts'), `
import createClient from 'openapi-fetch';
import type { paths } from './api.js';

export async function run(baseUrl: string, entityId: string): Promise<{ topHit: string | undefined; active: boolean | undefined; dossierName: string; timelineKinds: string[]; jobStatus: string; publicationTitle: string }> {
  const client = createClient<paths>({ baseUrl });
  const screen = await client.GET('/api/v1/screen', { params: { query: { q: 'Tencent Holdings', role: 'us-investor' } } });
  if (!screen.data) throw new Error('screen failed');
  const top = screen.data.hits[0];
  const score: number | undefined = top?.score;
  void score;
  const dossier = await client.GET('/api/v1/entities/{id}', { params: { path: { id: entityId } } });
  if (!dossier.data) throw new Error('dossier failed');
  const job = await client.POST('/api/v1/jobs', { body: 'name\\nHuawei\\n', bodySerializer: (b) => b, headers: { 'content-type': 'text/csv' } });
  if (!job.data) throw new Error('batch failed: ' + JSON.stringify(job.error));
  const pub = await client.GET('/api/v1/publications/{id}', { params: { path: { id: 'us-dod-1260h/2025-01-07' } } });
  if (!pub.data) throw new Error('publication failed');
  return {
    topHit: top?.name, active: top?.active, dossierName: dossier.data.entity.name,
    timelineKinds: dossier.data.timeline.map((s) => s.kind), jobStatus: job.data.status, publicationTitle: pub.data.title,
  };
}
`);
      const program = ts.createProgram([path.join(dir, 'client.ts')], {
        target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true, noUncheckedIndexedAccess: true, noEmit: true, skipLibCheck: true, lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      });
      const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      assert.deepEqual(diags, [], 'the generated client type-checks');

      const server = await fx.app();
      try {
        const base = await server.listen({ port: 0, host: '127.0.0.1' });
        const mod = (await import(pathToFileURL(path.join(dir, 'client.ts')).href)) as { run: (b: string, id: string) => Promise<{ topHit?: string; active?: boolean; dossierName: string; timelineKinds: string[]; jobStatus: string; publicationTitle: string }> };
        const out = await mod.run(base, entityId);
        assert.match(out.topHit ?? '', /Tencent/);
        assert.equal(out.active, true);
        assert.equal(out.dossierName, (await fx.store.getEntity(entityId))!.name);
        assert.ok(out.timelineKinds.includes('designation'));
        assert.ok(['queued', 'running', 'done'].includes(out.jobStatus));
        assert.equal(out.publicationTitle, (await fx.store.getPublication('us-dod-1260h/2025-01-07'))!.title);
        await server.jobs.settled();
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
