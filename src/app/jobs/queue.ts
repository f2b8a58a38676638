import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import type { CapabilitySql } from '../../store/store.js';

/**
 * How a job type is retried and timed out. pg-boss keeps these per queue: a run that throws is
 * retried after `retryDelaySeconds` (doubled each time with jitter when `retryBackoff`); a run
 * still active after `expireInSeconds` (its process died or hangs) is failed by pg-boss's
 * maintenance and retried the same way. After `retryLimit` retries the job goes to `deadLetter`.
 */
export interface JobTypeOptions {
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  expireInSeconds: number;
  /** Queue that receives the job's data once every retry has failed. */
  deadLetter?: string;
  /**
   * pg-boss queue policy (default `standard`). `stately`: at most one run per singleton key is
   * queued and one active at a time, so a second send while one waits is a no-op (two API servers'
   * timers, or a burst of imports, queue one re-screen, not many).
   */
  policy?: 'standard' | 'stately';
}

/** Options of one send: dedup and throttle keys (pg-boss's singletonKey/singletonSeconds) and a start time. */
export interface SendOptions {
  /** Runs with the same key dedupe per the queue's policy (`stately`: one queued, one active). */
  singletonKey?: string;
  /** Throttle: at most one run with this key per time slot of this many seconds (completed ones count). */
  singletonSeconds?: number;
  /** Not before this time. */
  startAfter?: Date;
}

/** One fetched run of a job: its data and which attempt this is (0 = first). */
export interface QueuedJob<T> {
  id: string;
  name: string;
  data: T;
  /** Retries before this run (0 on the first run). */
  attempt: number;
}

/** One run of a queue as `recent` lists it. */
export interface QueueRun {
  id: string;
  /** The queue (job type). */
  name: string;
  /** pg-boss's state: created, retry, active, completed, cancelled, failed. */
  state: string;
  /** Retries before this run's current attempt (0 on the first). */
  attempt: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  /** Progress while active; the result (or the error) once finished. */
  output: unknown;
  /** What the run was asked to do. */
  data: unknown;
}

/** Options of a queue connection. */
export interface JobQueueOptions {
  /**
   * Run pg-boss maintenance here (expiring runs that outlived `expireInSeconds`, archiving).
   * Workers do; API servers that only submit do not.
   */
  supervise?: boolean;
  /** Seconds between two maintenance passes (default 10). A dead worker's chunk is retried within expireIn + this. */
  maintenanceIntervalSeconds?: number;
  /** Told about pg-boss background errors (maintenance); default: ignored. */
  onError?: (err: unknown) => void;
}

/** Deadlock (40P01) or serialization failure (40001): the statement is safe to run again. */
function isRetryableLockError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001' || /deadlock detected/i.test(e instanceof Error ? e.message : String(e));
}

/** Multi-statement scripts (pg-boss's locked maintenance commands) cannot be prepared statements. */
function isMultiStatementError(e: unknown): boolean {
  return /multiple commands|cannot insert multiple commands/i.test(e instanceof Error ? e.message : String(e));
}

/**
 * pg-boss's `db` option over the store's own connection (`store.sql`): the same code on
 * PostgreSQL (a `pg` pool) and on embedded PGlite (one in-process connection, where pg-boss
 * cannot open a pool of its own). Scripts without parameters that hold several statements
 * (pg-boss's maintenance, run in one BEGIN…COMMIT) go through `exec`; their rows are not used.
 */
export function pgBossDb(sql: CapabilitySql): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length) return { rows: await sql.query(text, values) };
      // A BEGIN…COMMIT script goes to `exec`, which rolls back when a statement in it fails;
      // run as a plain query on a pool, a failure would leave that connection in an aborted
      // transaction for whoever uses it next.
      if (/^\s*BEGIN\b/i.test(text)) {
        await sql.exec(text);
        return { rows: [] };
      }
      try {
        const rows = await sql.query(text);
        return { rows: Array.isArray(rows) ? rows : [] };
      } catch (e) {
        if (!isMultiStatementError(e)) throw e;
        await sql.exec(text);
        return { rows: [] };
      }
    },
  } as PgBoss.Db;
}

/**
 * The job queue every background job runs through: pg-boss 10 over the store's database, in
 * its own schema `pgboss`. Any number of processes on any number of machines may open it on the
 * same database; each fetched run is locked to one of them (`FOR UPDATE SKIP LOCKED`).
 */
export class JobQueue {
  private readonly created = new Set<string>();

  private constructor(private readonly boss: PgBoss, private readonly sql: CapabilitySql) {}

  /** Connects (creating or upgrading pg-boss's schema when needed; pg-boss serialises that with an advisory lock). */
  static async open(sql: CapabilitySql, opts: JobQueueOptions = {}): Promise<JobQueue> {
    const boss = new PgBoss({
      db: pgBossDb(sql),
      supervise: opts.supervise ?? false,
      maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 10,
      // Cron scheduling is not used: workers purge on their own timer (see worker.ts).
      schedule: false,
      migrate: true,
    });
    boss.on('error', (e: unknown) => opts.onError?.(e));
    await boss.start();
    return new JobQueue(boss, sql);
  }

  /**
   * Creates the queue of a job type (and its dead-letter queue first) if it does not exist yet;
   * with `update` (workers: the code that runs the jobs owns their policy) also sets its policy.
   */
  async ensure(name: string, o: JobTypeOptions, update = true): Promise<void> {
    if (this.created.has(name)) return;
    if (o.deadLetter && !this.created.has(o.deadLetter)) {
      await this.ensure(o.deadLetter, { retryLimit: 2, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: o.expireInSeconds }, false);
    }
    const options = {
      name, retryLimit: o.retryLimit, retryDelay: o.retryDelaySeconds, retryBackoff: o.retryBackoff,
      expireInSeconds: o.expireInSeconds, ...(o.deadLetter ? { deadLetter: o.deadLetter } : {}), policy: o.policy ?? 'standard',
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.boss.createQueue(name, options);
        break;
      } catch (e) {
        // Another process created it at the same moment.
        if (await this.boss.getQueue(name)) break;
        // Two processes creating the same queue deadlock inside pg-boss's create_queue (one
        // waits on the other's queue row while that one adds a foreign key to the queue table);
        // PostgreSQL aborts one of them. Once the other commits, a retry finds the row and stops.
        if (!isRetryableLockError(e) || attempt >= 6) throw e;
        await sleep(50 * attempt + Math.random() * 100);
      }
    }
    // Settings change with the code (a new expiry, a new retry limit): keep the queue in step.
    if (update) await this.boss.updateQueue(name, options);
    this.created.add(name);
  }

  /** Queues one run of `name` with `data` (JSON). Returns its id, or null when a singleton key or throttle refused it (one is queued already). */
  async send(name: string, data: object, o: SendOptions = {}): Promise<string | null> {
    return this.boss.send(name, data, {
      ...(o.singletonKey !== undefined ? { singletonKey: o.singletonKey } : {}),
      ...(o.singletonSeconds !== undefined ? { singletonSeconds: o.singletonSeconds } : {}),
      ...(o.startAfter ? { startAfter: o.startAfter } : {}),
    });
  }

  /** Queues many runs of `name` in one statement. */
  async sendMany(name: string, data: readonly object[]): Promise<void> {
    if (data.length) await this.boss.insert(data.map((d) => ({ name, data: d })));
  }

  /** Takes up to `n` runs of `name` that are due; each is then active (locked to this caller) until completed, failed or expired. */
  async fetch<T>(name: string, n = 1): Promise<QueuedJob<T>[]> {
    const jobs = await this.boss.fetch<T>(name, { batchSize: n, includeMetadata: true });
    return jobs.map((j) => ({ id: j.id, name: j.name, data: j.data, attempt: j.retryCount }));
  }

  /** Marks a run finished, with what it did (kept as the run's output). */
  async complete(name: string, id: string, output?: object): Promise<void> {
    await this.boss.complete(name, id, output);
  }

  /** Records a running run's progress (its output, readable with `run` while it is active). */
  async progress(name: string, id: string, output: object): Promise<void> {
    await this.sql.query(`UPDATE pgboss.job SET output = $3::jsonb WHERE name = $1 AND id = $2 AND state = 'active'`, [name, id, JSON.stringify(output)]);
  }

  /** One run by id: its state (created, retry, active, completed, cancelled, failed), attempt and output; null when unknown or archived. */
  async run(name: string, id: string): Promise<{ state: string; attempt: number; output: unknown } | null> {
    const j = await this.boss.getJobById(name, id, { includeArchive: true });
    return j ? { state: j.state, attempt: j.retryCount, output: j.output } : null;
  }

  /**
   * The latest runs of these queues, newest first, live and archived (pg-boss moves finished runs
   * to its archive after a while): state, attempt, times and output (a running job's progress).
   */
  async recent(names: readonly string[], limit: number): Promise<QueueRun[]> {
    const cols = 'id, name, state, retry_count, created_on, started_on, completed_on, output, data';
    const rows = await this.sql.query<{ id: string; name: string; state: string; retry_count: number; created_on: Date | string; started_on: Date | string | null; completed_on: Date | string | null; output: unknown; data: unknown }>(
      `SELECT * FROM (SELECT ${cols} FROM pgboss.job WHERE name = ANY($1) UNION ALL SELECT ${cols} FROM pgboss.archive WHERE name = ANY($1)) runs ORDER BY created_on DESC, id LIMIT $2`,
      [[...names], limit]);
    const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());
    return rows.map((r) => ({
      id: r.id, name: r.name, state: r.state, attempt: Number(r.retry_count),
      createdAt: iso(r.created_on)!, startedAt: iso(r.started_on), completedAt: iso(r.completed_on), output: r.output ?? null, data: r.data ?? null,
    }));
  }

  /** Marks a run failed: pg-boss retries it (with backoff) or, after the last retry, dead-letters it. */
  async fail(name: string, id: string, err: unknown): Promise<void> {
    await this.boss.fail(name, id, { message: err instanceof Error ? err.message : String(err) });
  }

  /** Runs of `name` that are not finished (created, retry or active). */
  async pending(name: string): Promise<number> {
    return this.boss.getQueueSize(name, { before: 'completed' });
  }

  /** Stops maintenance; the database connection belongs to the store and stays open. */
  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true, close: false });
  }
}
