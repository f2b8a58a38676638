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
export function resultsUrl(id: string, format: 'csv' | 'jsonl'): string {
  return `${BASE}/jobs/${encodeURIComponent(id)}/results?format=${format}`;
}

/** Sends a POST or DELETE without a body (job cancel, delete); the JSON answer, or null for 204. */
export async function send<T>(method: 'POST' | 'DELETE', path: string): Promise<T | null> {
  const res = await fetch(`${BASE}${path}`, { method });
  if (res.status === 204) return null;
  return read<T>(res);
}
