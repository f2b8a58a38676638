import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ListwatchError } from '../../core/errors.js';
import { RULE_ROLES } from '../../core/rules/types.js';
import type { Role } from '../../app/types.js';
import { addItems, checkItem, deleteWatchlist, listAlerts, listWatchlists, markAlertsRead, readWatchCsv, requireWatchlist, watchlistStatus, MAX_WATCH_ITEMS } from '../../app/watchlists/index.js';
import type { WatchItemInput } from '../../app/watchlists/types.js';
import { addHook, alertsAtom, deliveries, listHooks, removeHook, replayDeliveries } from '../../app/alerts/index.js';
import type { ServerContext } from '../context.js';
import { errors, inline, ok, okArray } from '../schemas.js';

const nameParams = { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 } } } as const;
const actorOf = (req: FastifyRequest): string => req.principal?.actor ?? 'local:open';

/** What POST /watchlists/:name/items takes as JSON. */
interface ItemsBody {
  items: Record<string, unknown>[];
  replace?: boolean;
  role?: Role;
  threshold?: number;
  notice_days?: number;
  email?: string;
}

/** Counterparties from a JSON body (checked one by one, naming the item) or a CSV body. */
async function itemsFromBody(body: unknown): Promise<{ items: WatchItemInput[]; opts: Omit<ItemsBody, 'items'> }> {
  if (typeof body === 'string') return { items: await readWatchCsv({ text: body }), opts: {} };
  const b = body as ItemsBody | undefined;
  if (!b || !Array.isArray(b.items)) throw new ListwatchError('BAD_INPUT', 'body: give { "items": [{ "name": … }] } as JSON, or a CSV with a "name" column as text/csv', { field: 'items' });
  if (b.items.length > MAX_WATCH_ITEMS) throw new ListwatchError('TOO_LARGE', `${b.items.length} counterparties; a watchlist holds at most ${MAX_WATCH_ITEMS}`, { field: 'items' });
  const items = b.items.map((raw, i) => {
    try {
      return checkItem(raw);
    } catch (e) {
      if (e instanceof ListwatchError) throw new ListwatchError(e.code, `items[${i}]: ${e.message}`, { field: `items[${i}].${e.where?.field ?? ''}` });
      throw e;
    }
  });
  const { items: _i, ...opts } = b;
  return { items, opts };
}

/** Watchlists, their counterparties' status, webhooks, alerts and each watchlist's Atom feed. */
export function watchRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/watchlists', {
    config: { access: 'viewer' },
    schema: { tags: ['watchlists'], operationId: 'listWatchlists', summary: 'Every watchlist with its counts (counterparties, hits, alerts, unread)', response: { 200: okArray('WatchlistSummary'), ...errors(401, 403) } },
    handler: async () => listWatchlists(ctx.store),
  });

  app.get<{ Params: { name: string } }>('/watchlists/:name', {
    config: { access: 'viewer' },
    schema: { tags: ['watchlists'], operationId: 'getWatchlist', summary: 'A watchlist and each counterparty\'s current status (hits, listed relatives, obligations)', params: nameParams, response: { 200: ok('WatchlistStatus'), ...errors(401, 403, 404) } },
    handler: async (req) => watchlistStatus(ctx.store, req.params.name),
  });

  app.post<{ Params: { name: string }; Body: unknown; Querystring: { replace?: boolean } }>('/watchlists/:name/items', {
    config: { access: 'analyst' },
    bodyLimit: ctx.maxUploadBytes,
    schema: {
      tags: ['watchlists'], operationId: 'addWatchlistItems',
      summary: 'Create the watchlist if needed and add or update counterparties: JSON { items: [{ name, country?, isin?, uscc?, lei?, ticker?, ref? }], replace?, role?, threshold?, notice_days?, email? } or a CSV (text/csv) with a "name" column',
      params: nameParams,
      querystring: { type: 'object', additionalProperties: false, properties: { replace: { type: 'boolean', description: 'drop counterparties not given (CSV bodies; JSON has `replace`)' } } },
      response: { 200: ok('AddItemsResult'), ...errors(400, 401, 403, 413) },
    },
    handler: async (req) => {
      const { items, opts } = await itemsFromBody(req.body);
      if (opts.role !== undefined && !RULE_ROLES.includes(opts.role)) throw new ListwatchError('BAD_INPUT', `role "${String(opts.role)}" is not one of ${RULE_ROLES.join(', ')}`, { field: 'role' });
      return addItems(ctx.store, req.params.name, items, {
        today: ctx.today(), now: ctx.now, actor: actorOf(req), ...(opts.replace || req.query.replace ? { replace: true } : {}),
        settings: { ...(opts.role ? { role: opts.role } : {}), ...(opts.threshold !== undefined ? { threshold: Number(opts.threshold) } : {}), ...(opts.notice_days !== undefined ? { noticeDays: Number(opts.notice_days) } : {}), ...(opts.email ? { email: String(opts.email) } : {}) },
      });
    },
  });

  app.delete<{ Params: { name: string } }>('/watchlists/:name', {
    config: { access: 'analyst' },
    schema: { tags: ['watchlists'], operationId: 'deleteWatchlist', summary: 'Delete a watchlist with its counterparties, alerts and webhooks', params: nameParams, response: { 200: inline({ removed: { type: 'string' } }, { removed: 'suppliers' }, ['removed']), ...errors(401, 403, 404) } },
    handler: async (req) => {
      await deleteWatchlist(ctx.store, req.params.name);
      return { removed: req.params.name };
    },
  });

  app.get<{ Params: { name: string } }>('/watchlists/:name/hooks', {
    config: { access: 'analyst' },
    schema: { tags: ['watchlists'], operationId: 'listWebhooks', summary: 'A watchlist\'s webhooks (without secrets)', params: nameParams, response: { 200: okArray('Webhook'), ...errors(401, 403, 404) } },
    handler: async (req) => (await listHooks(ctx.store, req.params.name)).map((h) => ({ ...h, watchlist: req.params.name })),
  });

  app.post<{ Params: { name: string }; Body: { url: string; secret: string } }>('/watchlists/:name/hooks', {
    config: { access: 'analyst' },
    schema: {
      tags: ['watchlists'], operationId: 'addWebhook',
      summary: 'POST this watchlist\'s alerts to a URL, signed: X-Listwatch-Signature: t=UNIX_SECONDS,v1=HEX, HEX = HMAC-SHA256(secret, t + "." + body)',
      params: nameParams,
      body: { type: 'object', required: ['url', 'secret'], additionalProperties: false, properties: { url: { type: 'string', maxLength: 2000 }, secret: { type: 'string', maxLength: 500 } } },
      response: { 200: ok('Webhook'), ...errors(400, 401, 403, 404) },
    },
    handler: async (req) => addHook(ctx.store, req.params.name, req.body.url, req.body.secret, ctx.now()),
  });

  app.delete<{ Params: { name: string; hook: string } }>('/watchlists/:name/hooks/:hook', {
    config: { access: 'analyst' },
    schema: { tags: ['watchlists'], operationId: 'deleteWebhook', summary: 'Remove a webhook', params: { type: 'object', required: ['name', 'hook'], properties: { name: { type: 'string' }, hook: { type: 'string' } } }, response: { 200: inline({ removed: { type: 'string' } }, { removed: '6d0c7b1e-3b7a-4c55-9d2e-0f1f2a3b4c5d' }, ['removed']), ...errors(401, 403, 404) } },
    handler: async (req) => {
      await removeHook(ctx.store, req.params.name, req.params.hook);
      return { removed: req.params.hook };
    },
  });

  app.get<{ Params: { name: string } }>('/watchlists/:name/feed.atom', {
    config: { access: 'viewer' },
    schema: {
      tags: ['watchlists'], operationId: 'getWatchlistFeed', summary: 'The watchlist\'s alerts as an Atom feed (newest 200)', params: nameParams,
      response: { 200: { description: 'Atom 1.0 XML', content: { 'application/atom+xml': { schema: { type: 'string', example: '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">…</feed>' } } } }, ...errors(401, 403, 404) },
    },
    handler: async (req, reply) => {
      await requireWatchlist(ctx.store, req.params.name);
      const alerts = await listAlerts(ctx.store, { watchlist: req.params.name, limit: 200 });
      const base = `${req.protocol}://${req.host}`;
      const xml = alertsAtom(req.params.name, alerts, { selfUrl: `${base}/api/v1/watchlists/${encodeURIComponent(req.params.name)}/feed.atom`, siteUrl: `${base}/`, updated: new Date(ctx.now()) });
      reply.type('application/atom+xml; charset=utf-8');
      return xml;
    },
  });

  app.get<{ Querystring: { watch?: string; since?: string; unread?: boolean; limit?: number } }>('/alerts', {
    config: { access: 'viewer' },
    schema: {
      tags: ['alerts'], operationId: 'listAlerts', summary: 'Alerts, newest first',
      querystring: { type: 'object', additionalProperties: false, properties: {
        watch: { type: 'string', description: 'only this watchlist' },
        since: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}', description: 'raised on or after this day or ISO time' },
        unread: { type: 'boolean', description: 'only unread alerts' },
        limit: { type: 'integer', minimum: 1, maximum: 10000 },
      } },
      response: { 200: okArray('Alert'), ...errors(400, 401, 403, 404) },
    },
    handler: async (req) => listAlerts(ctx.store, { ...(req.query.watch ? { watchlist: req.query.watch } : {}), ...(req.query.since ? { since: req.query.since } : {}), ...(req.query.unread ? { unreadOnly: true } : {}), ...(req.query.limit ? { limit: req.query.limit } : {}) }),
  });

  app.post<{ Body: { ids?: string[]; watch?: string } }>('/alerts/read', {
    config: { access: 'viewer' },
    schema: {
      tags: ['alerts'], operationId: 'markAlertsRead', summary: 'Mark alerts read (by id, or every alert of a watchlist)',
      body: { type: 'object', additionalProperties: false, properties: { ids: { type: 'array', items: { type: 'string' }, maxItems: 10000 }, watch: { type: 'string' } } },
      response: { 200: inline({ read: { type: 'integer' } }, { read: 3 }, ['read']), ...errors(400, 401, 403, 404) },
    },
    handler: async (req) => ({ read: await markAlertsRead(ctx.store, req.body.watch ? { watchlist: req.body.watch } : { ids: req.body.ids ?? [] }, ctx.now()) }),
  });

  app.get<{ Querystring: { watch?: string; status?: string } }>('/alerts/deliveries', {
    config: { access: 'admin' },
    schema: {
      tags: ['alerts'], operationId: 'listDeliveries', summary: 'Each delivery (webhook, e-mail) with its state, attempts and last error',
      querystring: { type: 'object', additionalProperties: false, properties: { watch: { type: 'string' }, status: { type: 'string', enum: ['pending', 'delivered', 'dead'] } } },
      response: { 200: okArray('Delivery'), ...errors(400, 401, 403, 404) },
    },
    handler: async (req) => {
      const wl = req.query.watch ? await requireWatchlist(ctx.store, req.query.watch) : null;
      return deliveries(ctx.store, { ...(wl ? { watchlistId: wl.id } : {}), ...(req.query.status ? { status: req.query.status } : {}) });
    },
  });

  app.post<{ Body: { watch?: string; alerts?: string[]; since?: string; all?: boolean } }>('/alerts/replay', {
    config: { access: 'admin' },
    schema: {
      tags: ['alerts'], operationId: 'replayDeliveries', summary: 'Make dead-lettered deliveries (with all: also delivered ones) pending again, due now',
      body: { type: 'object', additionalProperties: false, properties: { watch: { type: 'string' }, alerts: { type: 'array', items: { type: 'string' } }, since: { type: 'string' }, all: { type: 'boolean' } } },
      response: { 200: inline({ replayed: { type: 'integer' } }, { replayed: 2 }, ['replayed']), ...errors(400, 401, 403, 404) },
    },
    handler: async (req) => {
      const b = req.body ?? {};
      const wl = b.watch ? await requireWatchlist(ctx.store, b.watch) : null;
      return { replayed: await replayDeliveries(ctx.store, { ...(wl ? { watchlistId: wl.id } : {}), ...(b.alerts ? { alertIds: b.alerts } : {}), ...(b.since ? { since: b.since } : {}), ...(b.all ? { all: true } : {}) }, ctx.now()) };
    },
  });
}
