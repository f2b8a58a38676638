// The mixed benchmark's floor: a Fastify server whose routes do no work (a small JSON answer), in
// its own process like the real one, so the report shows what the harness and this machine give
// before listwatch costs anything. Prints its URL on stdout; stops on SIGTERM.
import Fastify from 'fastify';

const app = Fastify();
app.get('/api/v1/health', async () => ({ status: 'ok' }));
app.get('/*', async (req) => ({ path: req.url.length }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(url + '\n');
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
