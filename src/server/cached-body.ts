import { gzipSync } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply } from 'fastify';

/** Bodies smaller than this are sent as they are: gzip would save less than it costs. */
const GZIP_MIN_BYTES = 1024;

interface Body {
  raw: Buffer;
  /** Made on the first request that accepts gzip. */
  gz?: Buffer;
}

/**
 * A route's serialised answers, kept per answer object: the read services hand out the same
 * object for equal requests until the record's revision moves, so a large answer (every list with
 * its publications, a list's diff) is serialised once, not once per request. Kept as bytes (a
 * 130 KB string re-encoded on every send cost a third of the server's time under load) and, for
 * clients that accept it, gzipped once too. One cache per route, because the route's response
 * schema decides the text. Objects die with their revision's caches.
 */
export function cachedJson(): (reply: FastifyReply, value: object) => FastifyReply {
  const bodies = new WeakMap<object, Body>();
  return (reply, value) => {
    let body = bodies.get(value);
    if (body === undefined) {
      // The route's own serializer (its response schema), as if the object had been returned.
      const text = reply.serialize(value) as string;
      body = { raw: Buffer.from(text, 'utf8') };
      bodies.set(value, body);
    }
    reply.type('application/json; charset=utf-8');
    if (body.raw.length < GZIP_MIN_BYTES) return reply.send(body.raw);
    reply.header('vary', 'Accept-Encoding');
    if (!acceptsGzip(reply.request.headers['accept-encoding'])) return reply.send(body.raw);
    body.gz ??= gzipSync(body.raw, { level: 6 });
    return reply.header('content-encoding', 'gzip').send(body.gz);
  };
}

/**
 * Whether an Accept-Encoding header prefers gzip to the plain body (absent, `identity` or
 * `gzip;q=0` → false). Content codings are case-insensitive (RFC 9110 §8.4.1); the negotiator is not.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const v = Array.isArray(header) ? header.join(',') : header;
  // Fastify's own negotiator (what @fastify/static uses); no cache, whose keys a client would choose.
  return !!v && negotiate(v.toLowerCase(), ['gzip', 'identity']) === 'gzip';
}
