import { isIsoDate } from '../dates.js';
import { ListwatchError } from '../errors.js';
import { RULE_ROLES, type DateSpec, type Rule, type RuleException, type RuleSet } from './types.js';

const KINDS = new Set(['prohibition', 'permission', 'requirement', 'information']);
const REACH = new Set(['listed-only', 'controlled', 'owned-50']);

function fail(where: string, problem: string, file: string): never {
  throw new ListwatchError('BAD_FILE', `${file}: ${where}: ${problem}`, { file, field: where });
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Record<string, unknown>, k: string, where: string, file: string): string => {
  const v = o[k];
  if (typeof v !== 'string' || !v.trim()) fail(`${where}.${k}`, 'must be a non-empty string', file);
  return v;
};
const strs = (o: Record<string, unknown>, k: string, where: string, file: string): string[] => {
  const v = o[k];
  if (!Array.isArray(v) || !v.length || v.some((x) => typeof x !== 'string' || !x)) fail(`${where}.${k}`, 'must be a non-empty array of strings', file);
  return v as string[];
};
const date = (v: unknown, where: string, file: string): string => {
  if (typeof v !== 'string' || !isIsoDate(v)) fail(where, 'must be a date YYYY-MM-DD', file);
  return v;
};

function dateSpec(v: unknown, where: string, file: string): DateSpec {
  if (!isObj(v)) fail(where, 'must be an object { date?, daysAfterListing? }', file);
  const out: DateSpec = {};
  if (v.date !== undefined) out.date = date(v.date, `${where}.date`, file);
  if (v.daysAfterListing !== undefined) {
    if (!Number.isInteger(v.daysAfterListing) || (v.daysAfterListing as number) < 0) fail(`${where}.daysAfterListing`, 'must be a whole number ≥ 0', file);
    out.daysAfterListing = v.daysAfterListing as number;
  }
  return out;
}

/**
 * Validates the parsed content of `data/rules.json` and returns it typed. Every rule needs an id,
 * list, roles, effect, citation, at least one source and a verified flag; an unverified rule needs
 * a note saying what is unverified. `knownSourceIds`, when given, must contain every cited source.
 * Throws BAD_FILE naming the field.
 */
export function validateRules(raw: unknown, opts: { file?: string; knownSourceIds?: ReadonlySet<string> } = {}): RuleSet {
  const file = opts.file ?? 'rules.json';
  if (!isObj(raw) || !Array.isArray(raw.rules)) fail('root', 'must be an object with a "rules" array', file);
  const ids = new Set<string>();
  const rules: Rule[] = raw.rules.map((r: unknown, i: number) => {
    const w = `rules[${i}]`;
    if (!isObj(r)) fail(w, 'must be an object', file);
    const id = str(r, 'id', w, file);
    if (ids.has(id)) fail(`${w}.id`, `duplicate rule id ${id}`, file);
    ids.add(id);
    const roles = strs(r, 'roles', w, file);
    for (const role of roles) if (!RULE_ROLES.includes(role as never)) fail(`${w}.roles`, `unknown role ${role}`, file);
    const kind = str(r, 'kind', w, file);
    if (!KINDS.has(kind)) fail(`${w}.kind`, `unknown kind ${kind}`, file);
    const reach = str(r, 'reach', w, file);
    if (!REACH.has(reach)) fail(`${w}.reach`, `unknown reach ${reach}`, file);
    if (typeof r.verified !== 'boolean') fail(`${w}.verified`, 'must be true or false', file);
    if (!r.verified && (typeof r.note !== 'string' || !r.note)) fail(`${w}.note`, 'an unverified rule must say what is unverified', file);
    const sourceIds = strs(r, 'sourceIds', w, file);
    if (opts.knownSourceIds) for (const s of sourceIds) if (!opts.knownSourceIds.has(s)) fail(`${w}.sourceIds`, `unknown source ${s}`, file);
    const rule: Rule = {
      id, listId: str(r, 'listId', w, file), roles: roles as Rule['roles'], kind: kind as Rule['kind'],
      title: str(r, 'title', w, file), who: str(r, 'who', w, file), effect: str(r, 'effect', w, file),
      citation: str(r, 'citation', w, file), sourceIds, verified: r.verified,
      from: dateSpec(r.from, `${w}.from`, file), reach: reach as Rule['reach'],
    };
    if (typeof r.note === 'string' && r.note) rule.note = r.note;
    if (r.to !== undefined) rule.to = dateSpec(r.to, `${w}.to`, file);
    if (r.listedOnOrBefore !== undefined) rule.listedOnOrBefore = date(r.listedOnOrBefore, `${w}.listedOnOrBefore`, file);
    if (r.listedAfter !== undefined) rule.listedAfter = date(r.listedAfter, `${w}.listedAfter`, file);
    return rule;
  });
  const exceptions: RuleException[] = (Array.isArray(raw.exceptions) ? raw.exceptions : []).map((x: unknown, i: number) => {
    const w = `exceptions[${i}]`;
    if (!isObj(x)) fail(w, 'must be an object', file);
    const ruleId = str(x, 'ruleId', w, file);
    if (!ids.has(ruleId)) fail(`${w}.ruleId`, `unknown rule ${ruleId}`, file);
    if (typeof x.verified !== 'boolean') fail(`${w}.verified`, 'must be true or false', file);
    const sourceIds = strs(x, 'sourceIds', w, file);
    if (opts.knownSourceIds) for (const s of sourceIds) if (!opts.knownSourceIds.has(s)) fail(`${w}.sourceIds`, `unknown source ${s}`, file);
    const ex: RuleException = { ruleId, entityId: str(x, 'entityId', w, file), from: date(x.from, `${w}.from`, file), reason: str(x, 'reason', w, file), sourceIds, verified: x.verified };
    if (x.startsOn !== undefined) ex.startsOn = date(x.startsOn, `${w}.startsOn`, file);
    return ex;
  });
  return { version: typeof raw.version === 'number' ? raw.version : 1, rules, exceptions };
}
