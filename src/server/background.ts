import type { Transporter } from 'nodemailer';
import type { IsoDate } from '../core/model.js';
import type { Store } from '../store/store.js';
import { runSync, type SyncRunResult } from '../app/sync/service.js';
import { DEFAULT_SYNC_INTERVAL_MS } from '../app/sync/config.js';
import { rescreenAll } from '../app/watchlists/service.js';
import { deliverPending, type DeliverResult } from '../app/alerts/deliver.js';
import type { Jobs } from '../app/jobs/jobs.js';
import { ALERTS_DELIVER, SYNC_RUN, WATCH_RESCREEN_ALL } from '../app/jobs/kinds.js';
import { getMark } from '../app/jobs/marks.js';
import { RESCREEN_MARK } from '../app/watchlists/jobs.js';

/** What the server runs by itself. Each task is a plain idempotent service call (a job runner may run them instead). */
export interface BackgroundOptions {
  /** Scheduled sync: every `intervalMs` (default daily); false turns it off. */
  sync?: false | { intervalMs?: number; urls?: Record<string, string>; baseUrl?: string; timeoutMs?: number; retries?: number };
  /** How often to look for a changed record or a new day and re-screen the watchlists (default 60 s). */
  rescreenCheckMs?: number;
  /** How often to send pending alert deliveries (default 15 s). */
  deliverEveryMs?: number;
  /** Alert delivery settings. */
  deliver?: { maxAttempts?: number; baseDelayMs?: number; timeoutMs?: number; mail?: { transport: Transporter; from: string }; publicUrl?: string };
  log?: (msg: string, err?: unknown) => void;
}

/**
 * Sync, re-screening and delivery on timers, each task never overlapping itself. With a job queue
 * (`jobs`: always, in the server) the timers only QUEUE the work as jobs (see src/app/jobs/kinds.ts)
 * for whichever worker is free: the in-process worker of the embedded store, or `listwatch worker`
 * processes beside PostgreSQL; the jobs' singleton keys and throttles, and the shared re-screen mark,
 * make the timers of several API servers queue each piece of work once. Without one (tests) they run it here.
 */
export class Background {
  private timers: NodeJS.Timeout[] = [];
  private running = new Map<string, Promise<unknown>>();
  private stopped = false;
  private lastScreened: string | null = null;

  constructor(private readonly store: Store, private readonly today: () => IsoDate, private readonly now: () => string, private readonly opts: BackgroundOptions, private readonly jobs?: Jobs) {}

  /** Starts the timers. The first sync runs one interval after start (a restart loop must not hammer the sources). */
  start(): void {
    const every = (name: string, ms: number, fn: () => Promise<unknown>, immediately: boolean): void => {
      const tick = (): void => {
        if (this.stopped) return;
        void this.once(name, fn).finally(() => {
          if (!this.stopped) this.timers.push(setTimeout(tick, ms).unref());
        });
      };
      this.timers.push(setTimeout(tick, immediately ? 0 : ms).unref());
    };
    const syncMs = this.opts.sync === false ? 0 : this.opts.sync?.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    if (syncMs) every('sync', syncMs, () => (this.jobs ? this.queueSync(syncMs) : this.sync()), false);
    every('rescreen', this.opts.rescreenCheckMs ?? 60_000, () => this.rescreenIfChanged(), true);
    every('deliver', this.opts.deliverEveryMs ?? 15_000, () => (this.jobs ? this.queueDeliver() : this.deliver()), true);
  }

  /** Runs `fn` unless the same task is running (then waits for that run). Errors are logged, not thrown. */
  private once<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
    const cur = this.running.get(name) as Promise<T | undefined> | undefined;
    if (cur) return cur;
    const p = fn().catch((e: unknown) => { this.opts.log?.(`${name} failed`, e); return undefined; }).finally(() => this.running.delete(name));
    this.running.set(name, p);
    return p;
  }

  /** One sync run now (also what POST /sync calls), then a re-screen when the record changed. */
  async sync(overrides: { sources?: string[]; baseUrl?: string; actor?: string } = {}): Promise<SyncRunResult> {
    const s = this.opts.sync || {};
    const r = await runSync(this.store, {
      today: this.today(), now: this.now,
      ...(overrides.sources ? { sources: overrides.sources } : {}),
      ...(overrides.baseUrl ?? s.baseUrl ? { baseUrl: (overrides.baseUrl ?? s.baseUrl)! } : {}),
      ...(s.urls ? { urls: s.urls } : {}),
      http: { ...(s.timeoutMs ? { timeoutMs: s.timeoutMs } : {}), ...(s.retries !== undefined ? { retries: s.retries } : {}) },
      ...(overrides.actor ? { actor: overrides.actor } : {}),
    });
    if (r.recordChanged && this.jobs) {
      await this.jobs.background(WATCH_RESCREEN_ALL, { today: this.today(), cause: 'sync', ...(overrides.actor ? { actor: overrides.actor } : {}) });
      r.rescreenQueued = true;
    } else if (r.recordChanged) {
      const rs = await this.rescreen(overrides.actor);
      r.rescreen = { watchlists: rs.length, alerts: rs.reduce((n, x) => n + x.alerts.length, 0) };
    }
    return r;
  }

  /** Re-screens every watchlist (revision and day noted, so the timer does not repeat it). */
  async rescreen(actor?: string) {
    const key = `${await this.store.getRevision()}|${this.today()}`;
    const rs = await rescreenAll(this.store, { today: this.today(), now: this.now, ...(actor ? { actor } : {}) });
    this.lastScreened = key;
    return rs;
  }

  /**
   * Re-screens when the record's revision or the day moved since the last re-screen (another
   * process imported; a rule came into force). With a queue: compares with the shared mark the
   * re-screen job sets, and queues one (a stately job: one waits at most, whoever queues it).
   */
  private async rescreenIfChanged(): Promise<void> {
    const today = this.today();
    const key = `${await this.store.getRevision()}|${today}`;
    if (this.jobs) {
      if (key === (await getMark(this.store.sql, RESCREEN_MARK))) return;
      await this.jobs.background(WATCH_RESCREEN_ALL, { today, cause: 'schedule' });
      return;
    }
    if (key === this.lastScreened) return;
    await this.rescreen();
  }

  /** Queues a sync run, throttled to one per interval slot across every server on the database. */
  private async queueSync(intervalMs: number): Promise<void> {
    const s = this.opts.sync || {};
    await this.jobs!.background(SYNC_RUN, {
      ...(s.baseUrl ? { baseUrl: s.baseUrl } : {}), ...(s.urls ? { urls: s.urls } : {}),
      ...(s.timeoutMs ? { timeoutMs: s.timeoutMs } : {}), ...(s.retries !== undefined ? { retries: s.retries } : {}),
    }, { singletonKey: 'scheduled', singletonSeconds: Math.max(60, Math.round(intervalMs / 1000)) });
  }

  /** Queues a delivery pass when a delivery is due (one waits at most, whoever queues it). */
  private async queueDeliver(): Promise<void> {
    const [due] = await this.store.sql.query(`SELECT 1 FROM alert_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 LIMIT 1`, [this.now()]);
    if (!due) return;
    const d = this.opts.deliver ?? {};
    await this.jobs!.background(ALERTS_DELIVER, { ...(d.maxAttempts ? { maxAttempts: d.maxAttempts } : {}), ...(d.baseDelayMs ? { baseDelayMs: d.baseDelayMs } : {}) }, { singletonKey: 'now' });
  }

  /** Sends pending deliveries once. */
  deliver(): Promise<DeliverResult> {
    const d = this.opts.deliver ?? {};
    return deliverPending(this.store, { nowMs: () => Date.parse(this.now()), ...d });
  }

  /** Stops the timers and waits for running tasks. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    await Promise.allSettled([...this.running.values()]);
    this.opts.deliver?.mail?.transport.close();
  }
}
