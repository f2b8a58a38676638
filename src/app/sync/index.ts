/** Keeping the record current by itself: `runSync` checks the official sources (see service.ts). */
export { runSync, type SyncOptions, type SyncRunResult, type SyncSourceResult } from './service.js';
export { listSyncStatus, sourceSyncStatus, listReviews, withSyncStatus, type ListSyncStatus, type SourceSyncStatus, type ReviewItem } from './state.js';
export { syncMigration } from './migration.js';
export { parseSourceUrls, checkHttpUrl, DEFAULT_SYNC_INTERVAL_MS } from './config.js';
