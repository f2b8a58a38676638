import type { IsoDate } from '../core/model.js';
import type { Store } from '../store/store.js';
import type { Jobs } from '../app/jobs/jobs.js';
import type { Services } from './services.js';
import type { ServerAudit } from './auth/screening.js';
import type { DecisionReader } from '../app/decisions/decisions.js';

/** What every route module gets from createApp. */
export interface ServerContext {
  store: Store;
  services: Services;
  jobs: Jobs;
  today: () => IsoDate;
  /** The audit trail, with the actor taken from the request (auth/screening.ts). */
  audit: ServerAudit;
  /** Earlier decisions on screen hits, looked up together for concurrent requests. */
  decisions: DecisionReader;
  /** Whether requests need keys (false: open single-user mode). */
  authEnforced: boolean;
  /** Wall clock, ISO time (audit entries, key creation). */
  now: () => string;
  /** Font with Chinese glyphs for PDF reports (default: Debian's fonts-wqy-microhei path). */
  cjkFont?: string;
  /** Largest accepted upload, in bytes (413 above it). */
  maxUploadBytes: number;
}
