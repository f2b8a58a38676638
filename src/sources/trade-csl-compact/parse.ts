import { ListwatchError } from '../../core/errors.js';
import type { InputFile } from '../format.js';
import { decodeText } from '../common/decode.js';

/**
 * One entry of a compact CSL file, with the lookup-table indexes expanded back to text. The
 * compact form keeps name, alt_names, type, address countries (ISO-2 only), entity_number,
 * license requirement and policy, programs, Federal Register notice and list URL; it drops
 * trade.gov's `_id`, street addresses, start_date, remarks and ids.
 */
export interface CompactCslRow {
  /** 1-based position of the entry in `entries` (messages say "entry N"). */
  entry: number;
  /** The line of the file the entry starts on. */
  line: number;
  name: string;
  altNames: string[];
  source: string;
  type: string;
  countries: string[];
  entityNumber: string;
  licenseRequirement: string;
  licensePolicy: string;
  programs: string;
  federalRegisterNotice: string;
  sourceListUrl: string;
}

/** The rows of one compact CSL file and when the file says its CSL was generated. */
export interface CompactCslRaw {
  rows: CompactCslRow[];
  /** `sourceGeneratedAt` (trade.gov's generation time of the CSL it re-encodes), as the file gives it. */
  generatedAt: string | undefined;
  warnings: string[];
}

/** The tables of the compact form an entry indexes into (field → table). */
const TABLE_OF = { s: 'sources', lr: 'licenceRequirements', lp: 'licencePolicies', pg: 'programmes', u: 'urls' } as const;

/** Line (1-based) of a character offset, for one text (newline offsets found once, then a binary search). */
function lineFinder(text: string): (offset: number) => number {
  let breaks: number[] | null = null;
  return (offset) => {
    if (!breaks) {
      breaks = [];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks.push(i);
    }
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((breaks[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

/**
 * Character offset at which each element of the top-level `"entries"` array starts (only
 * called to place an error: a small scanner over strings and nesting depth, no parse).
 */
function entryOffsets(text: string): number[] {
  const key = text.indexOf('"entries"');
  if (key < 0) return [];
  const open = text.indexOf('[', key);
  const out: number[] = [];
  let depth = 0;
  let inString = false;
  let expectValue = true;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    if (depth === 0 && expectValue && c !== ']') {
      out.push(i);
      expectValue = false;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) break;
      depth--;
    } else if (c === ',' && depth === 0) expectValue = true;
  }
  return out;
}

/** Whether the bytes look like a compact CSL (a JSON object), not trade.gov's CSV. */
export function looksCompact(bytes: Uint8Array): boolean {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x7b; // {
}

/**
 * Reads a compact CSL (the JSON re-encoding of trade.gov's consolidated.json made by the
 * seelpeed-debug/export-controls-agent-mcp build script: `fieldKey`, `tables`, `entries`).
 * Invalid JSON, a missing `entries`/`tables.sources`, an `entryCount` that does not match the
 * entries (a cut or edited copy), and an entry without a name or with an index outside its
 * table are BAD_FILE naming the file, the line and the entry. Nothing is half-read.
 */
export function parseCompactCsl(file: InputFile): CompactCslRaw {
  const { text, warnings } = decodeText(file.bytes, file.name, { latin1Fallback: false });
  const lineAt = lineFinder(text);
  const bad = (line: number, msg: string, field?: string): ListwatchError =>
    new ListwatchError('BAD_FILE', `${file.name}, line ${line}: ${msg}`, { file: file.name, line, ...(field ? { field } : {}) });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const line = lc ? Number(lc[1]) : pos ? lineAt(Number(pos[1])) : lineAt(text.length);
    throw bad(line, `not valid JSON (${msg})`);
  }
  const d = doc as { entries?: unknown; tables?: Record<string, unknown>; entryCount?: unknown; sourceGeneratedAt?: unknown };
  if (typeof d !== 'object' || d === null || !Array.isArray(d.entries) || typeof d.tables !== 'object' || d.tables === null || !Array.isArray(d.tables.sources)) {
    throw bad(1, 'not a compact CSL file (expected an object with "entries" and "tables.sources")');
  }
  const entries = d.entries as unknown[];
  if (typeof d.entryCount === 'number' && d.entryCount !== entries.length) {
    throw bad(lineAt(Math.max(0, text.indexOf('"entryCount"'))), `the file says it holds ${d.entryCount} entries but has ${entries.length} (a cut or edited copy)`, 'entryCount');
  }
  let offsets: number[] | null = null;
  const lineOf = (k: number): number => lineAt((offsets ??= entryOffsets(text))[k] ?? 0);
  const tables = d.tables as Record<string, unknown>;
  const rows: CompactCslRow[] = [];
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k] as Record<string, unknown> | null;
    const where = (msg: string, field?: string): ListwatchError => bad(lineOf(k), `entry ${k + 1}: ${msg}`, field);
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw where('not an object');
    const str = (f: string): string => {
      const v = e[f];
      if (v === undefined || v === null) return '';
      if (typeof v !== 'string') throw where(`field "${f}" is not text`, f);
      return v.trim();
    };
    const list = (f: string): string[] => {
      const v = e[f];
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw where(`field "${f}" is not a list of text`, f);
      return (v as string[]).map((x) => x.trim()).filter(Boolean);
    };
    const table = (f: keyof typeof TABLE_OF): string => {
      const v = e[f];
      if (v === undefined || v === null) return '';
      const t = tables[TABLE_OF[f]];
      const s = Array.isArray(t) && Number.isInteger(v) ? (t as unknown[])[v as number] : undefined;
      if (typeof s !== 'string') throw where(`field "${f}" (${JSON.stringify(v)}) is not an index into tables.${TABLE_OF[f]}`, f);
      return s.trim();
    };
    const name = str('n');
    if (!name) throw where('empty name', 'n');
    const source = table('s');
    if (!source) throw where('no source list', 's');
    rows.push({
      entry: k + 1,
      get line() { return lineOf(k); },
      name,
      altNames: list('a'),
      source,
      type: str('t'),
      countries: list('c'),
      entityNumber: str('e'),
      licenseRequirement: table('lr'),
      licensePolicy: table('lp'),
      programs: table('pg'),
      federalRegisterNotice: str('fr'),
      sourceListUrl: table('u'),
    });
  }
  return { rows, generatedAt: typeof d.sourceGeneratedAt === 'string' ? d.sourceGeneratedAt : undefined, warnings };
}
