import { existsSync } from 'node:fs';
import { requiredNumber } from '../numbers.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListwatchError } from '../../core/errors.js';
import type { RegisterCommand } from './index.js';
import { workerOptionsFromEnv } from './worker.js';
import { batchLimitsFromEnv } from '../../app/screen/batch-io-limits.js';

/** The built web UI (web/dist), found relative to this file (works from src/ and dist/src/). */
export function webDistDir(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'web', 'dist', 'index.html');
    if (existsSync(candidate)) return path.dirname(candidate);
    dir = path.dirname(dir);
  }
  return undefined;
}

/** True for an address only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\./.test(h);
}

/** `listwatch serve [--port 8080] [--host 127.0.0.1]`: the HTTP API and the web UI on the store. */
export const registerServe: RegisterCommand = (program, ctx) => {
  program
    .command('serve')
    .description('serve the HTTP API (/api/v1, OpenAPI at /openapi.json) and the web UI')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--no-worker', 'do not run batch jobs in this process (beside PostgreSQL, run `listwatch worker` processes instead)')
    .option('--max-upload-mb <n>', 'largest accepted upload in MiB', '50')
    .option('--refresh-ms <n>', 'how often (at most) to look for changes other processes made to the store, in ms; 0 = on every screen', '2000')
    .option('--cors-origin <origin...>', 'allow browser calls from these origins (CORS); default none')
    .option('--rate-limit <n>', 'requests per minute per API key (when keys are required)', '600')
    .option('--no-log', 'no request log on stdout')
    .option('--sync-every-hours <h>', 'check the official sources every H hours (base URLs: env LISTWATCH_SYNC_URLS=id=URL,…)', '24')
    .option('--no-sync', 'no scheduled sync (POST /api/v1/sync still runs it)')
    .option('--deliver-every-s <s>', 'send pending alert deliveries every S seconds (e-mail: env LISTWATCH_SMTP_URL, LISTWATCH_SMTP_FROM)', '15')
    .action(async (opts: { port: string; host: string; worker: boolean; maxUploadMb: string; refreshMs: string; corsOrigin?: string[]; rateLimit: string; log: boolean; syncEveryHours: string; sync: boolean; deliverEveryS: string }) => {
      const syncHours = requiredNumber(opts.syncEveryHours, '--sync-every-hours', { above: 0 });
      const deliverS = requiredNumber(opts.deliverEveryS, '--deliver-every-s', { above: 0 });
      const { parseSourceUrls } = await import('../../app/sync/config.js');
      const { deliveryEnv } = await import('./alerts.js');
      const syncUrls = parseSourceUrls(ctx.env?.LISTWATCH_SYNC_URLS);
      const deliverEnv = await deliveryEnv(ctx);
      const port = requiredNumber(opts.port, '--port', { integer: true, min: 0, max: 65535 });
      const maxMb = requiredNumber(opts.maxUploadMb, '--max-upload-mb', { above: 0 });
      const refreshMs = requiredNumber(opts.refreshMs, '--refresh-ms', { integer: true, min: 0 });
      const rate = requiredNumber(opts.rateLimit, '--rate-limit', { integer: true, min: 1 });
      const store = await ctx.store();
      const { hasAccounts, hasAdminKey } = await import('../../app/accounts/accounts.js');
      const loopback = isLoopback(opts.host);
      // Secure by default: reachable from other machines only with keys, and only once someone can manage them.
      if (!loopback && !(await hasAdminKey(store))) {
        throw new ListwatchError('BAD_INPUT', `refusing to serve on ${opts.host}, which other machines can reach, while no admin API key exists: create one with \`listwatch keys create --role admin\`, or serve on 127.0.0.1`, { field: 'host' });
      }
      const enforce = !loopback || (await hasAccounts(store));
      const { createApp } = await import('../../server/app.js');
      const webDir = webDistDir();
      const app = await createApp({
        store,
        today: () => new Date().toISOString().slice(0, 10),
        jobs: { worker: opts.worker ? workerOptionsFromEnv(ctx.env ?? {}) : false, limits: batchLimitsFromEnv(ctx.env ?? {}) },
        maxUploadBytes: Math.round(maxMb * 1024 * 1024),
        refreshIntervalMs: refreshMs,
        ...(webDir ? { webDir } : {}),
        ...(enforce ? { accounts: { rateLimit: { max: rate, timeWindowMs: 60_000 } } } : {}),
        ...(opts.corsOrigin?.length ? { corsOrigins: opts.corsOrigin } : {}),
        background: {
          sync: opts.sync ? { intervalMs: Math.round(syncHours * 3_600_000), urls: syncUrls } : false,
          deliverEveryMs: Math.round(deliverS * 1000),
          deliver: deliverEnv,
          log: (msg, err) => ctx.warn(`listwatch: ${msg}${err ? `: ${(err as Error).message}` : ''}`),
        },
        logger: opts.log,
        ...(process.env.LISTWATCH_CJK_FONT ? { cjkFont: process.env.LISTWATCH_CJK_FONT } : {}),
      });
      const url = await app.listen({ port, host: opts.host });
      ctx.warn(enforce
        ? `listwatch: API keys required (Authorization: Bearer KEY; roles admin, analyst, viewer; ${rate} requests/min per key)${opts.corsOrigin?.length ? `; CORS for ${opts.corsOrigin.join(', ')}` : ''}`
        : 'listwatch: OPEN single-user mode: no API keys exist, so anyone who can reach this loopback address can use the API without a key (create one with `listwatch keys create --role admin` to require keys)');
      ctx.warn(`listwatch: serving ${url} (API ${url}/api/v1, OpenAPI ${url}/openapi.json${webDir ? '' : '; web UI not built: npm run build'}) on ${store.engine}`);
      // Run until a signal; then stop jobs after their current chunk so they resume next start.
      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await app.close();
    });
};
