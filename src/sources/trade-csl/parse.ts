import { ListwatchError } from '../../core/errors.js';
import type { InputFile } from '../format.js';
import { decodeText } from '../common/decode.js';
import { readCsv, requireFinalNewline } from '../common/csv.js';

/** The 29 columns of trade.gov's consolidated.csv, in order. */
export const CSL_COLUMNS = [
  '_id', 'source', 'entity_number', 'type', 'programs', 'name', 'title', 'addresses', 'federal_register_notice',
  'start_date', 'end_date', 'standard_order', 'license_requirement', 'license_policy', 'call_sign', 'vessel_type',
  'gross_tonnage', 'gross_registered_tonnage', 'vessel_flag', 'vessel_owner', 'remarks', 'source_list_url',
  'alt_names', 'citizenships', 'dates_of_birth', 'nationalities', 'places_of_birth', 'source_information_url', 'ids',
] as const;

/** A CSL row by column name, with the line it starts on. */
export type CslRow = { line: number } & Record<(typeof CSL_COLUMNS)[number], string>;

/** Raw rows of one CSL file and the defects met. */
export interface CslRaw {
  rows: CslRow[];
  warnings: string[];
}

/**
 * Reads a CSL CSV (UTF-8, header row, 29 columns). The header must be exactly the 29 known
 * names (a changed layout is BAD_FILE, not a silent shift). A data line that repeats the header
 * (line 2 of the 2023 sample) is skipped with a warning. Wrong column counts, invalid UTF-8 and
 * a quoted field left open at EOF (a cut file) are BAD_FILE with the line. A row without a
 * name or without both `entity_number` and `_id` is BAD_FILE too: it could not be keyed.
 */
export async function parseCsl(file: InputFile, onProgress?: (msg: string) => void): Promise<CslRaw> {
  const { text, warnings } = decodeText(file.bytes, file.name, { latin1Fallback: false });
  const rows: CslRow[] = [];
  let header = true;
  const progress = onProgress ? (n: number) => onProgress(`${file.name}: ${n} rows read`) : undefined;
  for await (const r of readCsv(text, { file: file.name, columns: CSL_COLUMNS.length, fieldNames: CSL_COLUMNS, ...(progress ? { onProgress: progress } : {}) })) {
    const isHeader = r.fields.every((f, i) => f.trim() === CSL_COLUMNS[i]);
    if (header) {
      if (!isHeader) {
        const bad = r.fields.findIndex((f, i) => f.trim() !== CSL_COLUMNS[i]);
        throw new ListwatchError('BAD_FILE', `${file.name}, line ${r.line}: not the CSL header (column ${bad + 1} is "${r.fields[bad]}", expected "${CSL_COLUMNS[bad]}")`, { file: file.name, line: r.line });
      }
      header = false;
      continue;
    }
    if (isHeader) {
      warnings.push(`${file.name}, line ${r.line}: repeated header line skipped`);
      continue;
    }
    const row = { line: r.line } as CslRow;
    CSL_COLUMNS.forEach((c, i) => (row[c] = (r.fields[i] ?? '').trim()));
    if (!row.name) throw new ListwatchError('BAD_FILE', `${file.name}, line ${r.line}: empty name`, { file: file.name, line: r.line, field: 'name' });
    if (!row.entity_number && !row._id) throw new ListwatchError('BAD_FILE', `${file.name}, line ${r.line}: neither entity_number nor _id`, { file: file.name, line: r.line, field: '_id' });
    rows.push(row);
  }
  // After the records, so csv-parse's own finding (an unclosed quote) is the one reported.
  requireFinalNewline(text, file.name, { orClosingQuote: true });
  if (header) throw new ListwatchError('BAD_FILE', `${file.name}: empty file (no CSL header)`, { file: file.name, line: 1 });
  return { rows, warnings };
}
