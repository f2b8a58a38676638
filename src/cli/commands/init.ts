import type { Store } from '../../store/store.js';
import { inInterval } from '../../core/dates.js';
import type { RegisterCommand } from './index.js';

/** What `listwatch init --json` prints: the store and what it holds. */
export interface InitSummary {
  engine: Store['engine'];
  /** Hash of the bundled dataset the store was seeded from. */
  datasetHash: string | null;
  entities: number;
  lists: { id: string; name: string; agency: string; publications: number; latest: string | null; inForce: number }[];
}

/** Reads the summary of a store as of `today` (designations in force on that date). */
export async function summarizeStore(store: Store, today: string): Promise<InitSummary> {
  const [lists, pubs, designations] = await Promise.all([store.getLists(), store.getPublications(), store.getDesignations()]);
  return {
    engine: store.engine,
    datasetHash: await store.getMeta('dataset_hash'),
    entities: await store.countEntities(),
    lists: lists.map((l) => {
      const own = pubs.filter((p) => p.listId === l.id && p.kind !== 'withdrawn');
      return {
        id: l.id,
        name: l.name,
        agency: l.agency,
        publications: own.length,
        latest: own.reduce<string | null>((m, p) => (m === null || p.date > m ? p.date : m), null),
        inForce: designations.filter((d) => d.listId === l.id && inInterval(today, d.from, d.to)).length,
      };
    }),
  };
}

/** `listwatch init`: creates (or opens) the store, loads the bundled dataset if needed, and says what is there. */
export const registerInit: RegisterCommand = (program, ctx) => {
  program
    .command('init')
    .description('create the store if needed, load the bundled dataset, and show what it holds')
    .action(async () => {
      const store = await ctx.store();
      const s = await summarizeStore(store, ctx.today);
      if (ctx.json()) return ctx.printJson(s);
      ctx.print(`store ready (${s.engine}): ${s.entities} entities, ${s.lists.length} lists`);
      const w = Math.max(...s.lists.map((l) => l.id.length), 4);
      for (const l of s.lists) {
        const pubs = `${l.publications} publication${l.publications === 1 ? '' : 's'}${l.latest ? `, latest ${l.latest}` : ''}`;
        ctx.print(`  ${l.id.padEnd(w)}  ${String(l.inForce).padStart(4)} in force on ${ctx.today}  (${pubs})  ${l.name}`);
      }
    });
};
