import type { Identifier, NameKind } from '../../core/model.js';
import { parseOfacDate } from './text.js';

/** What the mapping takes from an OFAC remarks field. */
export interface ParsedRemarks {
  names: { name: string; kind: NameKind }[];
  identifiers: Omit<Identifier, 'sourceIds'>[];
  /** Dates labelled in the remarks, e.g. `Listing Date (CMIC)` → `2021-06-03`. */
  dates: Record<string, string>;
  /** `Target Type …`, `Linked To: …` and the like, by label. */
  fields: Record<string, string[]>;
}

const ID_LABELS: [RegExp, Identifier['scheme']][] = [
  [/^Unified Social Credit Code \(USCC\) (\S+)/, 'uscc'],
  [/^ISIN ([A-Z0-9]{12})\b/, 'isin'],
  [/^Equity Ticker (.+)$/, 'ticker'],
];
/** Labels of numbers that identify an entity; kept as `other` identifiers with their label. */
const OTHER_ID = /^(Passport|National ID No\.|Registration Number|Registration ID|Tax ID No\.|SWIFT\/BIC|Identification Number|Company Number|Business Registration Number|Legal Entity Number|IMO|MMSI|Aircraft Manufacturer's Serial Number \(MSN\)) (.+)$/;

/**
 * Parses the simple, regular parts of an OFAC remarks field: `a.k.a.`/`f.k.a.`/`n.k.a.` names,
 * USCC, ISIN, equity tickers, a few labelled numbers, labelled dates and `Linked To:` targets.
 * Anything else stays in the raw remarks; nothing is guessed.
 */
export function parseRemarks(remarks: string): ParsedRemarks {
  const out: ParsedRemarks = { names: [], identifiers: [], dates: {}, fields: {} };
  const text = remarks.replace(/\.\s*$/, '');
  for (const raw of text.split(/;\s+/)) {
    const seg = raw.trim().replace(/^alt\.\s+/, '');
    const nm = /^([afn])\.k\.a\.,?\s+'(.+)'$/.exec(seg);
    if (nm) {
      out.names.push({ name: nm[2]!, kind: nm[1] === 'f' ? 'previous' : 'alias' });
      continue;
    }
    let matched = false;
    for (const [re, scheme] of ID_LABELS) {
      const m = re.exec(seg);
      if (m) {
        out.identifiers.push({ scheme, value: m[1]!.replace(/\s*\(China\)$/, '') });
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const other = OTHER_ID.exec(seg);
    if (other) {
      out.identifiers.push({ scheme: 'other', value: `${other[1]} ${other[2]}` });
      continue;
    }
    // `<label with the word Date> <d Mon yyyy>`: the fixed-width date found first, then the word
    // looked for in the label (one nested lazy pattern was quadratic in the segment's length).
    const dated = / (\d{1,2} [A-Z][a-z]{2} \d{4})$/.exec(seg);
    if (dated && dated.index > 0 && /\bDate\b/.test(seg.slice(0, dated.index))) {
      const iso = parseOfacDate(dated[1]!);
      if (iso) out.dates[seg.slice(0, dated.index)] = iso;
      continue;
    }
    const labelled = /^(Linked To:|Target Type|Issuer Name)\s+(.+)$/.exec(seg);
    if (labelled) (out.fields[labelled[1]!.replace(/:$/, '')] ??= []).push(labelled[2]!);
  }
  return out;
}
