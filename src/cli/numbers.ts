import { ListwatchError } from '../core/errors.js';

/** What a number given on the command line or in the environment must be. */
export interface NumberRule {
  /** A whole number. */
  integer?: boolean;
  /** Least value allowed (inclusive). */
  min?: number;
  /** Greatest value allowed (inclusive). */
  max?: number;
  /** The value must be greater than this (exclusive): `above: 0` is "positive". */
  above?: number;
}

// Plain decimal notation only: Number() would also take "" and " " (as 0), "0x1f" and "Infinity".
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function describe(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a number';
  const lo = rule.above !== undefined ? `> ${rule.above}` : rule.min !== undefined ? `≥ ${rule.min}` : '';
  if (lo && rule.max !== undefined) return `${kind} ${lo} and ≤ ${rule.max}`;
  if (lo) return `${kind} ${lo}`;
  return rule.max !== undefined ? `${kind} ≤ ${rule.max}` : kind;
}

/**
 * The number a user gave for `name` (a flag such as `--limit`, or an environment key), checked
 * against `rule`. `undefined` (not given) stays `undefined`, for the caller's default; anything else
 * that is not a plain decimal number meeting the rule is BAD_INPUT naming the flag, the value and
 * what it must be (e.g. `--limit: "0" is not a whole number ≥ 1`), with the flag as `field`.
 */
export function numberOption(value: string | undefined, name: string, rule: NumberRule = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = DECIMAL.test(value.trim()) ? Number(value) : NaN;
  const ok = Number.isFinite(n)
    && (!rule.integer || Number.isInteger(n))
    && (rule.min === undefined || n >= rule.min)
    && (rule.max === undefined || n <= rule.max)
    && (rule.above === undefined || n > rule.above);
  if (!ok) throw new ListwatchError('BAD_INPUT', `${name}: "${value}" is not ${describe(rule)}`, { field: name.replace(/^--/, '') });
  return n;
}

/** `numberOption` for a value that is always there (a flag with a default): the number itself. */
export function requiredNumber(value: string, name: string, rule: NumberRule = {}): number {
  return numberOption(value, name, rule)!;
}
