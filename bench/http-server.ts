// The server the HTTP benchmark loads, in its own process so the load generator does not share its
// event loop. Args: <store dir or postgres:// URL> <jobs dir> <cache size>. Prints the URL on stdout; stops on SIGTERM.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSeeded } from '../src/app/seed.js';
import { createApp } from '../src/server/app.js';
import { openStore } from '../src/store/open.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [dbDir, jobsDir, cacheSize] = process.argv.slice(2);
if (!dbDir || !jobsDir) throw new Error('usage: http-server.ts <store dir> <jobs dir> [cache size]');
const store = await openStore(/^postgres(ql)?:\/\//.test(dbDir) ? { databaseUrl: dbDir } : { dbDir });
await ensureSeeded(store, path.join(root, 'data'), () => undefined);
const app = await createApp({
  store, today: () => new Date().toISOString().slice(0, 10), jobs: { worker: false },
  ...(cacheSize !== undefined ? { screenCacheSize: Number(cacheSize) } : {}),
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(url + '\n');
process.once('SIGTERM', () => {
  void app.close().then(() => store.close()).then(() => process.exit(0));
});
