import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { ListwatchError } from '../../core/errors.js';
import type { IsoDate } from '../../core/model.js';
import type { Role, ScreenOptions } from '../../app/types.js';
import type { JobRecord, Store } from '../../store/store.js';
import type { Services } from '../services.js';
import { readBatchCsv } from './input.js';
import type { BatchInput, BatchRow } from './input.js';
import { resultLine } from './output.js';

/** Options a batch job runs with; stored in JobRecord.options. */
export interface JobOptions {
  asOf: IsoDate;
  threshold?: number;
  role?: Role;
  limit?: number;
  /** The uploaded file's name, for display. */
  fileName?: string;
}

/** What the runner needs. `jobsDir` keeps each upload so an unfinished job can be re-run after a restart. */
export interface JobRunnerDeps {
  store: Store;
  services: Services;
  jobsDir: string;
  /** Current timestamp (ISO), injected so the edges own the clock. */
  now: () => string;
  log: (msg: string, err?: unknown) => void;
  /** Rows per chunk between progress writes (default 250). */
  chunkSize?: number;
}

/**
 * Runs batch jobs one at a time (the screen route keeps the other core), persisting progress and
 * results in the store after every chunk. A job left unfinished by a stopped server is picked up
 * by `resumeUnfinished()` and continues from the rows already stored.
 */
export class JobRunner {
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly deps: JobRunnerDeps) {}

  private inputPath(id: string): string {
    return path.join(this.deps.jobsDir, `${id}.csv`);
  }

  /** Validates the CSV (BAD_FILE with the line), keeps it, records the job as queued and schedules it. */
  async submit(text: string, options: JobOptions): Promise<JobRecord> {
    if (this.closed) throw new ListwatchError('CONFLICT', 'the server is shutting down');
    const input = readBatchCsv(text);
    if (!input.rows.length) throw new ListwatchError('BAD_FILE', 'CSV: no names to screen', { file: 'upload', line: input.skipped[0]?.line ?? 1 });
    const id = randomUUID();
    await mkdir(this.deps.jobsDir, { recursive: true });
    await writeFile(this.inputPath(id), text, 'utf8');
    const at = this.deps.now();
    const job: JobRecord = {
      id, status: 'queued', createdAt: at, updatedAt: at, processed: 0, total: input.rows.length,
      errors: input.skipped.slice(0, 1000), options: { ...options },
    };
    await this.deps.store.createJob(job);
    this.schedule(id, input);
    return job;
  }

  /** Schedules every job a previous server left queued or running. Returns their ids. */
  async resumeUnfinished(): Promise<string[]> {
    const jobs = await this.deps.store.getUnfinishedJobs();
    for (const j of jobs) this.schedule(j.id);
    return jobs.map((j) => j.id);
  }

  /** Resolves when every scheduled job has finished or stopped. */
  settled(): Promise<void> {
    return this.queue;
  }

  /** Stops after the current chunk; unfinished jobs stay `running` in the store for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
  }

  private schedule(id: string, input?: BatchInput): void {
    this.queue = this.queue.then(() => this.run(id, input)).catch((e: unknown) => this.deps.log(`job ${id} failed`, e));
  }

  private async run(id: string, given?: BatchInput): Promise<void> {
    if (this.closed) return;
    const { store } = this.deps;
    const job = await store.getJob(id);
    if (!job || job.status === 'done' || job.status === 'failed') return;
    let input = given;
    try {
      input ??= readBatchCsv(await readFile(this.inputPath(id), 'utf8'));
    } catch (e) {
      await store.updateJob(id, { status: 'failed', updatedAt: this.deps.now(), failure: `the uploaded file could not be re-read: ${(e as Error).message}` });
      return;
    }
    const opts = job.options as unknown as JobOptions;
    const chunk = this.deps.chunkSize ?? 250;
    let processed = Math.min(job.processed, input.rows.length);
    await store.updateJob(id, { status: 'running', updatedAt: this.deps.now(), total: input.rows.length });
    try {
      while (processed < input.rows.length) {
        if (this.closed) return; // resumed on the next start
        const rows = input.rows.slice(processed, processed + chunk);
        const lines = await this.screenRows(rows, opts);
        await store.appendJobResults(id, processed, lines);
        processed += rows.length;
        await store.updateJob(id, { processed, updatedAt: this.deps.now() });
        await yieldToLoop(); // let waiting HTTP requests in between chunks
      }
      await store.updateJob(id, { status: 'done', updatedAt: this.deps.now() });
    } catch (e) {
      await store.updateJob(id, { status: 'failed', updatedAt: this.deps.now(), failure: (e as Error).message });
      throw e;
    }
  }

  /** Screens a chunk: rows sharing the job's date go together; rows with their own as_of one by one. */
  private async screenRows(rows: BatchRow[], opts: JobOptions): Promise<string[]> {
    const base: ScreenOptions = { asOf: opts.asOf, ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}), ...(opts.role ? { role: opts.role } : {}), limit: opts.limit ?? 3 };
    const plain = rows.filter((r) => !r.asOf);
    const plainResults = await this.deps.services.screenMany(plain.map((r) => r.name), base);
    const byLine = new Map(plain.map((r, i) => [r.line, plainResults[i]!]));
    const out: string[] = [];
    for (const r of rows) {
      const res = byLine.get(r.line) ?? (await this.deps.services.screen(r.name, { ...base, asOf: r.asOf! }));
      out.push(resultLine(r, res));
    }
    return out;
  }
}
