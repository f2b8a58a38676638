import type { Store } from '../store/store.js';
import type { SendOptions } from '../app/jobs/queue.js';

/**
 * Queues one background job (see src/app/jobs/kinds.ts) for the `listwatch worker` processes on
 * the same database, from a CLI command given `--queue`. Returns the run's id, or null when an
 * equal run was already waiting (it does the same work).
 */
export async function queueJob(store: Store, name: string, data: object, o: SendOptions = {}): Promise<string | null> {
  const { Jobs } = await import('../app/jobs/jobs.js');
  const jobs = await Jobs.open(store, { worker: false });
  try {
    return await jobs.background(name, data, o);
  } finally {
    await jobs.close();
  }
}
