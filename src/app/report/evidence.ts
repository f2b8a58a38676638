import type { Source } from '../../core/model.js';
import type { Store } from '../../store/store.js';
import type { AuditEntry } from '../audit/audit.js';
import { loadRules } from '../dossier/rules.js';
import type { ScreenHit, ScreenResult } from '../types.js';

/**
 * The content of a per-screening evidence report: what was asked, when, by whom, against which
 * list versions, what came back (each hit with its designations, their sources, the obligations
 * for the role, and the case decision), and the audit entry that seals it. Renderers (pdf.ts,
 * html.ts) only lay this out; they add no facts.
 */
export interface EvidenceReport {
  query: string;
  /** When the screening happened (the audit entry's time). */
  screenedAt: string;
  /** Who screened (the audit actor). */
  actor: string;
  options: { asOf: string; threshold: number; role?: string };
  /** The record's revision the answer came from. */
  revision: string;
  /** Each list checked with its version on the as-of date. */
  lists: { listId: string; listName: string; publicationId: string | null; title: string | null; date: string | null; citation: string | null; url: string | null }[];
  hits: ScreenHit[];
  /** Sources cited by the obligations (by id). */
  sources: Record<string, Source>;
  /** The audit entry: seq, hash and answer digest, for an auditor to find and check. */
  audit: { seq: number; hash: string; answerDigest: string | null };
}

/**
 * Builds the report of one screening from its result and the audit entry that recorded it.
 * List versions come from the entry (what was recorded), names and citations from the store.
 */
export async function buildEvidence(store: Store, result: ScreenResult, entry: AuditEntry): Promise<EvidenceReport> {
  const [lists, pubs] = await Promise.all([store.getLists(), store.getPublications()]);
  const pubById = new Map(pubs.map((p) => [p.id, p]));
  const versions = entry.listVersions ?? {};
  const sourceIds = new Set<string>();
  for (const h of result.hits) for (const o of h.obligations ?? []) for (const id of o.sourceIds) sourceIds.add(id);
  const sources: Record<string, Source> = {};
  if (sourceIds.size) {
    for (const s of await store.getSources([...sourceIds])) sources[s.id] = s;
    for (const s of loadRules().sources) if (sourceIds.has(s.id) && !sources[s.id]) sources[s.id] = s;
  }
  const role = (entry.options as { role?: string } | undefined)?.role;
  return {
    query: result.query,
    screenedAt: entry.at,
    actor: entry.actor,
    options: { asOf: result.asOf, threshold: result.threshold, ...(role ? { role } : {}) },
    revision: entry.revision ?? '',
    lists: lists.map((l) => {
      const p = versions[l.id] ? pubById.get(versions[l.id]!) : undefined;
      return { listId: l.id, listName: l.name, publicationId: p?.id ?? null, title: p?.title ?? null, date: p?.date ?? null, citation: p?.citation ?? null, url: p?.url ?? null };
    }),
    hits: result.hits,
    sources,
    audit: { seq: entry.seq, hash: entry.hash, answerDigest: entry.answerDigest ?? null },
  };
}

/** The report's lines of text for one hit, shared by the PDF and HTML renderers. */
export interface HitLines {
  heading: string;
  matched: string;
  designations: string[];
  obligations: string[];
  decision: string | null;
}

/** Lays one hit out as text lines (the one wording both renderers use). */
export function hitLines(h: ScreenHit, sources: Record<string, Source>): HitLines {
  const status = h.active ? 'ACTIVE' : 'inactive';
  return {
    heading: `${h.name} (${h.entityId}): score ${h.score.toFixed(3)}, ${status}`,
    matched: `matched "${h.matchedName}" (${h.explanation.matchedNameKind}${h.explanation.matchedNameVerified ? '' : ', UNVERIFIED name'}): ${h.explanation.summary}`,
    designations: h.designations.map((d) => {
      const src = [d.source.title, d.source.citation, d.source.date, d.source.url].filter(Boolean).join(', ');
      return `${d.active ? 'ACTIVE' : 'inactive'}: ${d.listName} (${d.list}) from ${d.from}${d.to ? ` to ${d.to}` : ', in force'}, printed as "${d.printedName}". Source: ${src}`;
    }),
    obligations: (h.obligations ?? []).map((o) => {
      const cited = o.sourceIds.map((id) => sources[id]).filter((s): s is Source => Boolean(s)).map((s) => [s.title, s.date, s.url].filter(Boolean).join(', '));
      return `${o.status} from ${o.effectiveFrom}${o.effectiveTo ? ` until ${o.effectiveTo}` : ''}${o.via ? ` (via listed parent ${o.via.parentName})` : ''}: ${o.effect} [${o.citation}]${o.verified ? '' : ' UNVERIFIED'}${cited.length ? `. Sources: ${cited.join('; ')}` : ''}`;
    }),
    decision: h.decision
      ? `${h.decision.verdict === 'true-match' ? 'TRUE MATCH' : 'FALSE POSITIVE'} by ${h.decision.actor} at ${h.decision.at}: ${h.decision.note}${h.decision.listingChanged ? ' (the listing has changed since this decision)' : ''}`
      : null,
  };
}
