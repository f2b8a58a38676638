import type { CapabilitySql } from '../../store/store.js';
import { readAudit } from './audit.js';
import type { AuditEntry, AuditQuery } from './audit.js';
import { csvLine } from './csv.js';

/** Columns of `audit export --format csv`, in order. */
export const AUDIT_CSV_COLUMNS = ['seq', 'at', 'actor', 'action', 'subject', 'options', 'revision', 'list_versions', 'answer_digest', 'details', 'prev_hash', 'hash'] as const;

function csvOf(e: AuditEntry): string {
  return csvLine([e.seq, e.at, e.actor, e.action, e.subject, e.options, e.revision, e.listVersions, e.answerDigest, e.details, e.prevHash, e.hash]);
}

/**
 * The audit trail for an auditor, as text chunks: JSONL (one entry per line, every field) or
 * CSV (header, then one row per entry; objects as JSON cells; formula-like cells escaped).
 * Entries are in chain order, so an auditor can recompute the hashes from the JSONL.
 */
export async function* exportAudit(store: { sql: CapabilitySql }, format: 'jsonl' | 'csv', q: AuditQuery = {}): AsyncGenerator<string> {
  if (format === 'csv') yield csvLine(AUDIT_CSV_COLUMNS);
  for await (const e of readAudit(store, q)) yield format === 'csv' ? csvOf(e) : JSON.stringify(e) + '\n';
}
