import { decodeBatchBytes } from '../app/screen/batch-io-limits.js';
import { installEdgeGuards } from './edges.js';
import { existsSync } from 'node:fs';
import Fastify, { LogController } from 'fastify';
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { IsoDate } from '../core/model.js';
import type { Store } from '../store/store.js';
import type { ServerContext } from './context.js';
import { installErrorHandlers, toHttpError } from './errors.js';
import { Jobs, type InProcessWorkerOptions } from '../app/jobs/jobs.js';
import type { JobLimits } from '../app/jobs/batch.js';
import { backgroundJobTypes } from '../app/jobs/background.js';
import { openApiInfo, patchOpenApi, swaggerRefResolver } from './openapi.js';
import { registerComponents } from './schemas.js';
import { entityRoutes } from './routes/entities.js';
import { exportRoutes, interopRoutes } from './routes/interop.js';
import { jobRoutes } from './routes/jobs.js';
import { listRoutes } from './routes/lists.js';
import { metaRoutes } from './routes/meta.js';
import { runRoutes } from './routes/runs.js';
import { screenRoutes } from './routes/screen.js';
import { watchRoutes } from './routes/watch.js';
import { syncRoutes } from './routes/sync.js';
import { watchComponents } from './routes/watch-schemas.js';
import { Background, type BackgroundOptions } from './background.js';
import type { Services } from './services.js';
import { createServices } from './wiring.js';
import { installAuth } from './auth/hook.js';
import type { AccountsOptions } from './auth/hook.js';
import { accountRoutes } from './auth/routes.js';
import { auditRoutes } from './routes/audit.js';
import { decisionRoutes } from './routes/decisions.js';
import { reportRoutes } from './routes/report.js';
import { createServerAudit } from './auth/screening.js';
import { createDecisionReader } from '../app/decisions/decisions.js';

/** Pino options: headers that carry secrets are redacted should anything log a request object. */
const requestLogger = { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'] };

/** What createApp needs. Only the entry point (serve command, tests) reads env, files and the clock. */
export interface AppDeps {
  store: Store;
  /** Today's date, asked per request so a long-running server moves with the calendar. */
  today: () => IsoDate;
  /** The services; default: the real app services over `store` (screening index built once). */
  services?: Services;
  /** Largest accepted upload in bytes (413 above it). Default 50 MiB. */
  maxUploadBytes?: number;
  /** The built web UI (web/dist). Omitted or missing: the API only. */
  webDir?: string;
  /** Screen answers kept for reuse (default 10,000; 0 disables the cache). */
  screenCacheSize?: number;
  /**
   * Least ms between two checks of the store revision on the screen path (default 2,000; 0 = every
   * screen). Another process's change to the record (a CLI import on the same PostgreSQL) is served
   * after the next check.
   */
  refreshIntervalMs?: number;
  /**
   * Batch jobs. Uploads, progress and results live in the store and the queue is pg-boss on the
   * same database, so this server keeps no job state. `worker` runs a job worker inside this
   * process (default on: the embedded store has no other way to run jobs; beside PostgreSQL a
   * scale-out deployment passes `false` and runs `listwatch worker` processes instead).
   */
  jobs?: { worker?: InProcessWorkerOptions | false; maintenanceIntervalSeconds?: number; chunkSize?: number; limits?: JobLimits };
  /**
   * Fastify logger: false (default) or true. When on, one structured line per request (method,
   * path without the query, status, ms, actor, role, address): never a header, key or body.
   */
  logger?: boolean;
  /**
   * Accounts: given, every /api request needs `Authorization: Bearer KEY` with the role the route
   * declares (401/403), and each key is rate-limited. Omitted: open single-user mode (as before).
   */
  accounts?: AccountsOptions;
  /** Origins allowed to call the API from a browser (CORS). Omitted or empty: no CORS headers. */
  corsOrigins?: string[];
  /** Font with Chinese glyphs for PDF evidence reports (default /usr/share/fonts/truetype/wqy/wqy-microhei.ttc). */
  cjkFont?: string;
  /**
   * Sync, watchlist re-screening and alert delivery on timers (the serve command turns them on).
   * Omitted: no timers (tests); the routes still run them on request.
   */
  background?: BackgroundOptions;
}

/**
 * Builds the HTTP app (API under /api/v1, OpenAPI at /openapi.json, the UI at /) without
 * listening, so tests call `app.inject` and the serve command calls `app.listen`.
 * Closing the app stops the job runner after its current chunk; the caller closes the store.
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const maxUploadBytes = deps.maxUploadBytes ?? 50 * 1024 * 1024;
  const app = Fastify({
    // Off by request, errors are still logged (structured, pino): a 500 must not go unrecorded.
    logger: deps.logger ? requestLogger : { level: 'error' },
    // Fastify's own request lines are replaced by the one line per request below (no query strings, no headers).
    logController: new LogController({ disableRequestLogging: true }),
    // Ajv's default coerceTypes 'array' would turn "x" into ["x"]; scalar coercion only.
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
    routerOptions: { maxParamLength: 500 },
    // Fastify's own refusals (a URL that is not valid percent-encoding) get the same typed error body.
    frameworkErrors: (err, _req, reply) => {
      const { status, body } = toHttpError(err);
      // The reply here is typed for no route; the body is the same ErrorBody every error gets.
      void (reply as unknown as { code(n: number): { type(t: string): { send(b: unknown): unknown } } }).code(status).type('application/json').send(body);
    },
  });
  const services = deps.services ?? (await createServices(deps.store, {
    ...(deps.screenCacheSize !== undefined ? { screenCacheSize: deps.screenCacheSize } : {}),
    ...(deps.refreshIntervalMs !== undefined ? { refreshIntervalMs: deps.refreshIntervalMs } : {}),
    now: () => new Date().toISOString(),
    clock: () => performance.now(),
    onRefreshError: (err) => app.log.error({ err }, 'reloading the screening index failed; serving the previous one'),
  }));
  const now = (): string => new Date().toISOString();
  const worker = deps.jobs?.worker ?? {};
  const jobs = await Jobs.open(deps.store, {
    // The in-process worker runs the background jobs too (re-screens, deliveries, sync runs): the embedded store's only worker.
    worker: worker && {
      ...worker,
      extraTypes: [...(worker.extraTypes ?? []), ...backgroundJobTypes({ store: deps.store, today: deps.today, now, ...(deps.background?.deliver ? { deliver: deps.background.deliver } : {}) })],
    },
    ...(deps.jobs?.maintenanceIntervalSeconds !== undefined ? { maintenanceIntervalSeconds: deps.jobs.maintenanceIntervalSeconds } : {}),
    ...(deps.jobs?.chunkSize !== undefined ? { chunkSize: deps.jobs.chunkSize } : {}),
    ...(deps.jobs?.limits ? { limits: deps.jobs.limits } : {}),
    log: (msg, fields) => app.log.info({ ...fields, component: 'jobs' }, msg),
  });
  const ctx: ServerContext = {
    store: deps.store, services, jobs, today: deps.today, maxUploadBytes,
    audit: createServerAudit(deps.store, services), decisions: createDecisionReader(deps.store), authEnforced: Boolean(deps.accounts), now,
    ...(deps.cjkFont ? { cjkFont: deps.cjkFont } : {}),
  };

  // Exposed for tests and the serve command (e.g. wait for jobs before exiting).
  app.decorate('jobs', jobs);
  installErrorHandlers(app);
  // Before auth: a cross-origin write is refused whoever sends it; bad characters never reach a route.
  installEdgeGuards(app, { allowedOrigins: deps.corsOrigins ?? [] });
  // Before every route, so each gets the access check and the rate limit.
  await installAuth(app, { store: deps.store, ...(deps.accounts ? { accounts: deps.accounts } : {}), ...(deps.corsOrigins ? { corsOrigins: deps.corsOrigins } : {}), now });
  if (deps.logger) {
    app.addHook('onResponse', async (req, reply) => {
      req.log.info({ method: req.method, path: req.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime), actor: req.principal?.actor ?? null, role: req.principal?.role ?? null, ip: req.ip }, 'request');
    });
  }
  registerComponents(app); // shared response schemas, before any route references them
  registerComponents(app, watchComponents);
  const background = new Background(deps.store, deps.today, now, deps.background ?? { sync: false }, jobs);
  await app.register(swagger, { openapi: openApiInfo, refResolver: swaggerRefResolver, transformObject: (doc) => patchOpenApi(doc) });
  await app.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 10 }, throwFileSizeLimit: true });
  // As bytes, decoded like every batch path (UTF-16 or UTF-8, byte-order mark dropped).
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer', bodyLimit: maxUploadBytes }, (_req, body, done) => done(null, decodeBatchBytes(body as Buffer)));

  await app.register(async (api) => {
    screenRoutes(api, ctx);
    jobRoutes(api, ctx);
    entityRoutes(api, ctx);
    exportRoutes(api, ctx);
    listRoutes(api, ctx);
    metaRoutes(api, ctx);
    watchRoutes(api, ctx);
    syncRoutes(api, ctx, background);
    accountRoutes(api, { store: deps.store, now, enforced: ctx.authEnforced });
    decisionRoutes(api, ctx);
    auditRoutes(api, ctx);
    reportRoutes(api, ctx);
    runRoutes(api, ctx);
  }, { prefix: '/api/v1' });

  // yente and OpenRefine clients expect /match/{dataset} and /reconcile/{dataset} at the root.
  await app.register(async (root) => interopRoutes(root, ctx));

  app.get('/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  if (deps.webDir && existsSync(deps.webDir)) {
    await app.register(fastifyStatic, { root: deps.webDir, prefix: '/', index: ['index.html'], wildcard: true });
  }
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
  });

  app.addHook('onClose', async () => jobs.close());
  app.addHook('onClose', async () => background.stop());
  await app.ready();
  if (deps.background) background.start();
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The jobs capability (tests wait on `jobs.settled()`). */
    jobs: Jobs;
  }
}
