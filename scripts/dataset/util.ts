/**
 * Helpers for the dataset generator: CSV reading, name normalisation for matching
 * printed names across editions and lists, slugs, and the parsing of DoD's printed
 * parentheses into aliases, acronyms and former names.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** Reads a CSV with a header row into records (BOM stripped). */
export function readCsv(file: string, delimiter = ','): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, bom: true, delimiter, relax_quotes: true, skip_empty_lines: true }) as Record<string, string>[];
}

const SUFFIXES = ['co ltd', 'company limited', 'company ltd', 'co limited', 'corporation limited', 'corp ltd', 'limited', 'ltd', 'co', 'company', 'corporation', 'corp', 'inc', 'plc', 'llc', 'pty'];

/**
 * A key for comparing printed names: case, quotes, punctuation, a trailing parenthesis
 * (alias or "formerly …") and trailing legal-form words are ignored. A parenthesis in the
 * middle ("Construction (USA) Co.") is kept, because it distinguishes entities.
 */
export function normName(s: string): string {
  let t = cleanPrinted(s.replace(/[’‘`]/g, "'"));
  t = t.toLowerCase().replace(/&/g, ' and ').replace(/'/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  let changed = true;
  while (changed) {
    changed = false;
    for (const suf of SUFFIXES) {
      if (t.endsWith(' ' + suf)) { t = t.slice(0, -suf.length - 1).trim(); changed = true; }
    }
  }
  return t;
}

const ABBREV: Record<string, string> = { co: 'company', ltd: 'limited', corp: 'corporation', inc: 'incorporated', intl: 'international' };

/**
 * A finer key than `normName`: case, punctuation and a trailing alias parenthesis are ignored
 * and abbreviated legal forms spelled out (Co. = Company, Ltd = Limited), but the legal form is
 * KEPT: "Corporation" and "Company Limited" may be two companies (a group and its listed arm).
 */
export function fineName(s: string): string {
  const t = cleanPrinted(s.replace(/[’‘`]/g, "'")).toLowerCase().replace(/&/g, ' and ').replace(/'/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  return t.split(' ').map((w) => ABBREV[w] ?? w).join(' ');
}

/** A stable id slug from a name: lower case, ASCII words joined by `-`, legal forms dropped. */
export function slug(s: string): string {
  return normName(s).replace(/ and /g, ' ').split(' ').filter(Boolean).slice(0, 7).join('-');
}

/** What a printed name says besides the name: `(ACRONYM)`, `(also known as X)`, `(formerly X)`. */
export interface PrintedParts {
  aliases: string[];
  acronyms: string[];
  previous: string[];
}

/**
 * Parses the parentheses DoD prints after a name, e.g. "Aerospace CH UAV Co., Ltd (S-SEA)*",
 * "Hesai Group (also known as Hesai Technology Co., Ltd.)",
 * "AVIC Chengdu Aircraft Co., Ltd. (formerly Zhonghang … (ZEMIC))". Only trailing
 * parentheses count; legal-form parentheses such as "(Group)" or "(USA)" stay in the name.
 */
export function printedParts(printed: string): PrintedParts {
  const out: PrintedParts = { aliases: [], acronyms: [], previous: [] };
  const t = printed.replace(/\*+\s*$/, '').trim();
  // Find the outermost trailing parenthesis (may nest one level).
  if (!t.endsWith(')') && !t.endsWith(']')) return out;
  let depth = 0;
  let start = -1;
  for (let i = t.length - 1; i >= 0; i--) {
    const c = t[i];
    if (c === ')' || c === ']') depth++;
    else if (c === '(' || c === '[') { depth--; if (depth === 0) { start = i; break; } }
  }
  if (start <= 0) return out;
  const inner = t.slice(start + 1, -1).trim();
  const rest = t.slice(0, start).trim();
  if (/^(group|limited|usa|shenzhen|beijing|shanghai|bvi|hong kong)$/i.test(inner)) return out;
  const formerly = /^formerly\s+(.+)$/i.exec(inner);
  const aka = /^also known as\s+(.+)$/i.exec(inner);
  if (formerly?.[1]) {
    const sub = printedParts(formerly[1]);
    out.previous.push(formerly[1].replace(/\s*\([^()]*\)\s*$/, '').trim());
    out.acronyms.push(...sub.acronyms);
    out.aliases.push(...sub.aliases);
  } else if (aka?.[1]) out.aliases.push(aka[1].trim());
  else if (/^[A-Z0-9&\-. ]{2,20}$/.test(inner) && !/\s{2}/.test(inner)) out.acronyms.push(inner);
  else out.aliases.push(inner);
  // A second trailing parenthesis: "Name (Alias) (ACR)".
  if (rest.endsWith(')')) {
    const more = printedParts(rest);
    out.aliases.push(...more.aliases);
    out.acronyms.push(...more.acronyms);
    out.previous.push(...more.previous);
  }
  return out;
}

/** The name without trailing alias parentheses and asterisks, as a display name. */
export function cleanPrinted(printed: string): string {
  let t = printed.replace(/\*+/g, '').trim();
  for (let i = 0; i < 3; i++) {
    const m = /^(.*\S)\s*\(([^()]*(\([^()]*\))?[^()]*)\)$/.exec(t);
    if (!m?.[1] || /^(group|limited|usa)$/i.test(m[2] ?? '')) break;
    t = m[1].trim();
  }
  return t;
}

/** "March 12, 2021" or "03 Jun 2021" → "2021-03-12". Throws on anything else. */
export function usDate(s: string): string {
  const d = new Date(`${s.trim()} UTC`);
  if (Number.isNaN(d.getTime())) throw new Error(`not a date: ${s}`);
  return d.toISOString().slice(0, 10);
}
