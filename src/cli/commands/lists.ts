import { parseIsoDate } from '../../core/dates.js';
import { listSummaries } from '../../app/lists/lists.js';
import type { RegisterCommand } from './index.js';

/** Pads rows into aligned columns (the first row is the header). Wide cells are not cut. */
export function formatTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - [...c].length))).join('  ').trimEnd();
  const [head, ...rest] = rows;
  return head ? [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rest.map(line)].join('\n') : '';
}

/** Reads `--as-of` (default: today at the entry point) as an ISO date, else BAD_INPUT. */
export function asOfOption(value: string | undefined, today: string): string {
  return value === undefined ? today : parseIsoDate(value, '--as-of');
}

/** `listwatch lists [--as-of D]`: every list, its publications (date, kind, citation, count) and how many are in force on D. */
export const registerLists: RegisterCommand = (program, ctx) => {
  program
    .command('lists')
    .description('every list with its publications and the number of entities in force on a date')
    .option('--as-of <date>', 'the day to answer for (YYYY-MM-DD; default today)')
    .action(async (opts: { asOf?: string }) => {
      const asOf = asOfOption(opts.asOf, ctx.today);
      const summaries = await listSummaries(await ctx.store(), asOf);
      if (ctx.json()) return ctx.printJson(summaries);
      ctx.print(formatTable([['LIST', 'NAME', `IN FORCE ${asOf}`, 'PUBLICATIONS'], ...summaries.map((s) => [s.list.id, s.list.name, String(s.activeCount), String(s.publications.length)])]));
      for (const s of summaries) {
        if (!s.publications.length) continue;
        ctx.print(`\n${s.list.name} (${s.list.id}): ${s.activeCount} in force on ${asOf}`);
        ctx.print(formatTable([
          ['DATE', 'KIND', 'COUNT', 'CITATION / TITLE'],
          ...s.publications.map((p) => [
            p.date,
            p.kind === 'withdrawn' ? 'WITHDRAWN (no legal effect)' : p.kind,
            p.entityCount !== undefined ? String(p.entityCount) : '',
            (p.citation ?? p.title) + (p.verified === false ? '  [partly UNVERIFIED]' : ''),
          ]),
        ]).replace(/^/gm, '  '));
      }
    });
};
