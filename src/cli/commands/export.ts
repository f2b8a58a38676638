import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { exportFtm } from '../../app/interop/ftm.js';
import { ListwatchError } from '../../core/errors.js';
import { asOfOption } from '../format.js';
import type { RegisterCommand } from './index.js';

/**
 * `listwatch export --format ftm [--output FILE] [--as-of D]`: the record as FollowTheMoney JSON
 * lines (entities, Sanctions with start and end dates and source URLs, Ownership links), to a file
 * or standard output. `--as-of` sets the `topics: sanction` flag only; every designation is exported.
 */
export const registerExport: RegisterCommand = (program, ctx) => {
  program
    .command('export')
    .description('export the record as FollowTheMoney JSON lines (entities, sanctions with dates and sources, ownership links)')
    .option('--format <format>', 'export format (ftm)', 'ftm')
    .option('--output <file>', 'write to this file instead of standard output')
    .option('--as-of <date>', 'the day that decides which entities are flagged as sanctioned (default today)')
    .action(async (opts: { format: string; output?: string; asOf?: string }) => {
      if (opts.format !== 'ftm') throw new ListwatchError('BAD_INPUT', `--format: "${opts.format}" is not a known export format (known: ftm)`, { field: 'format' });
      const asOf = asOfOption(opts.asOf, ctx.today);
      const lines = exportFtm(await ctx.store(), asOf);
      if (!opts.output) {
        let text = '';
        for await (const l of lines) text += l;
        // print adds a line end of its own
        return ctx.print(text.replace(/\n$/, ''));
      }
      const out = createWriteStream(opts.output);
      let n = 0;
      for await (const l of lines) {
        n++;
        if (!out.write(l)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      if (ctx.json()) return ctx.printJson({ format: 'ftm', output: opts.output, entities: n, asOf });
      ctx.warn(`wrote ${n} FollowTheMoney entities to ${opts.output}`);
    });
};
