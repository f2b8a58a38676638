import { listSummaries } from '../../app/lists/lists.js';
import { withSyncStatus } from '../../app/sync/state.js';
import { asOfOption, cited, formatTable } from '../format.js';
import type { RegisterCommand } from './index.js';

/** `listwatch lists [--as-of D]`: every list, its publications (date, kind, citation, count) and how many are in force on D. */
export const registerLists: RegisterCommand = (program, ctx) => {
  program
    .command('lists')
    .description('every list with its publications and the number of entities in force on a date')
    .option('--as-of <date>', 'the day to answer for (YYYY-MM-DD; default today)')
    .action(async (opts: { asOf?: string }) => {
      const asOf = asOfOption(opts.asOf, ctx.today);
      const store = await ctx.store();
      const summaries = await withSyncStatus(store, await listSummaries(store, asOf));
      if (ctx.json()) return ctx.printJson(summaries);
      const time = (t: string | null | undefined): string => (t ? t.slice(0, 16).replace('T', ' ') : '');
      ctx.print(formatTable([['LIST', 'NAME', `IN FORCE ${asOf}`, 'PUBLICATIONS', 'LAST CHECKED', 'LAST CHANGED'], ...summaries.map((s) => [s.list.id, s.list.name, String(s.activeCount), String(s.publications.length), time(s.sync?.lastChecked), time(s.sync?.lastChanged)])]));
      for (const s of summaries) {
        if (!s.publications.length) continue;
        ctx.print(`\n${s.list.name} (${s.list.id}): ${s.activeCount} in force on ${asOf}`);
        ctx.print(formatTable([
          ['DATE', 'KIND', 'COUNT', 'CITATION / TITLE'],
          ...s.publications.map((p) => [
            p.date,
            p.kind === 'withdrawn' ? 'WITHDRAWN (no legal effect)' : p.kind,
            p.entityCount !== undefined ? String(p.entityCount) : '',
            cited(p) + (p.verified === false ? '  [partly UNVERIFIED]' : ''),
          ]),
        ]).replace(/^/gm, '  '));
      }
    });
};
