import { ListwatchError } from '../../core/errors.js';
import type { JobRecord } from '../store.js';
import type { SqlExecutor } from './driver.js';
import { forChunks } from './bulk.js';
import { toJob } from './rows.js';

/** Lines per page when streaming job results back. */
const PAGE = 1000;

/** Inserts a job; a job id that exists already is a CONFLICT. */
export async function createJob(db: SqlExecutor, j: JobRecord): Promise<void> {
  const rows = await db.query(`INSERT INTO jobs (id, status, created_at, updated_at, processed, total, errors, options, failure)
    VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
  [j.id, j.status, j.createdAt, j.updatedAt, j.processed, j.total, JSON.stringify(j.errors), JSON.stringify(j.options), j.failure ?? null]);
  if (rows.length === 0) throw new ListwatchError('CONFLICT', `job ${j.id} exists already`);
}

/** Column and SQL cast of each patchable field. */
const COLUMNS: Record<string, [string, string]> = {
  status: ['status', ''],
  updatedAt: ['updated_at', ''],
  processed: ['processed', ''],
  total: ['total', ''],
  errors: ['errors', '::jsonb'],
  options: ['options', '::jsonb'],
  failure: ['failure', ''],
};

/** Sets the given fields of a job; `failure: undefined` clears it. NOT_FOUND when the job is unknown. */
export async function updateJob(db: SqlExecutor, id: string, patch: Partial<Omit<JobRecord, 'id' | 'createdAt'>>): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [key, value] of Object.entries(patch)) {
    const col = COLUMNS[key];
    if (!col) continue;
    params.push(col[1] === '::jsonb' ? JSON.stringify(value) : (value ?? null));
    sets.push(`${col[0]} = $${params.length}${col[1]}`);
  }
  const rows = sets.length
    ? await db.query(`UPDATE jobs SET ${sets.join(', ')} WHERE id = $1 RETURNING id`, params)
    : await db.query('SELECT id FROM jobs WHERE id = $1', [id]);
  if (rows.length === 0) throw new ListwatchError('NOT_FOUND', `no job ${id}`);
}

export async function getJob(db: SqlExecutor, id: string): Promise<JobRecord | null> {
  const [row] = await db.query('SELECT * FROM jobs WHERE id = $1', [id]);
  return row ? toJob(row) : null;
}

/** Jobs still queued or running, oldest first. */
export async function getUnfinishedJobs(db: SqlExecutor): Promise<JobRecord[]> {
  return (await db.query(`SELECT * FROM jobs WHERE status IN ('queued', 'running') ORDER BY created_at, id`)).map(toJob);
}

/**
 * Stores `lines` as result lines `fromLine`, `fromLine + 1`… A line written again (a resumed
 * job redoing its last chunk) replaces the earlier text, so appending is idempotent.
 */
export async function appendJobResults(db: SqlExecutor, id: string, fromLine: number, lines: string[]): Promise<void> {
  const rows = lines.map((body, i) => ({ line: fromLine + i, body }));
  await forChunks(db, `INSERT INTO job_results (job_id, line, body)
    SELECT $2, line, body FROM json_to_recordset($1::json) AS t(line int, body text)
    ON CONFLICT (job_id, line) DO UPDATE SET body = EXCLUDED.body`, rows, [id]);
}

/** Result lines in line order, read a page at a time so a large job never sits in memory whole. */
export async function* readJobResults(db: SqlExecutor, id: string): AsyncIterable<string> {
  let after = -2147483648; // below any int line number
  for (;;) {
    const page = await db.query<{ line: number; body: string }>(
      'SELECT line, body FROM job_results WHERE job_id = $1 AND line > $2 ORDER BY line LIMIT $3',
      [id, after, PAGE],
    );
    for (const r of page) yield r.body;
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) return;
    after = last.line;
  }
}
