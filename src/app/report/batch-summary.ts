import { createHash, type Hash } from 'node:crypto';
import type { Store } from '../../store/store.js';
import type { Coverage } from '../coverage/warnings.js';
import type { ScreenHit } from '../types.js';

/**
 * A batch's outcomes, one per input row: `hit-active` (a hit in force on the date), `hit-unknown`
 * (hits, none in force, one of unknown start first seen after the date), `hit-inactive` (hits, all
 * ended or not yet in force), `no-hit`, `error` (the row could not be screened).
 */
export type BatchOutcome = 'hit-active' | 'hit-unknown' | 'hit-inactive' | 'no-hit' | 'error';

/** Every outcome, in report order. */
export const BATCH_OUTCOMES: readonly BatchOutcome[] = ['hit-active', 'hit-unknown', 'hit-inactive', 'no-hit', 'error'];

/**
 * The outcome of one result record given as its JSON line. Lines without hits are told apart by
 * their text (`"hits":[]` occurs only as the record's own empty list: inside a string the quotes
 * would be escaped); only lines with hits are parsed.
 */
export function outcomeOf(line: string): BatchOutcome {
  if (!line.includes('"hits":[')) return 'error';
  if (line.includes('"hits":[]')) return 'no-hit';
  const hits = (JSON.parse(line) as { hits: Pick<ScreenHit, 'active' | 'unknown'>[] }).hits;
  return hits.some((h) => h.active) ? 'hit-active' : hits.some((h) => h.unknown) ? 'hit-unknown' : 'hit-inactive';
}

/**
 * Counts outcomes and digests a batch's JSONL results as they stream by: `add` each line (as
 * written to the JSONL file, without its newline); `digest` is `sha256:` + the SHA-256 of the
 * lines each followed by `\n`, i.e. of the JSONL file itself (`sha256sum results.jsonl`).
 */
export class BatchTally {
  readonly outcomes: Record<BatchOutcome, number> = { 'hit-active': 0, 'hit-unknown': 0, 'hit-inactive': 0, 'no-hit': 0, error: 0 };
  rows = 0;
  private readonly hash: Hash | null;

  /** `digest: false` only counts (the CLI batch digests its output file instead). */
  constructor(opts: { digest?: boolean } = {}) {
    this.hash = opts.digest === false ? null : createHash('sha256');
  }

  add(line: string): void {
    this.rows++;
    this.outcomes[outcomeOf(line)]++;
    this.hash?.update(line);
    this.hash?.update('\n');
  }

  /**
   * Counts a screened chunk's lines: `withHits` and `errors` say how many lines to parse;
   * a chunk without hits or errors (most of a large batch) is counted without reading a line.
   */
  addChunk(lines: readonly string[], withHits: number, errors: number): void {
    if (this.hash || withHits + errors > 0) {
      for (const l of lines) this.add(l);
      return;
    }
    this.rows += lines.length;
    this.outcomes['no-hit'] += lines.length;
  }

  /** The digest of everything added (call once, at the end). */
  digest(): string {
    if (!this.hash) throw new Error('BatchTally: created without a digest');
    return `sha256:${this.hash.digest('hex')}`;
  }
}

/** One list a batch was checked against, with its version on the as-of date. */
export interface SummaryList {
  listId: string;
  name: string;
  /** The latest publication on or before the as-of date: the version the answers rest on. */
  publication: { id: string; date: string; title?: string; citation?: string; url?: string } | null;
  inForce: number;
  lastRefreshed: string | null;
}

/** A batch's summary report: who, when, what file, against which list versions, counts by outcome, and its audit entry. */
export interface BatchSummary {
  /** The input: a file path (CLI) or the uploaded file's name (job). */
  input: string;
  /** `sha256:` + hex of the input file's bytes. */
  fileHash: string;
  fileBytes?: number;
  /** The job, for API/queue batches. */
  jobId?: string;
  /** The job's final state (`done`, `failed`, `cancelled`); absent for a CLI batch (always complete). */
  state?: string;
  /** When screening began. */
  screenedAt: string;
  finishedAt?: string;
  /** Who ran it (audit actor form). */
  actor: string;
  asOf: string;
  threshold: number;
  role?: string;
  /** The record's revision the batch was screened against. */
  revision: string;
  rows: number;
  outcomes: Record<BatchOutcome, number>;
  lists: SummaryList[];
  /** Coverage warnings for the role (empty or stale lists it depends on). */
  warnings: string[];
  /** Digest of the answers: `sha256:` of the JSONL results (CLI: of the output file as written). */
  answerDigest: string;
  /** What the digest covers, in words. */
  digestOf: string;
  /** The audit entry that records the batch's answers. */
  audit: { seq: number; hash: string; action: string };
}

/** The lists of a summary from the batch's coverage, with each version's title and URL from the store. */
export async function summaryLists(store: Store, coverage: Coverage): Promise<SummaryList[]> {
  const pubs = new Map((await store.getPublications()).map((p) => [p.id, p]));
  return coverage.lists.map((l) => {
    const lp = l.latestPublication;
    const p = lp ? pubs.get(lp.id) : undefined;
    return {
      listId: l.listId, name: l.name, inForce: l.inForce, lastRefreshed: l.lastRefreshed,
      publication: lp ? { id: lp.id, date: lp.date, ...(p?.title ? { title: p.title } : {}), ...(lp.citation ?? p?.citation ? { citation: (lp.citation ?? p?.citation)! } : {}), ...(p?.url ? { url: p.url } : {}) } : null,
    };
  });
}

/** The summary's header lines (both renderers). */
export function batchSummaryLines(s: BatchSummary): string[] {
  return [
    `Input: ${s.input}${s.fileBytes !== undefined ? ` (${s.fileBytes} bytes)` : ''}`,
    `Input file hash: ${s.fileHash}`,
    ...(s.jobId ? [`Job: ${s.jobId}${s.state ? ` (${s.state})` : ''}`] : []),
    `Screened at: ${s.screenedAt}${s.finishedAt ? `, finished ${s.finishedAt}` : ''}`,
    `By: ${s.actor}`,
    `As of: ${s.asOf}`,
    `Threshold: ${s.threshold}`,
    `Role: ${s.role ?? 'none given'}`,
    `Record revision: ${s.revision}`,
    `Answer digest: ${s.answerDigest} (${s.digestOf})`,
    `Audit entry: #${s.audit.seq} (${s.audit.action}), hash ${s.audit.hash}`,
  ];
}

/** One line per outcome: `hit-active: 12`. */
export function outcomeLines(s: BatchSummary): string[] {
  return [`Rows: ${s.rows}`, ...BATCH_OUTCOMES.map((k) => `${k}: ${s.outcomes[k]}`)];
}

/** One line per list: its version on the as-of date. */
export function listLine(l: SummaryList): string {
  const p = l.publication;
  const version = p ? [p.title ?? p.id, p.date, p.citation, p.url].filter(Boolean).join(', ') : 'no publication on or before the as-of date';
  return `${l.name} (${l.listId}): ${version}; ${l.inForce} in force; refreshed ${l.lastRefreshed ?? 'never'}`;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The batch summary as one self-contained printable HTML page (no scripts); every value escaped. Same content as the PDF. */
export function renderBatchSummaryHtml(s: BatchSummary): string {
  const head = batchSummaryLines(s).map((l) => {
    const i = l.indexOf(': ');
    return `<dt>${esc(l.slice(0, i))}</dt><dd>${esc(l.slice(i + 2))}</dd>`;
  }).join('\n');
  const outcomes = BATCH_OUTCOMES.map((k) => `<tr><th scope="row">${k}</th><td class="num">${s.outcomes[k]}</td></tr>`).join('');
  const lists = s.lists.map((l) => {
    const p = l.publication;
    return `<tr><td>${esc(l.name)}<br><small>${esc(l.listId)}</small></td><td>${p ? `${esc(p.title ?? p.id)}<br><small>${esc([p.date, p.citation].filter(Boolean).join(', '))}${p.url ? ` <a href="${esc(p.url)}">${esc(p.url)}</a>` : ''}</small>` : '<em>no publication on or before the as-of date</em>'}</td><td class="num">${l.inForce}</td><td><small>${esc(l.lastRefreshed ?? 'never')}</small></td></tr>`;
  }).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>listwatch batch summary: ${esc(s.input)}</title>
<style>
body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.4}
table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top}.num{text-align:right}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:bold}small{color:#444}dd{word-break:break-all}
.warn{color:#8a1c00}@media print{a{color:inherit;text-decoration:none}body{margin:0}}
</style></head><body>
<h1>Batch screening summary</h1>
<dl>
${head}
</dl>
<h2>Rows by outcome</h2>
<table><tbody><tr><th scope="row">rows</th><td class="num">${s.rows}</td></tr>${outcomes}</tbody></table>
${s.warnings.length ? `<h2>Coverage warnings</h2><ul class="warn">${s.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''}
<h2>Lists checked (version on ${esc(s.asOf)})</h2>
<table><thead><tr><th>List</th><th>Version</th><th>In force</th><th>Last refreshed</th></tr></thead><tbody>
${lists}
</tbody></table>
<p><small>Generated by listwatch. Verify with <code>listwatch audit verify</code>; the audit entry above commits to this batch's input hash, options, list versions, row counts and answer digest.</small></p>
</body></html>
`;
}
