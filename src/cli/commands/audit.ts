import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Option } from 'commander';
import { ListwatchError } from '../../core/errors.js';
import { isIsoDate } from '../../core/dates.js';
import { verifyAudit } from '../../app/audit/audit.js';
import { exportAudit } from '../../app/audit/export.js';
import { EXIT } from '../exit.js';
import type { RegisterCommand } from './index.js';

/** `--since`: a date (YYYY-MM-DD) or an ISO time; BAD_INPUT otherwise. */
function parseSince(v: string): string {
  if (isIsoDate(v)) return v;
  if (/^\d{4}-\d{2}-\d{2}T[0-9:.]+Z$/.test(v) && !Number.isNaN(Date.parse(v))) return v;
  throw new ListwatchError('BAD_INPUT', `--since: "${v}" is not a date (YYYY-MM-DD) or an ISO UTC time`, { field: 'since' });
}

/** `listwatch audit verify` and `listwatch audit export --since D --format jsonl|csv [--output FILE]`. */
export const registerAudit: RegisterCommand = (program, ctx) => {
  const audit = program.command('audit').description('the tamper-evident audit trail: verify its hash chain, export it for an auditor');

  audit
    .command('verify')
    .description('check the hash chain; exit 0 when intact, 1 naming the first entry altered or removed')
    .action(async () => {
      const res = await verifyAudit(await ctx.store());
      if (ctx.json()) ctx.printJson(res);
      else if (res.ok) ctx.print(`audit trail intact: ${res.entries} entr${res.entries === 1 ? 'y' : 'ies'}, head ${res.head?.seq ?? 0} ${res.head?.hash ?? ''}`.trim());
      else ctx.print(`audit trail BROKEN: ${res.problem?.message} (${res.entries} entries before it verified)`);
      if (!res.ok) {
        if (!ctx.json()) ctx.warn(`audit verify: first bad entry ${res.problem?.seq} (${res.problem?.kind})`);
        process.exitCode = EXIT.FAILURE;
      }
    });

  audit
    .command('export')
    .description('write the audit trail (entries since a date) as JSONL or CSV')
    .option('--since <date>', 'entries at or after this date (YYYY-MM-DD) or ISO time; default all')
    .addOption(new Option('--format <format>', 'jsonl (every field, one entry per line) or csv').choices(['jsonl', 'csv']).default('jsonl'))
    .option('--output <file>', 'write here instead of stdout')
    .action(async (o: { since?: string; format: 'jsonl' | 'csv'; output?: string }) => {
      const since = o.since !== undefined ? parseSince(o.since) : undefined;
      const store = await ctx.store();
      const out = o.output ? createWriteStream(o.output) : process.stdout;
      for await (const chunk of exportAudit(store, o.format, since ? { since } : {})) {
        if (!out.write(chunk)) await once(out, 'drain');
      }
      if (o.output) {
        const ws = out as ReturnType<typeof createWriteStream>;
        ws.end();
        await once(ws, 'finish');
      }
    });
};
