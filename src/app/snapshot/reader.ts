import type { Store } from '../../store/store.js';

/**
 * The record reads the read services (dossier, lists, diff, events, enrichment) need: a subset of
 * `Store`, with the same contract (same answers, same order). The store itself is one; a
 * `RecordSnapshot` (one store revision held in memory) is the other, so the same service code
 * answers from the database (CLI) or from memory (server).
 */
export type RecordReader = Pick<Store,
  'getSources' | 'getLists' | 'getList' | 'getPublications' | 'getPublication' | 'getEntity' | 'getEntities'
  | 'countEntities' | 'getEntityVersions' | 'getDesignations' | 'getRelations' | 'getEvents'>;
