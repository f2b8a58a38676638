import type { Dossier, ListSummary, PublicationDiff, ScreenResult } from '../../src/app/types.js';
import type { ListEvent, Publication, Source } from '../../src/core/model.js';
import type { JobView } from '../../src/app/jobs/batch.js';

export type { Dossier, ListSummary, PublicationDiff, ScreenResult, ListEvent, Publication, Source, JobView };

/** An error the API answered, with its code and, when given, the field or line. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string, readonly line?: number) {
    super(message);
  }
}

const BASE = '/api/v1';

/** GETs a JSON document; throws ApiError with the server's message on failure. */
export async function get<T>(path: string, params: Record<string, string | number | undefined> = {}, signal?: AbortSignal): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const res = await fetch(`${BASE}${path}${qs.size ? `?${qs}` : ''}`, signal ? { signal } : {});
  return read<T>(res);
}

async function read<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string; line?: number } } | null;
  if (!res.ok) {
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? 'HTTP', e?.message ?? `HTTP ${res.status}`, e?.field, e?.line);
  }
  return body as T;
}

/** Uploads a CSV file as a batch job. */
export async function postJob(file: File, params: Record<string, string | undefined>): Promise<JobView> {
  const fd = new FormData();
  fd.append('file', file, file.name);
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) qs.set(k, v);
  return read<JobView>(await fetch(`${BASE}/jobs${qs.size ? `?${qs}` : ''}`, { method: 'POST', body: fd }));
}

/** The URL of a job's results download. */
export function resultsUrl(id: string, format: 'csv' | 'jsonl', bom = false): string {
  return `${BASE}/jobs/${encodeURIComponent(id)}/results?format=${format}${bom ? '&bom=1' : ''}`;
}

/** Sends a POST or DELETE without a body (job cancel, delete); the JSON answer, or null for 204. */
export async function send<T>(method: 'POST' | 'DELETE', path: string): Promise<T | null> {
  const res = await fetch(`${BASE}${path}`, { method });
  if (res.status === 204) return null;
  return read<T>(res);
}

/**
 * Downloads an API file with the caller's credentials and saves it under `fileName`. A plain
 * `<a href download>` is a navigation, which carries no `Authorization` header (401 when keys are
 * required); `fetch` goes through the sign-in wrapper (account.ts), which adds the bearer key. The
 * body is saved from a Blob: the key never appears in a URL (server logs, history, Referer).
 * `open` shows the file in a new tab instead (printable HTML). Throws ApiError on failure.
 */
export async function download(url: string, fileName: string, open = false): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) await read(res);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  if (open) {
    a.target = '_blank';
    a.rel = 'noopener';
  } else a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return res;
}

/** The URL of a job's summary report. */
export function reportUrl(id: string, format: 'pdf' | 'html'): string {
  return `${BASE}/jobs/${encodeURIComponent(id)}/report?format=${format}`;
}
