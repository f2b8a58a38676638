import { createHash } from 'node:crypto';
import { numberOption, requiredNumber } from '../numbers.js';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { Command, Option } from 'commander';
import { parseIsoDate } from '../../core/dates.js';
import { ListwatchError } from '../../core/errors.js';
import type { JobState, JobView } from '../../app/jobs/batch.js';
import type { Jobs } from '../../app/jobs/jobs.js';
import type { Role } from '../../app/types.js';
import { RULE_ROLES } from '../../core/rules/types.js';
import type { CliContext } from '../context.js';
import type { ScreenFlags } from './screen.js';
import type { RegisterCommand } from './index.js';
import { workerOptionsFromEnv } from './worker.js';
import { batchLimitsFromEnv } from '../../app/screen/batch-io-limits.js';

/**
 * The jobs capability for one command; with `runHere`, a worker in this process too (what `submit`
 * does on the embedded store, which nothing else can open while this command holds it).
 */
async function openJobs(ctx: CliContext, runHere: (engine: 'pglite' | 'postgres') => boolean = () => false): Promise<Jobs> {
  const store = await ctx.store();
  const { Jobs } = await import('../../app/jobs/jobs.js');
  const env = ctx.env ?? {};
  return Jobs.open(store, {
    worker: runHere(store.engine) ? workerOptionsFromEnv(env) : false,
    limits: batchLimitsFromEnv(env),
    log: env.LISTWATCH_LOG_JOBS ? (msg, fields) => ctx.warn(JSON.stringify({ msg, ...fields })) : () => undefined,
  });
}

/** One line about a job for people. */
export function describeJob(j: JobView): string {
  const pct = j.total ? ` (${Math.floor((100 * j.done) / j.total)} %)` : '';
  const extra = [j.withHits ? `${j.withHits} with hits` : '', j.rowErrors ? `${j.rowErrors} row errors` : ''].filter(Boolean).join(', ');
  return `${j.id}  ${j.state.padEnd(9)} ${j.done} of ${j.total}${j.sealed ? '' : '+'} rows${pct}${extra ? `; ${extra}` : ''}${j.fileName ? `  ${j.fileName}` : ''}  ${j.createdAt}${j.failure ? `\n  failure: ${j.failure}` : ''}`;
}

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

interface SubmitFlags { asOf?: string; role?: Role; threshold?: string; limit?: string; activeOnly?: boolean; wait?: boolean; report?: string }

async function submit(ctx: CliContext, file: string, f: SubmitFlags): Promise<void> {
  const asOf = f.asOf !== undefined ? parseIsoDate(f.asOf, 'as-of') : ctx.today;
  const threshold = numberOption(f.threshold, '--threshold');
  const limit = numberOption(f.limit, '--limit');
  let bytes: number;
  try {
    bytes = (await stat(file)).size;
  } catch (e) {
    throw new ListwatchError('BAD_INPUT', `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`, { file });
  }
  const sha = await sha256File(file);
  const jobs = await openJobs(ctx, (engine) => engine === 'pglite');
  try {
    const { readBatchCsv } = await import('../../app/screen/batch-io.js');
    const job = await jobs.submit(readBatchCsv(createReadStream(file), file, batchLimitsFromEnv(ctx.env ?? {})), {
      asOf, ...(threshold !== undefined ? { threshold } : {}), ...(limit !== undefined ? { limit } : {}),
      ...(f.role ? { role: f.role } : {}), ...(f.activeOnly ? { includeInactive: false } : {}),
    }, { fileName: file, fileSha256: sha, fileBytes: bytes, createdBy: ctx.actor });
    const { recordAudit } = await import('../../app/audit/audit.js');
    const { batchAuditInput } = await import('../../app/jobs/batch.js');
    await recordAudit(jobs.store, { actor: ctx.actor, ...batchAuditInput(job, 'cli'), revision: await jobs.store.getRevision() });
    // Every chunk was written before the upload was sealed: no worker saw it finish (job-audit.ts).
    if (job.state === 'done') await (await import('../../app/jobs/job-audit.js')).auditJobFinish(jobs.store, job.id);
    if (ctx.json()) ctx.printJson({ id: job.id });
    else ctx.print(job.id);
    // Embedded store: this process is the worker, so it stays until the job is finished.
    if (f.wait || jobs.store.engine === 'pglite') {
      let last = '';
      const end = await jobs.waitFor(job.id, {
        pollMs: 500,
        onProgress: (j) => {
          const line = `${j.state} ${j.done}/${j.total}`;
          if (line !== last) ctx.warn(`job ${j.id.slice(0, 8)}: ${line}`);
          last = line;
        },
      });
      if (end.state !== 'done') throw new ListwatchError('INTERNAL', `job ${end.id} ended ${end.state}${end.failure ? `: ${end.failure}` : ''}`);
      if (f.report) await writeReport(ctx, jobs, job.id, f.report);
    } else if (f.report) {
      ctx.warn(`--report: the job runs on the workers; write its report when it is done: listwatch batch report ${job.id} --output ${f.report}`);
    }
  } finally {
    await jobs.close();
  }
}

async function writeResults(ctx: CliContext, id: string, output: string, wait: boolean, bom: boolean): Promise<void> {
  const jobs = await openJobs(ctx);
  try {
    let job = await jobs.require(id);
    if (wait) job = await jobs.waitFor(id, { pollMs: 500 });
    const { formatForPath, recordToCsv, CSV_OUTPUT_COLUMNS, UTF8_BOM } = await import('../../app/screen/batch-io.js');
    const { jobCsvAudit, jobJsonlLines } = await import('../../app/jobs/job-audit.js');
    const format = output === '-' ? 'jsonl' : formatForPath(output);
    if (bom && format !== 'csv') throw new ListwatchError('BAD_INPUT', '--bom: a byte-order mark is for CSV output (Excel); give --output FILE.csv', { field: 'bom' });
    const audit = await jobCsvAudit(jobs.store, job);
    const out = output === '-' ? process.stdout : createWriteStream(output);
    let n = 0;
    let buf = format === 'csv' ? (bom ? UTF8_BOM : '') + CSV_OUTPUT_COLUMNS.join(',') + '\n' : '';
    // JSONL: the first record carries the job's coverage (the download's bytes, whose sha256 the finish audit entry holds).
    for await (const line of jobJsonlLines(jobs.store.sql, id, audit.coverage)) {
      buf += (format === 'csv' ? recordToCsv(JSON.parse(line) as Parameters<typeof recordToCsv>[0], audit, n === 0) : line) + '\n';
      n++;
      if (buf.length >= 65536) {
        if (!out.write(buf)) await once(out, 'drain');
        buf = '';
      }
    }
    if (buf) out.write(buf);
    if (out !== process.stdout) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
    if (job.state !== 'done') ctx.warn(`job ${id} is ${job.state}: ${n} of ${job.total} rows written so far`);
    else if (output !== '-') ctx.warn(`${n} rows → ${output}`);
  } finally {
    await jobs.close();
  }
}

/** Writes a finished job's summary report (PDF or HTML by the path's extension). */
async function writeReport(ctx: CliContext, jobs: Jobs, id: string, file: string): Promise<number> {
  const { jobSummary } = await import('../../app/jobs/job-audit.js');
  const { batchSummaryReport, reportFormatForPath } = await import('../../app/report/index.js');
  const summary = await jobSummary(jobs.store, await jobs.require(id));
  const cjkFont = process.env.LISTWATCH_CJK_FONT;
  const bytes = await batchSummaryReport(summary, reportFormatForPath(file), cjkFont ? { cjkFont } : {});
  await writeFile(file, bytes).catch((e: unknown) => { throw new ListwatchError('BAD_INPUT', `cannot write ${file}: ${e instanceof Error ? e.message : String(e)}`, { field: 'report' }); });
  ctx.warn(`batch summary report → ${file} (audit entry #${summary.audit.seq})`);
  return summary.audit.seq;
}

/** The options of `batch --input F --output O …` (the CLI batch in this process), parsed from the command's arguments. */
function batchHere(args: string[]): ScreenFlags {
  const here = new Command('batch')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined })
    .option('--input <file.csv>')
    .option('--output <file>')
    .option('--as-of <date>')
    .addOption(new Option('--role <role>').choices(RULE_ROLES))
    .option('--threshold <score>')
    .option('--limit <n>')
    .option('--active-only')
    .option('--workers <n>')
    .option('--max-age-days <n>')
    .option('--report <file>')
    .option('--bom');
  try {
    here.parse(args, { from: 'user' });
  } catch (e) {
    throw new ListwatchError('BAD_INPUT', `batch: ${e instanceof Error ? e.message.replace(/^error: /, '') : String(e)}`, { field: 'input' });
  }
  if (here.args.length) throw new ListwatchError('BAD_INPUT', `batch: unexpected argument ${here.args[0]} (a subcommand is one of submit, status, results, report, list, cancel, delete, purge)`, { field: 'input' });
  return here.opts<ScreenFlags>();
}

/**
 * `listwatch batch submit|status|results|list|cancel|delete|purge`: batch screening as jobs on
 * the queue. Beside PostgreSQL (DATABASE_URL) `listwatch worker` processes run them; on the
 * embedded store `submit` runs the job in this process and returns when it is done.
 */
export const registerBatch: RegisterCommand = (program, ctx) => {
  const batch = program.command('batch')
    .description('batch screening: `batch --input F.csv --output O [--as-of D] [--role R] [--threshold S] [--limit N] [--active-only] [--workers N] [--max-age-days N] [--report FILE.pdf|.html] [--bom]` screens here (as `screen --input`); `batch submit|status|results|report…` run it as a job on the queue (run by `listwatch worker`)')
    // The here-batch's options are parsed in its action (batchHere): declared on this command, they
    // would take `batch submit f --role R`'s options away from the subcommand (commander hands a
    // parent the options that follow the subcommand's operands).
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (_opts: unknown, cmd: Command) => {
      if (!cmd.args.length) {
        batch.outputHelp();
        throw new ListwatchError('BAD_INPUT', 'give --input FILE.csv --output FILE, or a subcommand (submit, status, results, report, list, cancel, delete, purge)', { field: 'input' });
      }
      const f = batchHere(cmd.args);
      const { runBatch } = await import('./screen.js');
      await runBatch(ctx, f, f.asOf !== undefined ? parseIsoDate(f.asOf, 'as-of') : ctx.today, numberOption(f.threshold, '--threshold'), numberOption(f.limit, '--limit'));
    });

  batch
    .command('submit')
    .argument('<file.csv>', 'a CSV with a "name" column and optional "id" and "as_of" columns')
    .description('store a CSV as a job and queue it; prints the job id (--json: {"id": …})')
    .option('--as-of <date>', 'the date the question is about (YYYY-MM-DD); default today')
    .addOption(new Option('--role <role>', 'add what each listing means for this role').choices(RULE_ROLES))
    .option('--threshold <score>', 'minimum score of a hit, 0–1')
    .option('--limit <n>', 'maximum hits per name')
    .option('--active-only', 'leave out hits whose designations are all inactive on the date')
    .option('--wait', 'wait until the job is finished (always so on the embedded store)')
    .option('--report <file>', 'with --wait (or the embedded store): write the job\'s summary report, FILE.pdf or FILE.html')
    .action((file: string, f: SubmitFlags) => submit(ctx, file, f));

  batch
    .command('status')
    .argument('<id>', 'job id')
    .description('a job\'s state and progress (--json: {"state": "queued|running|done|failed|cancelled", "done": N, "total": N, …})')
    .action(async (id: string) => {
      const jobs = await openJobs(ctx);
      try {
        const job = await jobs.require(id);
        const { jobAuditView } = await import('../../app/jobs/job-audit.js');
        const extra = await jobAuditView(jobs.store, job);
        if (ctx.json()) ctx.printJson({ ...job, ...extra });
        else {
          ctx.print(describeJob(job));
          if (extra.outcomes) ctx.print(`  by outcome: ${Object.entries(extra.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}`);
          if (extra.audit) ctx.print(`  audited at finish: entry #${extra.audit.seq}, answer digest ${extra.audit.answerDigest ?? 'none'}`);
          const { formatCoverage } = await import('../../app/coverage/coverage.js');
          for (const line of formatCoverage(extra.coverage)) ctx.print(line);
        }
      } finally {
        await jobs.close();
      }
    });

  batch
    .command('results')
    .argument('<id>', 'job id')
    .description('write a job\'s results: one record per input row, in input order (.jsonl, the first record with the job\'s coverage; .csv with audit columns; or - for JSONL on stdout)')
    .requiredOption('--output <file>', 'FILE.jsonl, FILE.csv, or - (stdout)')
    .option('--wait', 'wait until the job is finished first')
    .option('--bom', 'CSV: start with a UTF-8 byte-order mark (for Excel)')
    .action((id: string, f: { output: string; wait?: boolean; bom?: boolean }) => writeResults(ctx, id, f.output, Boolean(f.wait), Boolean(f.bom)));

  batch
    .command('report')
    .argument('<id>', 'job id')
    .description('write a finished job\'s summary report: rows by outcome, lists and versions, input hash, who/when, options, audit entry')
    .requiredOption('--output <file>', 'FILE.pdf or FILE.html (a printable page)')
    .action(async (id: string, f: { output: string }) => {
      const jobs = await openJobs(ctx);
      try {
        const seq = await writeReport(ctx, jobs, id, f.output);
        if (ctx.json()) ctx.printJson({ id, report: f.output, auditSeq: seq });
      } finally {
        await jobs.close();
      }
    });

  batch
    .command('list')
    .description('jobs, newest first')
    .option('--limit <n>', 'how many', '20')
    .addOption(new Option('--state <state>', 'only jobs in this state').choices(['queued', 'running', 'done', 'failed', 'cancelled']))
    .action(async (f: { limit: string; state?: JobState }) => {
      const jobs = await openJobs(ctx);
      try {
        const list = await jobs.list({ limit: numberOption(f.limit, '--limit') ?? 20, ...(f.state ? { states: [f.state] } : {}) });
        if (ctx.json()) ctx.printJson(list);
        else for (const j of list) ctx.print(describeJob(j));
      } finally {
        await jobs.close();
      }
    });

  batch
    .command('cancel')
    .argument('<id>', 'job id')
    .description('cancel a queued or running job (results so far stay; the stored upload is removed)')
    .action(async (id: string) => {
      const jobs = await openJobs(ctx);
      try {
        const job = await jobs.cancel(id);
        if (ctx.json()) ctx.printJson(job);
        else ctx.print(describeJob(job));
      } finally {
        await jobs.close();
      }
    });

  batch
    .command('delete')
    .argument('<id>', 'job id')
    .description('delete a job with its upload and results')
    .action(async (id: string) => {
      const jobs = await openJobs(ctx);
      try {
        await jobs.delete(id);
        if (ctx.json()) ctx.printJson({ id, deleted: true });
        else ctx.print(`deleted ${id}`);
      } finally {
        await jobs.close();
      }
    });

  batch
    .command('purge')
    .description('delete finished jobs (with results) older than N days; workers do this on their own timer (LISTWATCH_JOB_RETENTION_DAYS)')
    .requiredOption('--older-than-days <n>', 'age in days of the finish time')
    .action(async (f: { olderThanDays: string }) => {
      const days = requiredNumber(f.olderThanDays, '--older-than-days', { min: 0 });
      const jobs = await openJobs(ctx);
      try {
        const n = await jobs.purge(days);
        if (ctx.json()) ctx.printJson({ deleted: n });
        else ctx.print(`deleted ${n} job(s) finished more than ${days} day(s) ago`);
      } finally {
        await jobs.close();
      }
    });
};
