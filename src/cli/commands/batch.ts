import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { Option } from 'commander';
import { parseIsoDate } from '../../core/dates.js';
import { ListwatchError } from '../../core/errors.js';
import type { JobState, JobView } from '../../app/jobs/batch.js';
import type { Jobs } from '../../app/jobs/jobs.js';
import type { Role } from '../../app/types.js';
import { RULE_ROLES } from '../../core/rules/types.js';
import type { CliContext } from '../context.js';
import type { RegisterCommand } from './index.js';
import { workerOptionsFromEnv } from './worker.js';
import { batchLimitsFromEnv } from '../../app/screen/batch-io-limits.js';

function num(v: string | undefined, what: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new ListwatchError('BAD_INPUT', `--${what}: "${v}" is not a number`, { field: what });
  return n;
}

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

interface SubmitFlags { asOf?: string; role?: Role; threshold?: string; limit?: string; activeOnly?: boolean; wait?: boolean }

async function submit(ctx: CliContext, file: string, f: SubmitFlags): Promise<void> {
  const asOf = f.asOf !== undefined ? parseIsoDate(f.asOf, 'as-of') : ctx.today;
  const threshold = num(f.threshold, 'threshold');
  const limit = num(f.limit, 'limit');
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
    await recordAudit(jobs.store, { actor: ctx.actor, ...batchAuditInput(job, 'cli') });
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
    }
  } finally {
    await jobs.close();
  }
}

async function writeResults(ctx: CliContext, id: string, output: string, wait: boolean): Promise<void> {
  const jobs = await openJobs(ctx);
  try {
    let job = await jobs.require(id);
    if (wait) job = await jobs.waitFor(id, { pollMs: 500 });
    const { formatForPath, recordToCsv, CSV_OUTPUT_COLUMNS } = await import('../../app/screen/batch-io.js');
    const format = output === '-' ? 'jsonl' : formatForPath(output);
    const out = output === '-' ? process.stdout : createWriteStream(output);
    let n = 0;
    let buf = format === 'csv' ? CSV_OUTPUT_COLUMNS.join(',') + '\n' : '';
    for await (const line of jobs.results(id)) {
      n++;
      buf += (format === 'csv' ? recordToCsv(JSON.parse(line) as Parameters<typeof recordToCsv>[0]) : line) + '\n';
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

/**
 * `listwatch batch submit|status|results|list|cancel|delete|purge`: batch screening as jobs on
 * the queue. Beside PostgreSQL (DATABASE_URL) `listwatch worker` processes run them; on the
 * embedded store `submit` runs the job in this process and returns when it is done.
 */
export const registerBatch: RegisterCommand = (program, ctx) => {
  const batch = program.command('batch').description('batch screening jobs: submit a CSV, follow it, download its results (run by `listwatch worker`)');

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
    .action((file: string, f: SubmitFlags) => submit(ctx, file, f));

  batch
    .command('status')
    .argument('<id>', 'job id')
    .description('a job\'s state and progress (--json: {"state": "queued|running|done|failed|cancelled", "done": N, "total": N, …})')
    .action(async (id: string) => {
      const jobs = await openJobs(ctx);
      try {
        const job = await jobs.require(id);
        if (ctx.json()) ctx.printJson(job);
        else ctx.print(describeJob(job));
      } finally {
        await jobs.close();
      }
    });

  batch
    .command('results')
    .argument('<id>', 'job id')
    .description('write a job\'s results: one record per input row, in input order (.jsonl, .csv, or - for JSONL on stdout)')
    .requiredOption('--output <file>', 'FILE.jsonl, FILE.csv, or - (stdout)')
    .option('--wait', 'wait until the job is finished first')
    .action((id: string, f: { output: string; wait?: boolean }) => writeResults(ctx, id, f.output, Boolean(f.wait)));

  batch
    .command('list')
    .description('jobs, newest first')
    .option('--limit <n>', 'how many', '20')
    .addOption(new Option('--state <state>', 'only jobs in this state').choices(['queued', 'running', 'done', 'failed', 'cancelled']))
    .action(async (f: { limit: string; state?: JobState }) => {
      const jobs = await openJobs(ctx);
      try {
        const list = await jobs.list({ limit: num(f.limit, 'limit') ?? 20, ...(f.state ? { states: [f.state] } : {}) });
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
      const days = num(f.olderThanDays, 'older-than-days');
      if (days === undefined || days < 0) throw new ListwatchError('BAD_INPUT', `--older-than-days: "${f.olderThanDays}" is not a number of days`, { field: 'older-than-days' });
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
