import { ListwatchError } from '../../core/errors.js';
import { isIsoDate } from '../../core/dates.js';
import type { InputFile } from '../format.js';
import { decodeText } from '../common/decode.js';
import { readCsv, requireFinalNewline } from '../common/csv.js';

/** The columns of OpenSanctions' `datasets/us/dod_chinese_milcorps/sanctions.csv`. */
export const OS_1260H_COLUMNS = ['Name', 'Clean Name', 'Alias', 'Previous Name', 'Parent Name', 'Note', 'Start date', 'End date', 'Source Url'] as const;

/** One listing period: a company on one edition, from `start` until `end` (empty: no end recorded). */
export interface Os1260hRow {
  line: number;
  name: string;
  cleanName: string;
  alias: string;
  previousName: string;
  parentName: string;
  note: string;
  start: string;
  end: string;
  sourceUrl: string;
}

/**
 * Reads the OpenSanctions 1260H CSV (UTF-8, header row, 9 columns). The header must match;
 * dates must be empty or `YYYY-MM-DD`; a row needs a Clean Name and a Start date (it is keyed
 * and dated by them). Anything else broken is BAD_FILE with the line.
 */
export async function parseOs1260h(file: InputFile): Promise<{ rows: Os1260hRow[]; warnings: string[] }> {
  const { text, warnings } = decodeText(file.bytes, file.name, { latin1Fallback: false });
  const rows: Os1260hRow[] = [];
  let header = true;
  for await (const r of readCsv(text, { file: file.name, columns: OS_1260H_COLUMNS.length, fieldNames: OS_1260H_COLUMNS })) {
    const f = r.fields.map((x) => x.trim());
    if (header) {
      const bad = OS_1260H_COLUMNS.findIndex((c, i) => f[i] !== c);
      if (bad >= 0) throw new ListwatchError('BAD_FILE', `${file.name}, line ${r.line}: not the OpenSanctions 1260H header (column ${bad + 1} is "${f[bad]}", expected "${OS_1260H_COLUMNS[bad]}")`, { file: file.name, line: r.line });
      header = false;
      continue;
    }
    const [name, cleanName, alias, previousName, parentName, note, start, end, sourceUrl] = f as [string, string, string, string, string, string, string, string, string];
    const where = (field: string) => ({ file: file.name, line: r.line, field });
    if (!cleanName) throw new ListwatchError('BAD_FILE', `${file.name}, line ${r.line}: empty Clean Name`, where('Clean Name'));
    if (!isIsoDate(start)) throw new ListwatchError('BAD_FILE', `${file.name}, line ${r.line}: Start date "${start}" is not YYYY-MM-DD`, where('Start date'));
    if (end && !isIsoDate(end)) throw new ListwatchError('BAD_FILE', `${file.name}, line ${r.line}: End date "${end}" is not YYYY-MM-DD`, where('End date'));
    rows.push({ line: r.line, name: name || cleanName, cleanName, alias, previousName, parentName, note, start, end, sourceUrl });
  }
  // After the records, so csv-parse's own finding (an unclosed quote) is the one reported.
  requireFinalNewline(text, file.name);
  if (header) throw new ListwatchError('BAD_FILE', `${file.name}: empty file (no header)`, { file: file.name, line: 1 });
  return { rows, warnings };
}
