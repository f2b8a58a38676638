import { inline } from '../schemas.js';

type Json = Record<string, unknown>;
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const num = { type: 'number' } as const;
const nstr = { type: 'string', nullable: true } as const;
const open = (properties: Json): Json => ({ type: 'object', additionalProperties: true, properties });

// Examples: the bundled record's Huawei entry as a watchlist would show it.
const exListing = { listId: 'us-dod-1260h', listName: 'DoD Section 1260H list of Chinese military companies', printedName: 'Huawei Technologies Co., Ltd.', from: '2021-06-03', publicationId: 'us-dod-1260h/2021-06-03' };
const exAlert = {
  id: '3f1c0e5e8f2a4b7d9c6e1a2b3c4d5e6f', watchlist: 'suppliers', kind: 'new-hit', title: 'Huawei Technologies Co., Ltd.: matches Huawei Technologies Co., Ltd., now on DoD Section 1260H list of Chinese military companies',
  date: '2021-06-03', item: { key: 'ref:S-1001', name: 'Huawei Technologies Co., Ltd.', ref: 'S-1001' }, entity: { id: 'huawei-technologies', name: 'Huawei Technologies Co., Ltd.' },
  list: { id: 'us-dod-1260h', name: 'DoD Section 1260H list of Chinese military companies' }, publication: { id: 'us-dod-1260h/2021-06-03', title: 'Section 1260H list, June 2021', date: '2021-06-03' },
  sources: [{ id: 'fr-2025-00070', title: 'Federal Register notice', quality: 'P' }], createdAt: '2026-12-01T10:00:00.000Z', readAt: null,
};
const exWatchlist = { id: 'dad50df1-f511-40c7-ba7d-caf03c930ecd', name: 'suppliers', role: 'dod-contractor', noticeDays: 90, createdAt: '2026-12-01T09:15:55.898Z', updatedAt: '2026-12-01T09:15:55.898Z', items: 2, hits: 1, related: 0, alerts: 1, unread: 1, hooks: [] };

/** Response components of the watchlist, alert and sync routes (registered in app.ts). */
export const watchComponents: Record<string, Json> = {
  Alert: inline({
    id: str, watchlist: str, kind: { type: 'string', enum: ['new-hit', 'designation-ended', 'renamed', 'related-listed', 'obligation-due'] }, title: str, date: str,
    item: open({ key: str, name: str, ref: str }), entity: open({ id: str, name: str }), list: open({ id: str, name: str }), detail: str,
    publication: { ...open({ id: str, title: str, citation: str, date: str, url: str }), nullable: true },
    sources: { type: 'array', items: open({ id: str, title: str, url: str, date: str, quality: str }) }, createdAt: str, readAt: nstr,
  }, exAlert, ['id', 'watchlist', 'kind', 'title', 'date'], 'One change of the record touching one counterparty, with the publication that caused it and its sources'),
  WatchlistSummary: inline({
    id: str, name: str, role: str, threshold: num, noticeDays: int, email: str, createdAt: str, updatedAt: str, screenedAt: str,
    items: int, hits: int, related: int, alerts: int, unread: int, hooks: { type: 'array', items: open({ id: str, url: str }) },
  }, exWatchlist, ['id', 'name'], 'A watchlist with its counts'),
  WatchlistStatus: inline({
    watchlist: { $ref: 'WatchlistSummary#' },
    items: { type: 'array', items: open({
      key: str, position: int, name: str, country: str, isin: str, uscc: str, lei: str, ticker: str, ref: str,
      status: { type: 'string', enum: ['hit', 'related', 'clear', 'not-screened'] }, screenedAt: nstr,
      result: { ...open({ status: str, asOf: str, hits: { type: 'array', items: open({ entityId: str, name: str, score: num, matchedBy: str, matched: str, lists: { type: 'array', items: open({ listId: str, listName: str, printedName: str, from: str, publicationId: str }) } }) }, related: { type: 'array', items: open({ entityId: str, name: str, relation: str, ofEntityId: str, lists: { type: 'array', items: open({ listId: str, listName: str, printedName: str, from: str, publicationId: str }) } }) }, obligations: { type: 'array', items: open({ entityId: str, ruleId: str, listId: str, status: str, effectiveFrom: str, effect: str, citation: str }) } }), nullable: true },
    }) },
  }, { watchlist: exWatchlist, items: [{ key: 'ref:S-1001', position: 1, name: 'Huawei Technologies Co., Ltd.', ref: 'S-1001', status: 'hit', screenedAt: '2026-12-01T10:00:00.000Z', result: { status: 'hit', asOf: '2026-12-01', hits: [{ entityId: 'huawei-technologies', name: 'Huawei Technologies Co., Ltd.', score: 1, matchedBy: 'name', matched: 'Huawei Technologies Co., Ltd.', lists: [exListing] }], related: [], obligations: [] } }] }, ['watchlist', 'items'], 'A watchlist and each counterparty\'s current status'),
  AddItemsResult: inline({ watchlist: str, created: { type: 'boolean' }, added: int, updated: int, removed: int, total: int, alerts: int }, { watchlist: 'suppliers', created: true, added: 2, updated: 0, removed: 0, total: 2, alerts: 0 }, ['watchlist', 'total']),
  Webhook: inline({ id: str, watchlist: str, url: str, createdAt: str }, { id: '6d0c7b1e-3b7a-4c55-9d2e-0f1f2a3b4c5d', watchlist: 'suppliers', url: 'https://hooks.example.com/listwatch', createdAt: '2026-12-01T10:00:00.000Z' }, ['id', 'url']),
  DeliverResult: inline({ attempted: int, delivered: int, failed: int, dead: int, skipped: int }, { attempted: 3, delivered: 2, failed: 1, dead: 0, skipped: 0 }, ['attempted', 'delivered', 'failed', 'dead']),
  Delivery: inline({ alertId: str, channel: str, status: { type: 'string', enum: ['pending', 'delivered', 'dead'] }, attempts: int, nextAttemptAt: str, lastError: nstr, deliveredAt: nstr }, { alertId: '3f1c0e5e8f2a4b7d9c6e1a2b3c4d5e6f', channel: 'webhook:6d0c7b1e-3b7a-4c55-9d2e-0f1f2a3b4c5d', status: 'delivered', attempts: 1, nextAttemptAt: '2026-12-01T10:00:00.000Z', lastError: null, deliveredAt: '2026-12-01T10:00:01.000Z' }, ['alertId', 'channel', 'status']),
  SyncRunResult: inline({
    startedAt: str, finishedAt: str, recordChanged: { type: 'boolean' }, rescreen: open({ watchlists: int, alerts: int }), rescreenQueued: { type: 'boolean' },
    sources: { type: 'array', items: open({ source: str, kind: str, status: { type: 'string', enum: ['changed', 'unchanged', 'refused', 'failed'] }, baseUrl: str, requests: { type: 'array', items: open({ name: str, url: str, http: { type: 'integer', nullable: true }, unchanged: { type: 'boolean' }, bytes: int }) }, imports: { type: 'array', items: open({ file: str, format: str, lists: { type: 'array', items: open({ listId: str, publicationId: nstr, status: str, entityCount: int, added: int, removed: int, renamed: int, changed: int }) }, warnings: { type: 'array', items: str } }) }, reviews: { type: 'array', items: open({ key: str, title: str, url: str, date: str, detail: str }) }, error: open({ code: str, message: str }) }) },
  }, { startedAt: '2026-12-01T06:00:00.000Z', finishedAt: '2026-12-01T06:00:03.000Z', recordChanged: false, sources: [{ source: 'ofac-sdn', kind: 'files', status: 'unchanged', baseUrl: 'https://www.treasury.gov/ofac/downloads/', requests: [{ name: 'sdn.csv', url: 'https://www.treasury.gov/ofac/downloads/sdn.csv', http: 304, unchanged: true }] }] }, ['startedAt', 'sources']),
  SyncStatus: inline({
    sources: { type: 'array', items: open({ sourceId: str, lastChecked: str, lastChanged: nstr, status: str, error: nstr }) },
    lists: { type: 'array', items: open({ listId: str, sourceId: str, lastChecked: str, lastChanged: nstr }) },
    reviews: { type: 'array', items: open({ sourceId: str, key: str, title: str, url: str, date: str, detail: str, createdAt: str }) },
    fetchers: { type: 'array', items: open({ id: str, kind: str, description: str, baseUrl: str }) },
  }, { sources: [{ sourceId: 'ofac-sdn', lastChecked: '2026-12-01T06:00:03.000Z', lastChanged: '2026-11-28T06:00:05.000Z', status: 'unchanged', error: null }], lists: [{ listId: 'us-ofac-sdn', sourceId: 'ofac-sdn', lastChecked: '2026-12-01T06:00:03.000Z', lastChanged: '2026-11-28T06:00:05.000Z' }], reviews: [], fetchers: [{ id: 'ofac-sdn', kind: 'files', description: 'OFAC SDN legacy CSV files', baseUrl: 'https://www.treasury.gov/ofac/downloads/' }] }, ['sources', 'lists', 'reviews']),
};
