import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test support (not used by the product): a real HTTP server on 127.0.0.1 whose answers the test
 * sets per path, and a log of the requests it got (path and conditional headers).
 */
export interface TestHttpServer {
  url: string;
  /** Requests received, in order. */
  log: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[];
  /** The handler of the next requests (replaceable between steps). */
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  close(): Promise<void>;
}

/** Starts a server on a free port of 127.0.0.1. Hanging responses are destroyed on close. */
export async function startTestHttpServer(): Promise<TestHttpServer> {
  const sockets = new Set<import('node:net').Socket>();
  const state: TestHttpServer = {
    url: '',
    log: [],
    handle: (_req, res) => { res.statusCode = 404; res.end(); },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server: Server = createServer((req, res) => {
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    state.log.push({ path: req.url ?? '', ...(typeof inm === 'string' ? { ifNoneMatch: inm } : {}), ...(typeof ims === 'string' ? { ifModifiedSince: ims } : {}) });
    state.handle(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** Files by name with an ETag and Last-Modified; answers 304 to a matching If-None-Match, 404 to others. */
export function serveFiles(files: Record<string, Buffer>, version: { etag: string; lastModified: string }, opts: { conditional?: boolean } = {}) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const name = (req.url ?? '').split('?')[0]!.replace(/^.*\//, '');
    const body = files[name];
    if (!body) { res.statusCode = 404; res.end('not found'); return; }
    const etag = `"${version.etag}-${name}"`;
    if ((opts.conditional ?? true) && req.headers['if-none-match'] === etag) { res.statusCode = 304; res.end(); return; }
    res.setHeader('content-type', 'text/csv');
    if (opts.conditional ?? true) res.setHeader('etag', etag);
    res.setHeader('last-modified', version.lastModified);
    res.setHeader('content-length', String(body.byteLength));
    res.end(body);
  };
}
