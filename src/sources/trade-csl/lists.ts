import type { ListDef } from '../../core/model.js';
import { slugify } from '../common/text.js';

/**
 * Which list a CSL `source` value feeds. The CSL is trade.gov's compilation of other agencies'
 * lists. For Commerce and State lists it is the machine-readable channel, so their rows map to
 * the canonical ids (`us-bis-entity-list`, `us-bis-dpl`, `us-state-isn`…). Treasury lists have
 * their own official files (imported by `ofac-sdn`/`ofac-cons`); their CSL copies get their own
 * `…-csl` ids so a CSL import never closes the designations an OFAC import opened (a snapshot
 * replaces the whole membership of its list, and the two use different entity keys).
 */
export function cslList(source: string): ListDef {
  const m = splitSource(source);
  const full = m ? m.full : source;
  const abbr = m ? m.abbr.replace(/\s*List$/i, '') : source;
  const agency = m ? m.agency : 'unknown agency';
  let id: string;
  if (/^EL$/i.test(abbr)) id = 'us-bis-entity-list';
  else if (/Treasury/i.test(agency)) id = /^CMIC$/i.test(abbr) ? 'us-treasury-ns-cmic-csl' : `us-ofac-${slugify(abbr)}-csl`;
  else if (/Industry and Security|Commerce/i.test(agency)) id = `us-bis-${slugify(abbr)}`;
  else if (/State/i.test(agency)) id = `us-state-${slugify(abbr)}`;
  else id = `us-csl-${slugify(abbr)}`;
  const copy = id.endsWith('-csl');
  return {
    id,
    name: copy ? `${full} (${abbr}), as compiled in the Consolidated Screening List` : `${full} (${abbr})`,
    agency,
    legalBasis: copy ? `As for the ${abbr} list; this copy comes from trade.gov's Consolidated Screening List` : `The authorities of the ${abbr} list`,
    sourceIds: [],
    description: `Rows of trade.gov's Consolidated Screening List whose source is "${source}".`,
  };
}

/**
 * Splits a CSL `source` such as `Entity List (EL) - Bureau of Industry and Security` into the
 * list's full name (`Entity List`), its abbreviation (`EL`) and the agency, or null when it
 * has no `(ABBR)` followed by ` - agency`. Index scans and one fixed-width pattern: linear in
 * the length of the value (a nested lazy regex here once cost 51 CPU-seconds on one long field).
 */
export function splitSource(source: string): { full: string; abbr: string; agency: string } | null {
  const open = source.indexOf('(');
  if (open < 0) return null;
  const close = source.indexOf(')', open + 1);
  if (close <= open + 1) return null;
  const rest = source.slice(close + 1);
  const dash = /\s-\s/.exec(rest);
  if (!dash) return null;
  const agency = rest.slice(dash.index + 3).trim();
  if (!agency) return null;
  return { full: `${source.slice(0, open).trimEnd()}${rest.slice(0, dash.index)}`.trim(), abbr: source.slice(open + 1, close), agency };
}
