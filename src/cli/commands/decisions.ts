import { Option } from 'commander';
import { listDecisions, recordDecision, VERDICTS } from '../../app/decisions/decisions.js';
import type { Decision } from '../../app/decisions/decisions.js';
import type { RegisterCommand } from './index.js';

function line(d: Decision): string {
  return `${d.at}  ${d.verdict.padEnd(14)}  "${d.query}" → ${d.entityId}  by ${d.actor}: ${d.note}`;
}

/** `listwatch decisions add --query NAME --entity ID --verdict true-match|false-positive --note TEXT` and `decisions list`. */
export const registerDecisions: RegisterCommand = (program, ctx) => {
  const cmd = program.command('decisions').description('case decisions: a hit marked as a true match or a false positive, with a note');
  cmd
    .command('add')
    .description('record a decision on a hit (shown beside it on the next screen of the same name; audited)')
    .requiredOption('--query <name>', 'the name that was screened')
    .requiredOption('--entity <id>', 'the entity id of the hit')
    .addOption(new Option('--verdict <verdict>', 'true-match or false-positive').choices(VERDICTS).makeOptionMandatory())
    .requiredOption('--note <text>', 'why: what was checked')
    .action(async (o: { query: string; entity: string; verdict: string; note: string }) => {
      const d = await recordDecision(await ctx.store(), { query: o.query, entityId: o.entity, verdict: o.verdict, note: o.note, actor: ctx.actor, now: new Date().toISOString() });
      if (ctx.json()) return ctx.printJson(d);
      ctx.print(`recorded: ${line(d)}`);
    });
  cmd
    .command('list')
    .description('decisions, newest first')
    .option('--query <name>', 'only for this name')
    .option('--entity <id>', 'only for this entity')
    .action(async (o: { query?: string; entity?: string }) => {
      const all = await listDecisions(await ctx.store(), { ...(o.query ? { query: o.query } : {}), ...(o.entity ? { entityId: o.entity } : {}) });
      if (ctx.json()) return ctx.printJson(all);
      if (!all.length) return ctx.print('no decisions');
      for (const d of all) ctx.print(line(d));
    });
};
