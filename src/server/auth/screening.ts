import type { FastifyRequest } from 'fastify';
import { listVersions, recordAudit, screeningEntry } from '../../app/audit/audit.js';
import { digestOf } from '../../app/audit/canonical.js';
import { createAuditAppender } from '../../app/audit/group-commit.js';
import type { AuditEntry, AuditInput } from '../../app/audit/audit.js';
import type { ScreenOptions, ScreenResult } from '../../app/types.js';
import type { Store } from '../../store/store.js';
import { Lru } from '../../app/lru.js';
import type { Services } from '../services.js';
import { OPEN_PRINCIPAL } from './hook.js';

/** The audit trail as routes use it: the actor comes from the request. */
export interface ServerAudit {
  /** Records one screening by the request's principal (revision served, list versions, answer digest). */
  screening(req: FastifyRequest, result: ScreenResult, opts: ScreenOptions & { asOf: string }, details?: Record<string, unknown>): Promise<AuditEntry>;
  /** Records anything else (an import, a batch, a decision) by the request's principal. */
  record(req: FastifyRequest, input: Omit<AuditInput, 'actor'>): Promise<AuditEntry>;
}

/** The actor of a request: its principal's, or the open mode's. */
export function actorOf(req: FastifyRequest): string {
  return (req.principal ?? OPEN_PRINCIPAL).actor;
}

/**
 * Builds the routes' auditor. The revision recorded is the one the screening index was built
 * from (`services.servedRevision`, else the store's); list versions are computed once per
 * (revision, date) and kept. Screenings are appended with group commit (`createAuditAppender`).
 */
export function createServerAudit(store: Store, services: Services): ServerAudit {
  const versions = new Lru<Record<string, string>>(256);
  const appender = createAuditAppender(store);
  const digests = new WeakMap<object, string>();
  return {
    async screening(req, result, opts, details) {
      const revision = services.servedRevision?.() ?? (await store.getRevision());
      const key = `${revision}|${opts.asOf}`;
      let lists = versions.get(key);
      if (!lists) {
        lists = await listVersions(store, opts.asOf);
        versions.set(key, lists);
      }
      const options: { asOf: string } & Record<string, unknown> = { asOf: opts.asOf, threshold: result.threshold };
      if (opts.role) options['role'] = opts.role;
      if (opts.limit !== undefined) options['limit'] = opts.limit;
      if (opts.includeInactive === false) options['activeOnly'] = true;
      // Group commit: screenings arriving together share one transaction (each still awaits its own entry).
      // A cached answer is the same (immutable) object: its digest is computed once.
      let answerDigest = digests.get(result);
      if (answerDigest === undefined) {
        answerDigest = digestOf(result);
        digests.set(result, answerDigest);
      }
      return appender.record(screeningEntry({ actor: actorOf(req), query: result.query, options, answer: result, answerDigest, details: { via: 'api', ...details } }, { revision, lists }));
    },
    record: (req, input) => recordAudit(store, { ...input, actor: actorOf(req) }),
  };
}
