import type { IsoDate, ListEvent, Publication, Source } from '../core/model.js';
import type { Dossier, EventsQuery, ListSummary, PublicationDiff, Role, ScreenOptions, ScreenResult } from '../app/types.js';

/**
 * What the HTTP routes call: the same application services as the CLI, bound to one store.
 * Routes stay thin (parse, call, shape the reply); all logic lives behind this interface.
 * `createServices` (wiring.ts) builds it from the real app modules; the screening index is built
 * there, reused by every request and rebuilt when the store's revision moves.
 */
export interface Services {
  /** Screens one name. */
  screen(query: string, opts: ScreenOptions): Promise<ScreenResult>;
  /** Screens many names in order (a batch chunk); same options for all. */
  screenMany(queries: string[], opts: ScreenOptions): Promise<ScreenResult[]>;
  /** An entity's dossier; NOT_FOUND when the id is unknown. */
  dossier(entityId: string, opts: { asOf: IsoDate; role?: Role }): Promise<Dossier>;
  /** Every list with its publications and active count on asOf. */
  lists(asOf: IsoDate): Promise<ListSummary[]>;
  /** One list; NOT_FOUND when unknown. */
  list(listId: string, asOf: IsoDate): Promise<ListSummary>;
  /** One publication with its entries; NOT_FOUND when unknown. */
  publication(id: string): Promise<Publication>;
  /** Difference between two publications of a list (ids, or dates when the list has one publication on that date). */
  diff(listId: string, from: string, to: string): Promise<PublicationDiff>;
  /** The store revision the screening index (and so every screen answer) currently comes from, for the audit trail. */
  servedRevision?(): string;
  /** Events, filtered. */
  events(q: EventsQuery): Promise<ListEvent[]>;
  /** Sources of the record and of the rules, all or by id (unknown ids skipped). */
  sources(ids?: string[]): Promise<Source[]>;
  /**
   * What health reports: engine, entity count, dataset hash; the store revision the screening index
   * was built from (`revision`, at `loadedAt`, in `loadMs`) and the store's revision now (`storeRevision`: differs
   * until the next refresh picks up another process's change; `storeRevisionAt`: when it was read, since
   * under load health answers the last read rather than wait); `refreshError` when the last refresh failed.
   */
  health(): Promise<{
    engine: string; entities: number; datasetHash: string | null;
    revision?: string; loadedAt?: string; loadMs?: number; storeRevision?: string; storeRevisionAt?: string; refreshError?: string;
    screenCache?: { size: number; hits: number; misses: number };
  }>;
}
