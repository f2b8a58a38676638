import { ListwatchError } from '../../core/errors.js';
import type { InputFile } from '../format.js';

/** One FollowTheMoney entity as read from a JSON-lines file, with its line number. */
export interface FtmRecord {
  line: number;
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/**
 * Reads FollowTheMoney JSON lines (one entity object per line; blank lines skipped). A line that
 * is not JSON, or an object without a string `id` and `schema`, is BAD_FILE naming file and line.
 * Property values are kept as lists of strings (a bare string becomes a one-item list).
 */
export function parseFtm(file: InputFile): FtmRecord[] {
  const text = new TextDecoder('utf-8').decode(file.bytes);
  const out: FtmRecord[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (!raw) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      throw new ListwatchError('BAD_FILE', `${file.name}, line ${i + 1}: not a JSON object`, { line: i + 1 });
    }
    const o = obj as { id?: unknown; schema?: unknown; properties?: unknown };
    if (!o || typeof o !== 'object' || typeof o.id !== 'string' || !o.id || typeof o.schema !== 'string') {
      throw new ListwatchError('BAD_FILE', `${file.name}, line ${i + 1}: an FtM entity needs a string "id" and "schema"`, { line: i + 1 });
    }
    const properties: Record<string, string[]> = {};
    if (o.properties && typeof o.properties === 'object') {
      for (const [k, v] of Object.entries(o.properties as Record<string, unknown>)) {
        const vals = (Array.isArray(v) ? v : [v]).filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').map(String).filter((s) => s.trim());
        if (vals.length) properties[k] = vals;
      }
    }
    out.push({ line: i + 1, id: o.id, schema: o.schema, properties });
  }
  return out;
}
