import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { addDays } from '../../core/dates.js';
import { isListwatchError, ListwatchError } from '../../core/errors.js';
import type { IsoDate } from '../../core/model.js';
import type { Store } from '../../store/store.js';
import type { FileFetcher, ReviewFetcher, ReviewFinding, SourceFetcher } from '../../sources/fetcher.js';
import { fetchers, getFetcher } from '../../sources/fetchers.js';
import { sha256 } from '../../sources/common/hash.js';
import { importFiles } from '../import/index.js';
import { recordAudit } from '../audit/audit.js';
import type { ImportResult } from '../types.js';
import { conditionalGet, joinUrl, type HttpOptions, type HttpResult } from './http.js';
import { getRequestStates, saveRequestState, saveRun, saveSourceState, touchLists, insertReviews, type RequestState } from './state.js';

/** Options of one sync run. */
export interface SyncOptions {
  /** Source ids to check (default: every fetcher). */
  sources?: string[];
  /** Replaces every checked source's official base URL (`--url`): files are fetched under it by their official names. */
  baseUrl?: string;
  /** Per-source base URLs (configuration), used when `baseUrl` is not given. */
  urls?: Record<string, string>;
  /** Today (import date fallback, review dates). */
  today: IsoDate;
  /** Wall clock, ISO-8601 (checked/changed times). */
  now: () => string;
  http?: HttpOptions;
  /** How far back the first Federal Register check looks (days; default 30). */
  firstLookbackDays?: number;
  onProgress?: (msg: string) => void;
  /** Who runs it, for the audit trail (default `system:sync`: a scheduled run). */
  actor?: string;
  /** Import even when the refusal rules would refuse a drop of more than 20 % (an operator who checked the download). */
  force?: boolean;
}

/** One file or request of a source in a run. */
export interface SyncRequestResult {
  name: string;
  url: string;
  /** 200 new content, 304 / same hash unchanged, 404 not published (optional companions only). */
  http: 200 | 304 | 404 | null;
  unchanged: boolean;
  bytes?: number;
}

/** What one source did in a run. */
export interface SyncSourceResult {
  source: string;
  kind: SourceFetcher['kind'];
  /** changed: new content imported or new review items; unchanged: nothing new; refused: the download failed the import rules (the record kept its last good version); failed: it could not be fetched. */
  status: 'changed' | 'unchanged' | 'refused' | 'failed';
  baseUrl: string;
  requests: SyncRequestResult[];
  imports?: ImportResult[];
  /** New review items (raised once). */
  reviews?: ReviewFinding[];
  error?: { code: string; message: string };
}

/** The result of `runSync`: one entry per source, in order. */
export interface SyncRunResult {
  startedAt: string;
  finishedAt: string;
  sources: SyncSourceResult[];
  /** True when any list got a new publication (watchlists should be re-screened). */
  recordChanged: boolean;
  /** Set by callers that re-screened the watchlists after the run (CLI, server). */
  rescreen?: { watchlists: number; alerts: number };
  /** The record changed and the watchlists' re-screen was queued as a job (a worker runs it) instead of run here. */
  rescreenQueued?: boolean;
}

/**
 * Checks official sources once and brings the record up to date. Idempotent: a second run with
 * nothing new published is a no-op (conditional requests answer 304, or the content hash is the
 * one stored). File sources (OFAC, CSL) import changed files with `importFiles` and its refusal rules
 * (truncated, malformed, a drop of more than 20 %); a refused or failed download leaves the record
 * and the stored validators as they were (the last good version stays; the next run fetches again).
 * Review sources (Federal Register, official pages) raise review items once per document or change.
 * One source failing does not stop the others; each source's outcome is recorded in `sync_runs`.
 */
export async function runSync(store: Store, opts: SyncOptions): Promise<SyncRunResult> {
  const startedAt = opts.now();
  const chosen = opts.sources?.length ? opts.sources.map(getFetcher) : fetchers;
  const out: SyncSourceResult[] = [];
  for (const f of chosen) {
    const baseUrl = opts.baseUrl ?? opts.urls?.[f.id] ?? f.baseUrl;
    const t0 = opts.now();
    opts.onProgress?.(`${f.id}: checking ${baseUrl}`);
    let r: SyncSourceResult;
    try {
      r = f.kind === 'files' ? await syncFiles(store, f, baseUrl, opts) : await syncReview(store, f, baseUrl, opts);
    } catch (e) {
      const code = isListwatchError(e) ? e.code : 'INTERNAL';
      const refused = code === 'BAD_FILE' || code === 'ROW_COUNT_DROP' || (code === 'BAD_INPUT' && f.kind === 'files');
      r = { source: f.id, kind: f.kind, status: refused ? 'refused' : 'failed', baseUrl, requests: [], error: { code, message: (e as Error).message } };
    }
    const finished = opts.now();
    await saveRun(store, { id: randomUUID(), sourceId: f.id, startedAt: t0, finishedAt: finished, status: r.status, detail: r, error: r.error?.message ?? null });
    await saveSourceState(store, f.id, finished, r.status, r.error?.message ?? null);
    await recordAudit(store, {
      actor: opts.actor ?? 'system:sync', action: 'sync', subject: f.id, at: finished, revision: await store.getRevision(),
      options: { baseUrl }, details: { status: r.status, requests: r.requests.map((q) => ({ name: q.name, http: q.http, unchanged: q.unchanged })), publications: (r.imports ?? []).flatMap((i) => i.lists.filter((l) => l.publicationId).map((l) => l.publicationId)), reviews: (r.reviews ?? []).map((v) => v.key), ...(r.error ? { error: r.error } : {}) },
    });
    opts.onProgress?.(`${f.id}: ${r.status}${r.error ? ` — ${r.error.message}` : ''}`);
    out.push(r);
  }
  const recordChanged = out.some((s) => s.imports?.some((i) => i.lists.some((l) => l.status === 'imported')));
  return { startedAt, finishedAt: opts.now(), sources: out, recordChanged };
}

/** The publication date of a download: its Last-Modified day when it is a real past date, else today. */
function publicationDate(res: HttpResult | undefined, today: IsoDate): IsoDate {
  const lm = res?.lastModified ? new Date(res.lastModified) : null;
  if (!lm || Number.isNaN(lm.getTime())) return today;
  const d = lm.toISOString().slice(0, 10);
  return d <= today ? d : today;
}

async function syncFiles(store: Store, f: FileFetcher, baseUrl: string, opts: SyncOptions): Promise<SyncSourceResult> {
  const states = await getRequestStates(store, f.id);
  const got = new Map<string, HttpResult>();
  const requests: SyncRequestResult[] = [];
  for (const spec of f.files) {
    const url = joinUrl(baseUrl, spec.name);
    const prev = states.get(spec.name);
    // Validators count only for the same URL: a different --url is a different server.
    const cond = prev && prev.url === url ? { etag: prev.etag, lastModified: prev.lastModified } : {};
    const res = await conditionalGet(url, cond, opts.http);
    if (res.status === 404 && !spec.optional) throw new ListwatchError('UPSTREAM', `${url}: HTTP 404 (a required file of ${f.id})`, { file: url });
    got.set(spec.name, res);
  }
  const changed = f.files.filter((s) => {
    const res = got.get(s.name)!;
    const prev = states.get(s.name);
    if (res.status === 304) return false;
    if (res.status === 404) return Boolean(prev?.contentHash); // a companion that disappeared
    return !prev || prev.contentHash !== sha256(res.body!);
  });
  const checkedAt = opts.now();
  if (!changed.length) {
    for (const s of f.files) {
      const res = got.get(s.name)!;
      requests.push({ name: s.name, url: joinUrl(baseUrl, s.name), http: res.status, unchanged: true, ...(res.body ? { bytes: res.body.byteLength } : {}) });
      const prev = states.get(s.name);
      await saveRequestState(store, { sourceId: f.id, key: s.name, url: joinUrl(baseUrl, s.name), etag: res.etag ?? prev?.etag ?? null, lastModified: res.lastModified ?? prev?.lastModified ?? null, contentHash: prev?.contentHash ?? null, checkedAt, changedAt: prev?.changedAt ?? null });
    }
    await touchLists(store, f.id, checkedAt, []);
    return { source: f.id, kind: 'files', status: 'unchanged', baseUrl, requests };
  }
  // Something changed: every file of the set is needed for the import, so files that answered 304 are fetched again in full.
  for (const s of f.files) {
    if (got.get(s.name)!.status === 304) got.set(s.name, await conditionalGet(joinUrl(baseUrl, s.name), {}, opts.http));
  }
  const dir = await mkdtemp(path.join(tmpdir(), `lw-sync-${f.id}-`));
  try {
    const paths: string[] = [];
    for (const s of f.files) {
      const res = got.get(s.name)!;
      requests.push({ name: s.name, url: joinUrl(baseUrl, s.name), http: res.status, unchanged: !changed.includes(s), ...(res.body ? { bytes: res.body.byteLength } : {}) });
      if (res.status !== 200) continue;
      const p = path.join(dir, s.name);
      await writeFile(p, res.body!);
      paths.push(p);
    }
    const primary = got.get(f.files[0]!.name);
    let imports: ImportResult[];
    try {
      imports = await importFiles(store, f.format, paths, { today: opts.today, date: publicationDate(primary, opts.today), ...(opts.force ? { force: true } : {}), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
    } catch (e) {
      if (!isListwatchError(e)) throw e;
      // The refusal names the download by its URL, not by the temporary file it was read from.
      const message = e.message.split(`${dir}${path.sep}`).join(`${baseUrl.replace(/\/+$/, '')}/`);
      const refused = e.code === 'BAD_FILE' || e.code === 'ROW_COUNT_DROP' || e.code === 'BAD_INPUT';
      return { source: f.id, kind: 'files', status: refused ? 'refused' : 'failed', baseUrl, requests, error: { code: e.code, message } };
    }
    // Only now, with the import stored, do the validators and hashes move (keep-last-good).
    for (const s of f.files) {
      const res = got.get(s.name)!;
      const prev = states.get(s.name);
      const hash = res.body ? sha256(res.body) : null;
      await saveRequestState(store, { sourceId: f.id, key: s.name, url: joinUrl(baseUrl, s.name), etag: res.etag, lastModified: res.lastModified, contentHash: hash, checkedAt, changedAt: hash !== (prev?.contentHash ?? null) ? checkedAt : prev?.changedAt ?? null });
    }
    const lists = imports.flatMap((i) => i.lists);
    await touchLists(store, f.id, checkedAt, lists.map((l) => ({ listId: l.listId, changed: l.status === 'imported' })));
    const imported = lists.some((l) => l.status === 'imported');
    return { source: f.id, kind: 'files', status: imported ? 'changed' : 'unchanged', baseUrl, requests, imports };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function syncReview(store: Store, f: ReviewFetcher, baseUrl: string, opts: SyncOptions): Promise<SyncSourceResult> {
  const states = await getRequestStates(store, f.id);
  const checkedAt = opts.now();
  const lastChecked = [...states.values()].map((s) => s.checkedAt.slice(0, 10)).sort().pop();
  // Overlap a week with the last check: documents are raised once by key, so overlap costs nothing.
  const since = lastChecked ? addDays(lastChecked, -7) : addDays(opts.today, -(opts.firstLookbackDays ?? 30));
  const requests: SyncRequestResult[] = [];
  const findings: ReviewFinding[] = [];
  const saves: RequestState[] = [];
  for (const req of f.requests(since)) {
    const url = joinUrl(baseUrl, req.path);
    const prev = states.get(req.key);
    const cond = prev && prev.url === url ? { etag: prev.etag, lastModified: prev.lastModified } : {};
    const res = await conditionalGet(url, cond, opts.http);
    if (res.status === 404) throw new ListwatchError('UPSTREAM', `${url}: HTTP 404`, { file: url });
    if (res.status === 304) {
      requests.push({ name: req.key, url, http: 304, unchanged: true });
      saves.push({ ...(prev as RequestState), checkedAt });
      continue;
    }
    const read = f.read(req, res.body!, url, prev?.contentHash ?? null, opts.today);
    const unchanged = read.hash === prev?.contentHash;
    requests.push({ name: req.key, url, http: 200, unchanged, bytes: res.body!.byteLength });
    findings.push(...read.findings);
    saves.push({ sourceId: f.id, key: req.key, url, etag: res.etag, lastModified: res.lastModified, contentHash: read.hash, checkedAt, changedAt: unchanged ? prev?.changedAt ?? null : checkedAt });
  }
  // Findings first, then the state: a crash in between re-reads the answers and raises nothing twice.
  const fresh = await insertReviews(store, f.id, findings, checkedAt);
  for (const s of saves) await saveRequestState(store, s);
  return { source: f.id, kind: 'review', status: fresh.length ? 'changed' : 'unchanged', baseUrl, requests, reviews: fresh };
}
