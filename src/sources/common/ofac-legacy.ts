import { ListwatchError } from '../../core/errors.js';
import type { InputFile } from '../format.js';
import { decodeText } from './decode.js';
import { readCsv, requireFinalNewline } from './csv.js';

/**
 * Readers for OFAC's legacy CSV files (`sdn.csv`/`cons_prim.csv`, `add`, `alt`, `comments`),
 * shared by the `ofac-sdn` and `ofac-cons` formats. The files have no header row, CRLF line
 * ends, a trailing 0x1A byte, and `-0-` (often `-0- ` with a space) for an empty field.
 */

/** A primary record (sdn.csv / cons_prim.csv), fields cleaned of `-0-`. */
export interface OfacPrimary {
  line: number;
  entNum: string;
  name: string;
  /** `individual`, `vessel`, `aircraft` or '' (an entity). */
  sdnType: string;
  programs: string[];
  title: string;
  callSign: string;
  vesselType: string;
  vesselFlag: string;
  vesselOwner: string;
  /** Remarks, with the `*_comments.csv` continuation appended when one was given. */
  remarks: string;
}

/** An alternate name from alt.csv. */
export interface OfacAlt {
  line: number;
  entNum: string;
  /** `aka`, `fka` or `nka`. */
  altType: string;
  name: string;
}

/** An address row from add.csv (only what the mapping uses). */
export interface OfacAddress {
  entNum: string;
  city: string;
  country: string;
}

/** `-0-` (with or without trailing blanks) is OFAC's empty value. */
export function ofacField(v: string | undefined): string {
  const t = (v ?? '').trim();
  return t === '-0-' ? '' : t;
}

async function rows(file: InputFile, columns: number, onProgress?: (msg: string) => void) {
  const { text, warnings } = decodeText(file.bytes, file.name, { latin1Fallback: true });
  requireFinalNewline(text, file.name);
  const out: { line: number; fields: string[] }[] = [];
  const progress = onProgress ? (n: number) => onProgress(`${file.name}: ${n} rows read`) : undefined;
  for await (const r of readCsv(text, { file: file.name, columns, ...(progress ? { onProgress: progress } : {}) })) {
    const entNum = ofacField(r.fields[0]);
    if (!/^\d+$/.test(entNum)) throw new ListwatchError('BAD_FILE', `${file.name}, line ${r.line}: ent_num "${r.fields[0]}" is not a number`, { file: file.name, line: r.line, field: 'ent_num' });
    out.push(r);
  }
  return { rows: out, warnings };
}

/** Reads a primary file (12 columns). Duplicate ent_num is BAD_FILE. */
export async function readOfacPrimary(file: InputFile, onProgress?: (msg: string) => void): Promise<{ records: OfacPrimary[]; warnings: string[] }> {
  const { rows: rs, warnings } = await rows(file, 12, onProgress);
  const seen = new Map<string, number>();
  const records = rs.map(({ line, fields }) => {
    const f = fields.map(ofacField);
    const entNum = f[0]!;
    const prev = seen.get(entNum);
    if (prev !== undefined) throw new ListwatchError('BAD_FILE', `${file.name}, line ${line}: ent_num ${entNum} repeats line ${prev}`, { file: file.name, line, field: 'ent_num' });
    seen.set(entNum, line);
    if (!f[1]) throw new ListwatchError('BAD_FILE', `${file.name}, line ${line}: empty name`, { file: file.name, line, field: 'SDN_Name' });
    return {
      line,
      entNum,
      name: f[1],
      sdnType: f[2]!.toLowerCase(),
      programs: f[3] ? f[3].split('] [').map((p) => p.replace(/^\[|\]$/g, '').trim()).filter(Boolean) : [],
      title: f[4]!,
      callSign: f[5]!,
      vesselType: f[6]!,
      vesselFlag: f[9]!,
      vesselOwner: f[10]!,
      remarks: f[11]!,
    };
  });
  return { records, warnings };
}

/** Reads alt.csv (5 columns). */
export async function readOfacAlt(file: InputFile): Promise<{ records: OfacAlt[]; warnings: string[] }> {
  const { rows: rs, warnings } = await rows(file, 5);
  const records: OfacAlt[] = [];
  for (const { line, fields } of rs) {
    const f = fields.map(ofacField);
    if (!f[3]) {
      warnings.push(`${file.name}, line ${line}: alternate name is empty; skipped`);
      continue;
    }
    records.push({ line, entNum: f[0]!, altType: f[2]!.toLowerCase().replace(/\./g, ''), name: f[3] });
  }
  return { records, warnings };
}

/** Reads add.csv (6 columns). */
export async function readOfacAdd(file: InputFile): Promise<{ records: OfacAddress[]; warnings: string[] }> {
  const { rows: rs, warnings } = await rows(file, 6);
  return { records: rs.map(({ fields }) => ({ entNum: ofacField(fields[0]), city: ofacField(fields[3]), country: ofacField(fields[4]) })), warnings };
}

/**
 * Reads a comments file (2 columns): remarks that did not fit the primary file's 1,000
 * characters. OFAC cuts mid-word, so the continuation is appended without a separator.
 */
export async function readOfacComments(file: InputFile): Promise<{ byEntNum: Map<string, string>; warnings: string[] }> {
  const { rows: rs, warnings } = await rows(file, 2);
  const byEntNum = new Map<string, string>();
  for (const { fields } of rs) {
    const id = ofacField(fields[0]);
    byEntNum.set(id, (byEntNum.get(id) ?? '') + (fields[1] ?? ''));
  }
  return { byEntNum, warnings };
}

/** Appends comment continuations to their primary records; warns about orphans (naming the ent_num). */
export function joinComments(records: OfacPrimary[], comments: Map<string, string>, file: string): string[] {
  const byId = new Map(records.map((r) => [r.entNum, r]));
  const warnings: string[] = [];
  for (const [id, more] of comments) {
    const r = byId.get(id);
    if (r) r.remarks += more;
    else warnings.push(`${file}: continuation for ent_num ${id}, which is not in the primary file; ignored`);
  }
  return warnings;
}
