import { statSync } from 'node:fs';
import { ListwatchError } from '../../core/errors.js';
import { parseIsoDate } from '../../core/dates.js';
import type { ImportResult } from '../../app/types.js';
import { formats } from '../../sources/registry.js';
import type { RegisterCommand } from './index.js';

/** Each file's modification date (UTC), the publication date when --date is not given. */
function modificationDates(files: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of files) {
    try {
      out[f] = statSync(f).mtime.toISOString().slice(0, 10);
    } catch (e) {
      throw new ListwatchError('BAD_INPUT', `${f}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { file: f }, { cause: e });
    }
  }
  return out;
}

/** Human lines for one import result. */
export function formatImportResult(r: ImportResult): string[] {
  const lines = [`${r.file} (${r.format})`];
  for (const l of r.lists) {
    lines.push(l.status === 'unchanged'
      ? `  ${l.listId}: unchanged (${l.entityCount} entries; same content already imported)`
      : `  ${l.listId}: imported ${l.publicationId} — ${l.entityCount} entries; ${l.added} added, ${l.removed} removed, ${l.renamed} renamed, ${l.changed} changed`);
  }
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines;
}

/**
 * `listwatch import --format F FILE... [--force] [--date YYYY-MM-DD]`: imports official list files
 * as dated snapshots (see `importFiles`). Prints per list imported/unchanged with counts and
 * warnings, or the ImportResult[] with --json; progress goes to stderr. Bad input exits 2.
 */
export const registerImport: RegisterCommand = (program, ctx) => {
  program
    .command('import')
    .description('import official list files (OFAC SDN/consolidated CSV, trade.gov CSL, OpenSanctions 1260H) as dated snapshots')
    .requiredOption('--format <format>', `file format: ${formats.map((f) => f.id).join(' | ')}`)
    .argument('<files...>', 'files to import (OFAC companion files add.csv/alt.csv/…_comments.csv go with their primary file)')
    .option('--force', 'import even if a list would lose more than 20 % of its entries')
    .option('--date <date>', 'publication date YYYY-MM-DD (default: each file\'s modification date)')
    .option('--queue', 'queue the watchlists\' re-screen as a job for `listwatch worker` processes instead of running it here')
    .action(async (files: string[], opts: { format: string; force?: boolean; date?: string; queue?: boolean }) => {
      const date = opts.date !== undefined ? parseIsoDate(opts.date, 'date') : undefined;
      const fileDates = modificationDates(files);
      const { importFiles } = await import('../../app/import/index.js');
      const store = await ctx.store();
      const results = await importFiles(store, opts.format, files, {
        today: ctx.today,
        fileDates,
        ...(date ? { date } : {}),
        ...(opts.force ? { force: true } : {}),
        onProgress: (msg) => ctx.warn(`import: ${msg}`),
      });
      const { recordAudit } = await import('../../app/audit/audit.js');
      const revision = await store.getRevision();
      for (const r of results) {
        await recordAudit(store, {
          actor: ctx.actor, action: 'import', subject: r.file, revision,
          options: { format: r.format, ...(opts.force ? { force: true } : {}), ...(opts.date ? { date: opts.date } : {}) },
          listVersions: Object.fromEntries(r.lists.filter((l) => l.publicationId).map((l) => [l.listId, l.publicationId!])),
          details: { via: 'cli', lists: r.lists, warnings: r.warnings.length },
        });
      }
      // A changed record: re-screen the watchlists (alerts for what the import changed).
      if (opts.queue && results.some((r) => r.lists.some((l) => l.status === 'imported'))) {
        const { queueJob } = await import('../queue-job.js');
        const { WATCH_RESCREEN_ALL } = await import('../../app/jobs/kinds.js');
        const id = await queueJob(store, WATCH_RESCREEN_ALL, { today: ctx.today, cause: 'import', actor: ctx.actor });
        ctx.warn(`import: watchlist re-screen queued${id ? ` (job ${id})` : ' (one was waiting already)'}`);
      } else if (results.some((r) => r.lists.some((l) => l.status === 'imported'))) {
        const { rescreenAll } = await import('../../app/watchlists/index.js');
        const rs = await rescreenAll(store, { today: ctx.today, now: () => new Date().toISOString(), cause: 'import', actor: ctx.actor });
        const n = rs.reduce((k, x) => k + x.alerts.length, 0);
        if (rs.length) ctx.warn(`import: ${rs.length} watchlist(s) re-screened, ${n} new alert(s)`);
      }
      if (ctx.json()) ctx.printJson(results);
      else for (const r of results) for (const line of formatImportResult(r)) ctx.print(line);
    });
};
