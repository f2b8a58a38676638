import type { FastifyReply } from 'fastify';

/**
 * A route's serialised answers, kept per answer object: the read services hand out the same
 * object for equal requests until the record's revision moves, so a large answer (every list with
 * its publications, a list's diff) is serialised once, not once per request. One cache per route,
 * because the route's response schema decides the text. Objects die with their revision's caches.
 */
export function cachedJson(): (reply: FastifyReply, value: object) => FastifyReply {
  const bodies = new WeakMap<object, string | Buffer | ArrayBuffer>();
  return (reply, value) => {
    let body = bodies.get(value);
    if (body === undefined) {
      // The route's own serializer (its response schema), as if the object had been returned.
      const text = reply.serialize(value);
      bodies.set(value, text);
      body = text;
    }
    return reply.type('application/json; charset=utf-8').send(body);
  };
}
