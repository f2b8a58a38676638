import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { ListwatchError } from '../../core/errors.js';
import type { WatchItemInput } from './types.js';

/** Largest watchlist accepted (counterparties). A bigger file is refused before anything is stored. */
export const MAX_WATCH_ITEMS = 100_000;

const ALIASES: Record<string, keyof WatchItemInput> = {
  name: 'name', country: 'country', isin: 'isin', uscc: 'uscc', lei: 'lei', ticker: 'ticker',
  ref: 'ref', reference: 'ref', id: 'ref', your_ref: 'ref',
};

const PATTERNS: Partial<Record<keyof WatchItemInput, RegExp>> = {
  isin: /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/,
  lei: /^[A-Z0-9]{18}[0-9]{2}$/,
  uscc: /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
};

/**
 * Checks and tidies one counterparty: a non-empty name, identifiers upper-cased and of their
 * published shape (ISIN 12, LEI 20, USCC 18 characters). BAD_INPUT naming the line (when given) and field.
 */
export function checkItem(raw: Partial<Record<keyof WatchItemInput, unknown>>, where: { file?: string; line?: number } = {}): WatchItemInput {
  const at = where.line !== undefined ? `line ${where.line}: ` : '';
  const str = (k: keyof WatchItemInput): string | undefined => {
    const v = raw[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new ListwatchError('BAD_INPUT', `${at}${k} must be text`, { ...where, field: k });
    const t = v.trim();
    return t ? t : undefined;
  };
  const name = str('name');
  if (!name) throw new ListwatchError('BAD_INPUT', `${at}the name is empty`, { ...where, field: 'name' });
  if (name.length > 500) throw new ListwatchError('BAD_INPUT', `${at}the name is longer than 500 characters`, { ...where, field: 'name' });
  const item: WatchItemInput = { name };
  for (const k of ['country', 'isin', 'uscc', 'lei', 'ticker', 'ref'] as const) {
    let v = str(k);
    if (v === undefined) continue;
    if (k !== 'ref' && k !== 'country') v = v.toUpperCase().replace(/\s+/g, '');
    const re = PATTERNS[k];
    if (re && !re.test(v)) throw new ListwatchError('BAD_INPUT', `${at}${k} "${v}" is not a valid ${k.toUpperCase()}`, { ...where, field: k });
    item[k] = v;
  }
  return item;
}

/**
 * Reads a watchlist CSV (a header row naming `name`, optionally `country`, `isin`, `uscc`, `lei`,
 * `ticker`, `ref`; other columns ignored) from a file path or text, streaming, and stops with
 * TOO_LARGE as soon as it passes `max` rows, so a huge file is refused without being held in memory.
 * BAD_INPUT for a header without `name`, an empty name or a malformed identifier (naming the line).
 */
export async function readWatchCsv(input: { path: string } | { text: string }, max = MAX_WATCH_ITEMS): Promise<WatchItemInput[]> {
  const file = 'path' in input ? input.path : 'upload';
  const source: Readable = 'path' in input ? createReadStream(input.path) : Readable.from([input.text]);
  let header: (keyof WatchItemInput | null)[] | null = null;
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true });
  const items: WatchItemInput[] = [];
  let line = 0;
  try {
    for await (const { record: rec, info } of source.pipe(parser) as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      line = info.lines;
      if (!header) {
        header = rec.map((h) => ALIASES[h.toLowerCase().replace(/[\s-]+/g, '_')] ?? null);
        if (!header.includes('name')) {
          throw new ListwatchError('BAD_INPUT', `${file}: the header has no "name" column (found: ${rec.join(', ') || 'nothing'}); the first row must name the columns, e.g. name,country,isin,ref`, { file, line: 1, field: 'name' });
        }
        continue;
      }
      if (items.length >= max) throw new ListwatchError('TOO_LARGE', `${file}: more than ${max.toLocaleString('en-US')} counterparties; a watchlist holds at most ${max.toLocaleString('en-US')} (split it into several watchlists)`, { file, line });
      const raw: Partial<Record<keyof WatchItemInput, string>> = {};
      header.forEach((k, i) => { if (k && rec[i] !== undefined) raw[k] = rec[i]; });
      items.push(checkItem(raw, { file, line }));
    }
  } catch (e) {
    source.destroy();
    if (e instanceof ListwatchError) throw e;
    const err = e as Error & { code?: string; lines?: number };
    if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR') throw new ListwatchError('BAD_INPUT', `${file}: cannot be read (${err.code})`, { file }, { cause: e });
    throw new ListwatchError('BAD_INPUT', `${file}: not a readable CSV (${err.message})`, { file, ...(err.lines ? { line: err.lines } : {}) }, { cause: e });
  }
  if (!header) throw new ListwatchError('BAD_INPUT', `${file}: empty; the first row must name the columns (at least "name")`, { file, field: 'name' });
  return items;
}
