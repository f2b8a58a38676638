import type { IsoDate } from '../core/model.js';
import type { Store } from '../store/store.js';
import type { JobRunner } from './jobs/runner.js';
import type { Services } from './services.js';

/** What every route module gets from createApp. */
export interface ServerContext {
  store: Store;
  services: Services;
  jobs: JobRunner;
  today: () => IsoDate;
  /** Largest accepted upload, in bytes (413 above it). */
  maxUploadBytes: number;
}
