import type { IsoDate } from '../model.js';

/** Who is asking (same values as the app's `Role`). */
export type RuleRole = 'dod-contractor' | 'us-investor' | 'exporter' | 'federal-contractor' | 'importer';

/** Every role, in display order. */
export const RULE_ROLES: readonly RuleRole[] = ['dod-contractor', 'federal-contractor', 'us-investor', 'exporter', 'importer'];

/**
 * Whom a rule reaches besides the listed entity itself:
 * - `listed-only`: only entities on the list (NS-CMIC: no 50 % rule);
 * - `controlled`: also entities subject to the control of a listed one (§805(b) "covered entity");
 * - `owned-50`: also entities owned 50 % or more by listed ones (OFAC 50 % rule, BIS affiliates rule).
 *   The record's links are "subsidiary of", not ownership shares, so such reach is shown with a caution.
 */
export type Reach = 'listed-only' | 'controlled' | 'owned-50';

/**
 * A date a rule starts or stops applying to one listed entity, relative to its listing:
 * a fixed `date`, `daysAfterListing`, or (neither) the listing date itself. When both are
 * given the later of them counts.
 */
export interface DateSpec {
  date?: IsoDate;
  daysAfterListing?: number;
}

/** A per-entity exception, e.g. a court order that stopped a rule applying to one company. */
export interface RuleException {
  ruleId: string;
  entityId: string;
  /** The rule stops applying from this day. */
  from: IsoDate;
  /** The day the rule would otherwise have started for this entity, when the listing date misleads (e.g. a corrected misprint). */
  startsOn?: IsoDate;
  reason: string;
  sourceIds: string[];
  verified: boolean;
}

/** One legal consequence of being on a list, for some roles, with its citation. */
export interface Rule {
  id: string;
  listId: string;
  roles: RuleRole[];
  kind: 'prohibition' | 'permission' | 'requirement' | 'information';
  title: string;
  /** Who is restricted (plain English), e.g. "DoD contracting officers". */
  who: string;
  /** Plain-English effect, as shown to the user. */
  effect: string;
  citation: string;
  sourceIds: string[];
  verified: boolean;
  /** Shown beside the rule: what is UNVERIFIED and why. */
  note?: string;
  from: DateSpec;
  /** Exclusive end; absent = while listed. */
  to?: DateSpec;
  reach: Reach;
  /** Applies only to entities whose designation began in this range (e.g. the EO 14032 Annex). */
  listedOnOrBefore?: IsoDate;
  listedAfter?: IsoDate;
}

/** The whole rules file `data/rules.json`. */
export interface RuleSet {
  version: number;
  rules: Rule[];
  exceptions: RuleException[];
}
