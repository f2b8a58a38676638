import { randomUUID } from 'node:crypto';
import { ListwatchError } from '../../core/errors.js';
import type { Designation } from '../../core/model.js';
import type { Store } from '../../store/store.js';
import { recordAudit } from '../audit/audit.js';
import type { AuditActor } from '../audit/audit.js';
import { digestOf } from '../audit/canonical.js';
import { linger } from '../linger.js';

/**
 * Case decisions: an analyst marks a hit (the name screened × the entity it matched) as a true
 * match or a false positive, with a note. Later screens of the same name show the latest
 * decision beside the hit; watchlists ask `suppressedFalsePositive` before alerting.
 */

/** The two verdicts. */
export const VERDICTS = ['true-match', 'false-positive'] as const;
/** A verdict on a hit. */
export type Verdict = (typeof VERDICTS)[number];

/** A recorded decision. */
export interface Decision {
  id: string;
  /** The name as screened when decided. */
  query: string;
  entityId: string;
  verdict: Verdict;
  note: string;
  /** Who decided (`key:…`, `user:…`, `local:…`). */
  actor: AuditActor;
  /** When, ISO time. */
  at: string;
  /** Fingerprint of the entity's designations when decided (see `listingDigest`). */
  listingDigest: string;
  /** The audit trail entry that records it. */
  auditSeq: number | null;
}

/** A decision as a screen hit shows it: plus whether the listing changed since. */
export interface HitDecision extends Decision {
  /** True when the entity's designations differ from those the decision was made on. */
  listingChanged: boolean;
}

/**
 * The key two screens of "the same name" share: Unicode NFKC, case-folded, punctuation dropped,
 * whitespace collapsed (so "Tencent Holdings, Ltd." and "tencent holdings ltd" are the same name).
 */
export function queryKey(query: string): string {
  return query.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** Fingerprint of an entity's listing: its designations (list, from, to, publications), order-free. */
export function listingDigest(designations: readonly Designation[]): string {
  const rows = designations.map((d) => [d.listId, d.from, d.to, d.addedBy, d.endedBy]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return digestOf(rows);
}

interface Row { id: string; query: string; query_key: string; entity_id: string; verdict: Verdict; note: string; actor: string; at: string; listing_digest: string; audit_seq: number | null }

const toDecision = (r: Row): Decision => ({ id: r.id, query: r.query, entityId: r.entity_id, verdict: r.verdict, note: r.note, actor: r.actor, at: r.at, listingDigest: r.listing_digest, auditSeq: r.audit_seq === null ? null : Number(r.audit_seq) });

/** What `recordDecision` takes. */
export interface DecisionInput {
  query: string;
  entityId: string;
  verdict: string;
  note: string;
  actor: AuditActor;
  /** ISO time. */
  now: string;
}

/**
 * Records a decision (and an audit entry `decision` with the verdict, note and listing digest).
 * BAD_INPUT for an empty query or note, or an unknown verdict; NOT_FOUND for an unknown entity.
 */
export async function recordDecision(store: Store, d: DecisionInput): Promise<Decision> {
  if (!(VERDICTS as readonly string[]).includes(d.verdict)) throw new ListwatchError('BAD_INPUT', `verdict: "${d.verdict}" is not true-match or false-positive`, { field: 'verdict' });
  if (!d.query.trim() || !queryKey(d.query)) throw new ListwatchError('BAD_INPUT', 'query: the name screened is required', { field: 'query' });
  if (!d.note.trim()) throw new ListwatchError('BAD_INPUT', 'note: say why (who checked what)', { field: 'note' });
  if (d.note.length > 5000) throw new ListwatchError('BAD_INPUT', 'note: at most 5,000 characters', { field: 'note' });
  const entity = await store.getEntity(d.entityId);
  if (!entity) throw new ListwatchError('NOT_FOUND', `entity ${d.entityId} not found`, { field: 'entity_id' });
  const digest = listingDigest(await store.getDesignations({ entityId: d.entityId }));
  const id = randomUUID();
  const verdict = d.verdict as Verdict;
  const audit = await recordAudit(store, {
    actor: d.actor, action: 'decision', subject: d.query, revision: await store.getRevision(), at: d.now,
    details: { decisionId: id, entityId: d.entityId, entityName: entity.name, verdict, note: d.note, listingDigest: digest },
  });
  await store.sql.query('INSERT INTO decisions (id, query, query_key, entity_id, verdict, note, actor, at, listing_digest, audit_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
    [id, d.query, queryKey(d.query), d.entityId, verdict, d.note, d.actor, d.now, digest, audit.seq]);
  return { id, query: d.query, entityId: d.entityId, verdict, note: d.note, actor: d.actor, at: d.now, listingDigest: digest, auditSeq: audit.seq };
}

/** Decisions, newest first, by name screened and/or entity (at most `limit`, default 200). */
export async function listDecisions(store: Store, q: { query?: string; entityId?: string; limit?: number } = {}): Promise<Decision[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.query !== undefined) { params.push(queryKey(q.query)); where.push(`query_key = $${params.length}`); }
  if (q.entityId !== undefined) { params.push(q.entityId); where.push(`entity_id = $${params.length}`); }
  params.push(q.limit ?? 200);
  const rows = await store.sql.query<Row>(`SELECT * FROM decisions${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id LIMIT $${params.length}`, params);
  return rows.map(toDecision);
}

/**
 * The latest decision on each of these entities for this name (entity id → decision), with
 * whether the entity's listing changed since. One read for the decisions, one per decided entity.
 */
export async function latestDecisions(store: Store, query: string, entityIds: readonly string[]): Promise<Map<string, HitDecision>> {
  const [out] = await latestDecisionsMany(store, [{ query, entityIds }]);
  return out!;
}

/**
 * `latestDecisions` for several (name, entities) lookups with one read of the decisions table
 * (and one of each decided entity's designations): the answers, in the order asked.
 */
async function latestDecisionsMany(store: Store, lookups: readonly { query: string; entityIds: readonly string[] }[]): Promise<Map<string, HitDecision>[]> {
  const asked = lookups.map((l) => ({ key: queryKey(l.query), ids: l.entityIds }));
  const keys = [...new Set(asked.filter((a) => a.ids.length).map((a) => a.key))];
  const ids = [...new Set(asked.flatMap((a) => a.ids))];
  const rows = keys.length && ids.length
    ? await store.sql.query<Row>('SELECT * FROM decisions WHERE query_key = ANY($1) AND entity_id = ANY($2) ORDER BY at, id', [keys, ids])
    : [];
  const latest = new Map<string, Row>();
  for (const r of rows) latest.set(`${r.query_key}\u0000${r.entity_id}`, r); // ascending: the last one wins
  const digests = new Map<string, Promise<string>>();
  const digestNow = (entityId: string): Promise<string> => {
    let d = digests.get(entityId);
    if (!d) digests.set(entityId, (d = store.getDesignations({ entityId }).then(listingDigest)));
    return d;
  };
  const answers: Map<string, HitDecision>[] = [];
  for (const a of asked) {
    const out = new Map<string, HitDecision>();
    for (const id of a.ids) {
      const r = latest.get(`${a.key}\u0000${id}`);
      if (r) out.set(id, { ...toDecision(r), listingChanged: (await digestNow(id)) !== r.listing_digest });
    }
    answers.push(out);
  }
  return answers;
}

/**
 * For watchlists (engineer i12): the decision that silences an alert for `name` × `entityId`,
 * or null. It silences only when the LATEST decision on the pair is `false-positive` AND the
 * entity's listing (its designations) is unchanged since: a new designation, a removal or a
 * re-designation brings the alert back. A `true-match` never silences.
 */
export async function suppressedFalsePositive(store: Store, name: string, entityId: string): Promise<HitDecision | null> {
  const d = (await latestDecisions(store, name, [entityId])).get(entityId);
  return d && d.verdict === 'false-positive' && !d.listingChanged ? d : null;
}

/** Latest decisions for many screens at once (see `createDecisionReader`). */
export interface DecisionReader {
  /** As `latestDecisions(store, query, entityIds)`. */
  latest(query: string, entityIds: readonly string[]): Promise<Map<string, HitDecision>>;
  /** As `withDecisions(store, result)`. */
  with<R extends { query: string; hits: { entityId: string }[] }>(result: R): Promise<R>;
}

/**
 * A decision reader for a busy server: the lookups that arrive together (within a turn of the
 * event loop, or `lingerMs`, default 1, when the last read carried several: see `linger`) are
 * answered by one statement instead of one each. On PGlite every statement runs on
 * the server's own thread, so one per screen capped screening at a few hundred requests/s.
 * Answers are the same as `latestDecisions`'s: the latest decision per (name, entity), with
 * whether the listing changed since. A failed read rejects every lookup it carried.
 */
export function createDecisionReader(store: Store, opts: { lingerMs?: number } = {}): DecisionReader {
  const lingerMs = opts.lingerMs ?? 1;
  interface Lookup { query: string; entityIds: readonly string[]; resolve(m: Map<string, HitDecision>): void; reject(e: unknown): void }
  let pending: Lookup[] = [];
  let waiting = false;
  let lastBatch = 1;
  const flush = async (): Promise<void> => {
    const batch = pending;
    pending = [];
    waiting = false;
    lastBatch = batch.length;
    try {
      const answers = await latestDecisionsMany(store, batch);
      batch.forEach((b, i) => b.resolve(answers[i]!));
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  };
  const latestOf = (query: string, entityIds: readonly string[]): Promise<Map<string, HitDecision>> => {
    if (!entityIds.length) return Promise.resolve(new Map());
    return new Promise((resolve, reject) => {
      pending.push({ query, entityIds, resolve, reject });
      if (!waiting) {
        waiting = true;
        void linger(lastBatch, lingerMs).then(flush);
      }
    });
  };
  return {
    latest: latestOf,
    with: async (result) => attach(result, await latestOf(result.query, result.hits.map((h) => h.entityId))),
  };
}

/** The result with each decided hit carrying its `decision` (the same object when none is). */
function attach<R extends { query: string; hits: { entityId: string }[] }>(result: R, ds: Map<string, HitDecision>): R {
  if (!ds.size) return result;
  return { ...result, hits: result.hits.map((h) => (ds.has(h.entityId) ? { ...h, decision: ds.get(h.entityId) } : h)) };
}

/** Adds to each hit its latest decision for this name (`decision`), when there is one. */
export async function withDecisions<R extends { query: string; hits: { entityId: string }[] }>(store: Store, result: R): Promise<R> {
  if (!result.hits.length) return result;
  return attach(result, await latestDecisions(store, result.query, result.hits.map((h) => h.entityId)));
}
