import { addDays } from '../dates.js';
import type { Designation, IsoDate } from '../model.js';
import type { DateSpec, Rule, RuleRole, RuleSet } from './types.js';

/** What a listing obliges a role to do (structurally the app's `Obligation`). */
export interface RuleObligation {
  ruleId: string;
  listId: string;
  role: RuleRole;
  /** The rule's kind: a prohibition or requirement binds the role; permission and information do not. */
  kind: Rule['kind'];
  /** The rule's short title, e.g. "§805(a)(1)(A): no DoD contracts with the company". */
  title: string;
  status: 'in-force' | 'coming' | 'ended';
  effectiveFrom: IsoDate;
  effectiveTo?: IsoDate;
  effect: string;
  citation: string;
  sourceIds: string[];
  verified: boolean;
  via?: { parentId: string; parentName: string; path: string[] };
  note?: string;
}

/** A listed parent through which rules that reach controlled entities apply. */
export interface ParentLink {
  parentId: string;
  parentName: string;
  /** Subsidiary first, parent last. */
  path: string[];
  designations: readonly Designation[];
}

/** Inputs of `obligationsFor`. */
export interface ObligationInput {
  rules: RuleSet;
  role: RuleRole;
  asOf: IsoDate;
  entityId: string;
  /** The entity's own designations (any list). */
  designations: readonly Designation[];
  /** Its listed parents, for rules that reach controlled or owned entities. */
  parents?: readonly ParentLink[];
  /** Keep obligations that ended before asOf (default false). */
  includeEnded?: boolean;
}

const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
const minDate = (...ds: (IsoDate | null | undefined)[]): IsoDate | undefined =>
  ds.filter((d): d is IsoDate => typeof d === 'string').sort()[0];

/** The day a DateSpec falls on for an entity listed on `listedOn` (never before the listing). */
export function resolveDateSpec(spec: DateSpec, listedOn: IsoDate): IsoDate {
  let d = listedOn;
  if (spec.date) d = maxDate(d, spec.date);
  if (spec.daysAfterListing !== undefined) d = maxDate(d, addDays(listedOn, spec.daysAfterListing));
  return d;
}

/** True when the rule covers a designation that began on `from` (Annex-only rules and the like). */
export function ruleCoversListing(rule: Rule, from: IsoDate): boolean {
  return (rule.listedOnOrBefore === undefined || from <= rule.listedOnOrBefore) && (rule.listedAfter === undefined || from > rule.listedAfter);
}

/**
 * The first day any rule of `listId` (for any role) applies to an entity listed on `listedOn`, or
 * undefined when the rules say nothing about the list. A day later than `listedOn` means the
 * listing names the entity before anything applies to it: a statute whose ban starts later
 * (FY2024 NDAA §154: named 2023-12-22, ban from 2027-10-01) is "named; ban from 2027-10-01",
 * not an active ban, until that day.
 */
export function restrictionsStart(rules: RuleSet, listId: string, listedOn: IsoDate): IsoDate | undefined {
  const starts = rules.rules
    .filter((r) => r.listId === listId && ruleCoversListing(r, listedOn))
    .map((r) => resolveDateSpec(r.from, listedOn));
  return starts.sort()[0];
}

/** How a designation in force on `asOf` reads: in force, or only named until its first rule applies. */
export function listingStatus(rules: RuleSet, listId: string, listedOn: IsoDate, asOf: IsoDate): { status: 'in-force' } | { status: 'named'; restrictionsFrom: IsoDate; label: string } {
  const start = restrictionsStart(rules, listId, listedOn);
  return start !== undefined && asOf < start ? { status: 'named', restrictionsFrom: start, label: namedLabel(start) } : { status: 'in-force' };
}

/** The words for a listing that names an entity before any rule of its list applies. */
export const namedLabel = (restrictionsFrom: IsoDate): string => `named; ban from ${restrictionsFrom}`;

const STATUS_ORDER = { 'in-force': 0, coming: 1, ended: 2 } as const;

/**
 * The obligations a role has towards one entity on `asOf`, from the rules of the lists it is on
 * and, for rules that reach controlled/owned entities, of the lists its parents are on. Pure.
 *
 * Only designations known on asOf count (from ≤ asOf). Each obligation's interval is the rule's
 * dates applied to the listing, cut by the end of the designation and by per-entity exceptions
 * (court orders); `status` is relative to asOf. An interval that never opened is dropped unless an
 * exception closed it, in which case it is kept with a note saying why it never applied.
 */
export function obligationsFor(input: ObligationInput): RuleObligation[] {
  const out: RuleObligation[] = [];
  const ownLists = new Set(input.designations.filter((d) => d.from <= input.asOf).map((d) => d.listId));
  const consider = (d: Designation, via?: ParentLink): void => {
    if (d.from > input.asOf) return;
    for (const rule of input.rules.rules) {
      if (rule.listId !== d.listId || !rule.roles.includes(input.role) || !ruleCoversListing(rule, d.from)) continue;
      if (via && (rule.reach === 'listed-only' || ownLists.has(rule.listId))) continue;
      const exception = input.rules.exceptions.find((x) => x.ruleId === rule.id && x.entityId === d.entityId);
      const start = exception?.startsOn ?? resolveDateSpec(rule.from, d.from);
      const end = minDate(rule.to ? resolveDateSpec(rule.to, d.from) : undefined, d.to, exception?.from);
      const notes: string[] = [];
      if (rule.note) notes.push(rule.note);
      if (exception) notes.push(`${exception.from > input.asOf ? 'Later: ' : ''}${exception.reason} (stops applying from ${exception.from}${exception.verified ? '' : '; UNVERIFIED'}).`);
      const never = end !== undefined && end <= start;
      if (never) {
        if (!exception || end !== exception.from) continue; // an interval that never opened, e.g. an earlier listing period
        notes.push('This rule never took effect for this entity.');
      }
      let status: RuleObligation['status'] = input.asOf < start ? 'coming' : end !== undefined && input.asOf >= end ? 'ended' : 'in-force';
      if (end !== undefined && end <= start) status = input.asOf >= end ? 'ended' : 'coming';
      if (status === 'ended' && !input.includeEnded) continue;
      if (via) {
        notes.push(rule.reach === 'owned-50'
          ? `Reaches this entity only if ${via.parentName} (listed) owns 50 % or more of it; the record shows a subsidiary link, not the share: check ownership.`
          : `Reaches this entity because the record shows it as controlled by ${via.parentName}, which is listed.`);
      }
      out.push({
        ruleId: rule.id, listId: rule.listId, role: input.role, kind: rule.kind, title: rule.title, status, effectiveFrom: start,
        ...(end !== undefined && !never ? { effectiveTo: end } : {}),
        effect: rule.effect, citation: rule.citation,
        sourceIds: [...new Set([...rule.sourceIds, ...(exception?.sourceIds ?? [])])],
        verified: rule.verified && (exception?.verified ?? true),
        ...(via ? { via: { parentId: via.parentId, parentName: via.parentName, path: via.path } } : {}),
        ...(notes.length ? { note: notes.join(' ') } : {}),
      });
    }
  };
  for (const d of input.designations) consider(d);
  for (const p of input.parents ?? []) for (const d of p.designations) consider(d, p);
  // Keep one obligation per rule and route (several listing periods give the same rule twice).
  const seen = new Set<string>();
  return out
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.effectiveFrom.localeCompare(b.effectiveFrom) || a.ruleId.localeCompare(b.ruleId))
    .filter((o) => {
      const k = `${o.ruleId}|${o.via?.parentId ?? ''}|${o.status}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}
