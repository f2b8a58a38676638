import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListwatchError } from '../../core/errors.js';
import type { RegisterCommand } from './index.js';

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

/** `listwatch serve [--port 8080] [--host 127.0.0.1]`: the HTTP API and the web UI on the store. */
export const registerServe: RegisterCommand = (program, ctx) => {
  program
    .command('serve')
    .description('serve the HTTP API (/api/v1, OpenAPI at /openapi.json) and the web UI')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--jobs-dir <dir>', 'where uploaded batch files are kept (default <db>/jobs)')
    .option('--max-upload-mb <n>', 'largest accepted upload in MiB', '50')
    .option('--refresh-ms <n>', 'how often (at most) to look for changes other processes made to the store, in ms; 0 = on every screen', '2000')
    .action(async (opts: { port: string; host: string; jobsDir?: string; maxUploadMb: string; refreshMs: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ListwatchError('BAD_INPUT', `--port: "${opts.port}" is not a port number`, { field: 'port' });
      const maxMb = Number(opts.maxUploadMb);
      if (!(maxMb > 0)) throw new ListwatchError('BAD_INPUT', `--max-upload-mb: "${opts.maxUploadMb}" is not a positive number`, { field: 'max-upload-mb' });
      const refreshMs = Number(opts.refreshMs);
      if (!Number.isInteger(refreshMs) || refreshMs < 0) throw new ListwatchError('BAD_INPUT', `--refresh-ms: "${opts.refreshMs}" is not a whole number of milliseconds`, { field: 'refresh-ms' });
      const dbDir = ctx.dbDir();
      const store = await ctx.store();
      const { createApp } = await import('../../server/app.js');
      const webDir = webDistDir();
      const app = await createApp({
        store,
        today: () => new Date().toISOString().slice(0, 10),
        jobsDir: path.resolve(opts.jobsDir ?? path.join(dbDir, 'jobs')),
        maxUploadBytes: Math.round(maxMb * 1024 * 1024),
        refreshIntervalMs: refreshMs,
        ...(webDir ? { webDir } : {}),
      });
      const url = await app.listen({ port, host: opts.host });
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
