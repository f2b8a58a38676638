import { EVENT_KINDS, listEvents } from '../../app/history/events.js';
import { parseIsoDate } from '../../core/dates.js';
import { ListwatchError } from '../../core/errors.js';
import type { EventKind } from '../../core/model.js';
import { unverifiedMark } from '../format.js';
import type { RegisterCommand } from './index.js';

/** `listwatch events [--list L] [--since D] [--kind K] [--entity ID] [--as-of D]`. */
export const registerEvents: RegisterCommand = (program, ctx) => {
  program
    .command('events')
    .description('dated events: statements, reconsideration requests, lawsuits and rulings, removals, proposals, withdrawn documents')
    .option('--list <id>', 'only events of this list')
    .option('--since <date>', 'only events on or after this day')
    .option('--kind <kind>', `only this kind (${EVENT_KINDS.join(', ')})`)
    .option('--entity <id>', 'only events about this entity')
    .option('--as-of <date>', 'only events known on this day (dated on or before it)')
    .action(async (opts: { list?: string; since?: string; kind?: string; entity?: string; asOf?: string }) => {
      if (opts.kind !== undefined && !EVENT_KINDS.includes(opts.kind as EventKind)) throw new ListwatchError('BAD_INPUT', `--kind: "${opts.kind}" is not one of ${EVENT_KINDS.join(', ')}`, { field: 'kind' });
      const events = await listEvents(await ctx.store(), {
        ...(opts.list ? { listId: opts.list } : {}),
        ...(opts.entity ? { entityId: opts.entity } : {}),
        ...(opts.kind ? { kind: opts.kind as EventKind } : {}),
        ...(opts.since ? { since: parseIsoDate(opts.since, '--since') } : {}),
        ...(opts.asOf ? { asOf: parseIsoDate(opts.asOf, '--as-of') } : {}),
      });
      if (ctx.json()) return ctx.printJson(events);
      if (!events.length) return ctx.print('no events match');
      for (const e of events) {
        const when = e.datePrecision && e.datePrecision !== 'day' ? `${e.date.slice(0, e.datePrecision === 'month' ? 7 : 4)} (${e.datePrecision})` : e.date;
        ctx.print(`${when}  ${e.kind}  ${e.title}${unverifiedMark(e.verified)}`);
        const facts = [e.court && `court: ${e.court}`, e.docket && `docket: ${e.docket}`, e.entityIds.length && `entities: ${e.entityIds.join(', ')}`, e.listIds.length && `lists: ${e.listIds.join(', ')}`, e.namesUrged?.length && `names urged: ${e.namesUrged.join(', ')}`].filter(Boolean);
        if (facts.length) ctx.print(`    ${facts.join('; ')}`);
        if (e.detail) ctx.print(`    ${e.detail}`);
        ctx.print(`    sources: ${e.sourceIds.join(', ')}`);
      }
    });
};
