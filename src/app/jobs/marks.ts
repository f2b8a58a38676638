import type { CapabilitySql } from '../../store/store.js';

/** The value of a job mark (see `jobMarksMigration`), or null. */
export async function getMark(sql: CapabilitySql, name: string): Promise<string | null> {
  const [row] = await sql.query<{ value: string }>('SELECT value FROM job_marks WHERE name = $1', [name]);
  return row?.value ?? null;
}

/**
 * Sets a mark to `value`; returns false when it held that value already (another process did the
 * work for it). One statement, so two processes racing on the same value cannot both get true.
 */
export async function setMark(sql: CapabilitySql, name: string, value: string): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO job_marks (name, value) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = now() WHERE job_marks.value IS DISTINCT FROM EXCLUDED.value
     RETURNING name`, [name, value]);
  return rows.length > 0;
}
