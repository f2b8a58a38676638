import { ListwatchError } from '../../core/errors.js';
import type { IsoDate } from '../../core/model.js';
import type { SqlExecutor } from '../../store/sql/driver.js';
import type { CapabilitySql, Store } from '../../store/store.js';
import { canonicalJson, digestOf, sha256Hex } from './canonical.js';

/**
 * The audit trail: append-only, hash-chained entries in the store (tables: ./migration.ts).
 *
 * Each entry commits to the one before it: `hash = sha256(prevHash + "\n" + canonical JSON of
 * {seq, at, actor, action, body})`. `verifyAudit` recomputes the chain and names the first entry
 * that was altered or removed. Callers record with `recordAudit` (or `recordScreening` for a
 * screening, which fills in the record revision, list versions and answer digest).
 */

/** Hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What was done. Open-ended (a string), these are the ones listwatch records. */
export type AuditAction =
  | 'screen' // one name (CLI, API, report)
  | 'screen.batch' // a batch: row count and input file hash in `details`
  | 'watchlist.run'
  | 'import'
  | 'sync'
  | 'key.create'
  | 'key.revoke'
  | 'user.create'
  | 'user.password'
  | 'decision'
  | (string & {});

/**
 * Who did it, as one string: `key:<keyId>` (an API key), `user:<name>` (signed in with a
 * password), `local:<os user>` (the CLI, or the server in open single-user mode), or
 * `system:<component>` (a scheduled sync, a worker).
 */
export type AuditActor = string;

/** What `recordAudit` takes. Everything but actor and action is optional; give what applies. */
export interface AuditInput {
  actor: AuditActor;
  action: AuditAction;
  /** The thing acted on: the query screened, the file imported, the key id, the entity decided on. */
  subject?: string;
  /** Options as given (asOf, threshold, role, limit…). */
  options?: Record<string, unknown>;
  /** The record's revision the answer came from (`store.getRevision()`). */
  revision?: string;
  /** Each list's version used: list id → id of its latest publication on the as-of date. */
  listVersions?: Record<string, string>;
  /** Digest of the answer (`digestOf(answer)`, "sha256:…"). */
  answerDigest?: string;
  /** Anything else worth keeping: row counts, file hashes, hit entity ids, a decision's note. No secrets. */
  details?: Record<string, unknown>;
  /** When, ISO 8601 UTC; default the system clock (entry points may pass their own). */
  at?: string;
}

/** One stored entry. */
export interface AuditEntry extends Omit<AuditInput, 'at'> {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

interface Row { seq: number; at: string; actor: string; action: string; body: string; prev_hash: string; hash: string }

type Body = Omit<AuditInput, 'actor' | 'action' | 'at'>;

/** The hash of an entry given its predecessor's hash: covers seq, time, actor, action and body. */
export function entryHash(prevHash: string, seq: number, at: string, actor: string, action: string, body: string): string {
  return sha256Hex(`${prevHash}\n${canonicalJson({ seq, at, actor, action, body })}`);
}

function toEntry(r: Row): AuditEntry {
  const body = JSON.parse(r.body) as Body;
  return { seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, ...body, prevHash: r.prev_hash, hash: r.hash };
}

/**
 * Appends one entry to the audit trail and returns it. Atomic and safe with concurrent writers
 * (other requests, other processes on the same PostgreSQL): the append locks the chain's head row,
 * so entries get consecutive numbers and each commits to the one before. Throws
 * `ListwatchError('BAD_INPUT')` without actor or action; a database failure is rethrown
 * (the caller's action should then be reported as failed, never silently unaudited).
 *
 * Example (a watchlist run):
 * ```ts
 * await recordAudit(store, { actor: 'system:sync', action: 'watchlist.run', subject: watchlistId,
 *   revision: await store.getRevision(), details: { names: 120, alerts: 2 } });
 * ```
 */
export async function recordAudit(store: { sql: CapabilitySql }, input: AuditInput): Promise<AuditEntry> {
  return store.sql.transaction((tx) => appendAudit(tx, input));
}

/**
 * `recordAudit` inside the caller's transaction: the entry is appended (and the chain's head
 * moved) only if that transaction commits, so a caller can make "write X and audit it" one
 * atomic step (a batch job's finish entry and its claim row, jobs/job-audit.ts).
 */
export async function appendAudit(tx: SqlExecutor, input: AuditInput): Promise<AuditEntry> {
  if (!input.actor || !input.action) throw new ListwatchError('BAD_INPUT', 'an audit entry needs an actor and an action');
  const at = input.at ?? new Date().toISOString(); // default clock: callers in the app need not thread one through
  const { actor, action, at: _at, ...rest } = input;
  const body = canonicalJson(rest);
  const [head] = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE');
  if (!head) throw new ListwatchError('STORE', 'the audit head row is missing (migration 100 not applied?)');
  const seq = Number(head.seq) + 1;
  const hash = entryHash(head.hash, seq, at, actor, action, body);
  await tx.query('INSERT INTO audit_log (seq, at, actor, action, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)', [seq, at, actor, action, body, head.hash, hash]);
  await tx.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [seq, hash]);
  return { seq, at, actor, action, ...(JSON.parse(body) as Body), prevHash: head.hash, hash };
}

/** One entry by its number, or null. */
export async function getAuditEntry(store: { sql: CapabilitySql }, seq: number): Promise<AuditEntry | null> {
  const [r] = await store.sql.query<Row>('SELECT seq, at, actor, action, body, prev_hash, hash FROM audit_log WHERE seq = $1', [seq]);
  return r ? toEntry(r) : null;
}

/**
 * Each list's version on `asOf`: list id → id of its latest publication dated on or before
 * `asOf` that is not a withdrawn document (withdrawn documents have no legal effect).
 */
export async function listVersions(store: Store, asOf: IsoDate): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const p of await store.getPublications()) {
    if (p.date <= asOf && p.kind !== 'withdrawn') out[p.listId] = p.id; // date, id order: the last one wins
  }
  return out;
}

/** What a screening entry records beyond who and when. */
export interface ScreeningAudit {
  actor: AuditActor;
  query: string;
  options: { asOf: IsoDate } & Record<string, unknown>;
  /** The answer as returned (digested, and its hit entity ids kept). */
  answer: { hits: { entityId: string; score: number }[] };
  /** e.g. `{ via: 'api' }`, `{ via: 'cli' }`, `{ via: 'report' }`. */
  details?: Record<string, unknown>;
  at?: string;
  /** `digestOf(answer)` when the caller has it already (a server re-serving one cached answer); computed otherwise. */
  answerDigest?: string;
}

/**
 * Records one screening: the query and options, the record revision, each list's version on the
 * as-of date, the answer's digest and its hits (entity id and score). `versions` may be passed when
 * the caller already has them for this revision and date (the server caches them).
 */
export async function recordScreening(store: Store, s: ScreeningAudit, versions?: { revision: string; lists: Record<string, string> }): Promise<AuditEntry> {
  const revision = versions?.revision ?? (await store.getRevision());
  const lists = versions?.lists ?? (await listVersions(store, s.options.asOf));
  return recordAudit(store, screeningEntry(s, { revision, lists }));
}

/** The audit entry `recordScreening` appends for a screening, given the revision and list versions. */
export function screeningEntry(s: ScreeningAudit, versions: { revision: string; lists: Record<string, string> }): AuditInput {
  const { revision, lists } = versions;
  return {
    actor: s.actor,
    action: 'screen',
    subject: s.query,
    options: s.options,
    revision,
    listVersions: lists,
    answerDigest: s.answerDigest ?? digestOf(s.answer),
    details: { hits: s.answer.hits.map((h) => ({ entityId: h.entityId, score: h.score })), ...s.details },
    ...(s.at ? { at: s.at } : {}),
  };
}

/** The outcome of `verifyAudit`. */
export interface AuditVerifyResult {
  ok: boolean;
  /** Entries checked. */
  entries: number;
  /** The last entry's seq and hash (the chain's head), when ok. */
  head?: { seq: number; hash: string };
  /** The first problem found: which entry, and whether it was altered or removed. */
  problem?: { seq: number; kind: 'altered' | 'removed'; message: string };
}

const PAGE = 1000;

/**
 * Checks the whole chain in order: numbering without gaps from 1, each entry's `prev_hash`
 * equal to the hash of the entry before, each `hash` recomputed from its columns, and the head
 * row equal to the last entry (so removing the newest entries is caught too). Stops at the first
 * problem and names that entry.
 */
export async function verifyAudit(store: { sql: CapabilitySql }): Promise<AuditVerifyResult> {
  let prevHash = GENESIS_HASH;
  let expected = 1;
  let count = 0;
  for (;;) {
    const rows = await store.sql.query<Row>('SELECT seq, at, actor, action, body, prev_hash, hash FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2', [expected, PAGE]);
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expected) {
        return { ok: false, entries: count, problem: { seq: expected, kind: 'removed', message: `entry ${expected}${seq - expected > 1 ? `–${seq - 1}` : ''} was removed (the log jumps from ${expected - 1} to ${seq})` } };
      }
      if (r.prev_hash !== prevHash) {
        // The entry before was rewritten together with its own hash (or entry 1 no longer starts the chain).
        const bad = seq > 1 ? seq - 1 : 1;
        const message = seq > 1 ? `entry ${bad} was altered or replaced (entry ${seq} commits to a different hash)` : 'entry 1 was altered (it does not start from the genesis hash)';
        return { ok: false, entries: count, problem: { seq: bad, kind: 'altered', message } };
      }
      const recomputed = entryHash(r.prev_hash, seq, r.at, r.actor, r.action, r.body);
      if (recomputed !== r.hash) {
        return { ok: false, entries: count, problem: { seq, kind: 'altered', message: `entry ${seq} (${r.action} by ${r.actor} at ${r.at}) was altered: its content no longer matches its hash` } };
      }
      prevHash = r.hash;
      expected = seq + 1;
      count++;
    }
    if (rows.length < PAGE) break;
  }
  const [head] = await store.sql.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  const last = expected - 1;
  if (head && Number(head.seq) > last) {
    return { ok: false, entries: count, problem: { seq: last + 1, kind: 'removed', message: `entry ${last + 1}${Number(head.seq) > last + 1 ? `–${head.seq}` : ''} was removed (the log ends at ${last}, its head records ${head.seq})` } };
  }
  if (head && Number(head.seq) === last && head.hash !== prevHash) {
    return { ok: false, entries: count, problem: { seq: last, kind: 'altered', message: `entry ${last} was altered or replaced (the head records a different hash)` } };
  }
  return { ok: true, entries: count, head: { seq: last, hash: prevHash } };
}

/** Filters of `readAudit`. */
export interface AuditQuery {
  /** Entries at or after this date or ISO time. */
  since?: string;
  /** Only these actions. */
  action?: string;
  /** At most this many (newest last). */
  limit?: number;
}

/** Entries in order (oldest first), streamed in pages. */
export async function* readAudit(store: { sql: CapabilitySql }, q: AuditQuery = {}): AsyncGenerator<AuditEntry> {
  let after = 0;
  let left = q.limit ?? Infinity;
  while (left > 0) {
    const params: unknown[] = [after, Math.min(PAGE, left)];
    const where = ['seq > $1'];
    if (q.since) { params.push(q.since); where.push(`at >= $${params.length}`); }
    if (q.action) { params.push(q.action); where.push(`action = $${params.length}`); }
    const rows = await store.sql.query<Row>(`SELECT seq, at, actor, action, body, prev_hash, hash FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $2`, params);
    for (const r of rows) yield toEntry(r);
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1]!.seq);
    left -= rows.length;
  }
}

/** The most recent entries, newest first (the UI's audit view). */
export async function latestAudit(store: { sql: CapabilitySql }, limit: number): Promise<AuditEntry[]> {
  const rows = await store.sql.query<Row>('SELECT seq, at, actor, action, body, prev_hash, hash FROM audit_log ORDER BY seq DESC LIMIT $1', [limit]);
  return rows.map(toEntry);
}
