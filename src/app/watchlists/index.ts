/** Watchlists: named sets of counterparties, re-screened after every change of the record; differences become alerts. */
export { addItems, deleteWatchlist, listWatchlists, watchlistStatus, rescreenAll, listAlerts, markAlertsRead, requireWatchlist, checkWatchlistName, itemKey, type AddItemsResult, type RescreenResult, type WatchlistSettings, type Clock } from './service.js';
export { readWatchCsv, checkItem, MAX_WATCH_ITEMS } from './csv.js';
export type * from './types.js';
