import { Option } from 'commander';
import { requiredNumber } from '../numbers.js';
import { BACKGROUND_POLICIES } from '../../app/jobs/kinds.js';
import type { QueueRun } from '../../app/jobs/queue.js';
import type { RegisterCommand } from './index.js';

/** One line (and its progress or result below) about a background run, for people. */
export function describeRun(r: QueueRun): string {
  const when = r.completedAt ? `finished ${r.completedAt}` : r.startedAt ? `started ${r.startedAt}` : `queued ${r.createdAt}`;
  const attempt = r.attempt ? `, retry ${r.attempt}` : '';
  const out = r.output === null || r.output === undefined ? '' : `\n  ${r.state === 'active' ? 'progress' : 'output'}: ${JSON.stringify(r.output)}`;
  return `${r.id}  ${r.name.padEnd(18)} ${r.state.padEnd(9)} ${when}${attempt}${out}`;
}

/**
 * `listwatch runs`: the latest background runs (watchlist re-screens, alert delivery passes, sync
 * runs) that `listwatch worker` processes (or the embedded server) run, newest first, with their
 * state, attempt and progress or result.
 */
export const registerRuns: RegisterCommand = (program, ctx) => {
  program
    .command('runs')
    .description('background runs (watchlist re-screens, alert deliveries, sync runs), newest first, with state and progress or result')
    .addOption(new Option('--kind <kind>', 'only runs of this type').choices(Object.keys(BACKGROUND_POLICIES)))
    .option('--limit <n>', 'how many', '20')
    .action(async (f: { kind?: string; limit: string }) => {
      const limit = requiredNumber(f.limit, '--limit', { integer: true, min: 1, max: 1000 });
      const store = await ctx.store();
      const { Jobs } = await import('../../app/jobs/jobs.js');
      const jobs = await Jobs.open(store, { worker: false });
      try {
        const runs = await jobs.backgroundRuns({ limit, ...(f.kind ? { kind: f.kind } : {}) });
        if (ctx.json()) return ctx.printJson(runs);
        if (!runs.length) return ctx.print('no background runs');
        for (const r of runs) ctx.print(describeRun(r));
      } finally {
        await jobs.close();
      }
    });
};
