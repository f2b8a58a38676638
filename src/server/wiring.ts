import { inInterval } from '../core/dates.js';
import { ListwatchError } from '../core/errors.js';
import type { ListSummary } from '../app/types.js';
import type { Store } from '../store/store.js';
import type { Services } from './services.js';

const notYet = (what: string): never => {
  throw new ListwatchError('INTERNAL', `${what} is not wired yet`);
};

/**
 * Binds the application services to one store. Built once per app: the screening index is
 * built here, at start, and reused by every request.
 */
export async function createServices(store: Store): Promise<Services> {
  const summary = async (listId: string, asOf: string): Promise<ListSummary> => {
    const list = await store.getList(listId);
    if (!list) throw new ListwatchError('NOT_FOUND', `list ${listId} not found`, { field: 'id' });
    const publications = await store.getPublications(listId);
    const des = await store.getDesignations({ listId });
    return { list, publications, activeCount: des.filter((d) => inInterval(asOf, d.from, d.to)).length };
  };
  return {
    screen: async () => notYet('screen'),
    screenMany: async () => notYet('screen'),
    dossier: async () => notYet('dossier'),
    lists: async (asOf) => Promise.all((await store.getLists()).map((l) => summary(l.id, asOf))),
    list: summary,
    publication: async (id) => {
      const p = await store.getPublication(id);
      if (!p) throw new ListwatchError('NOT_FOUND', `publication ${id} not found`, { field: 'id' });
      return p;
    },
    diff: async () => notYet('diff'),
    events: async (q) => store.getEvents(q),
    health: async () => ({ engine: store.engine, entities: await store.countEntities(), datasetHash: await store.getMeta('dataset-hash') }),
  };
}
