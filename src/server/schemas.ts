import { parseIsoDate } from '../core/dates.js';
import type { IsoDate } from '../core/model.js';
import type { Role, ScreenOptions } from '../app/types.js';
import { RULE_ROLES } from '../core/rules/types.js';
import { errorBodySchema } from './errors.js';

/** Query/body fields shared by the screen and job routes (snake_case on the wire). */
export const screenOptionProps = {
  as_of: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Answer as of this date (YYYY-MM-DD); default today.' },
  threshold: { type: 'number', minimum: 0, maximum: 1, description: 'Minimum score of a hit (0..1); default the engine’s.' },
  role: { type: 'string', enum: RULE_ROLES, description: 'Who is asking; adds what the listing obliges them to do.' },
  limit: { type: 'integer', minimum: 1, maximum: 50, description: 'Maximum hits per name (default 10).' },
} as const;

/** The wire form of the screen options. */
export interface ScreenOptionQuery {
  as_of?: string;
  threshold?: number;
  role?: Role;
  limit?: number;
}

/** Converts wire options to ScreenOptions; `as_of` must be a real calendar date (BAD_INPUT naming it). */
export function toScreenOptions(q: ScreenOptionQuery, today: IsoDate): ScreenOptions & { asOf: IsoDate } {
  return {
    asOf: q.as_of !== undefined ? parseIsoDate(q.as_of, 'as_of') : today,
    ...(q.threshold !== undefined ? { threshold: q.threshold } : {}),
    ...(q.role !== undefined ? { role: q.role } : {}),
    ...(q.limit !== undefined ? { limit: q.limit } : {}),
  };
}

/** The as_of query alone, for reads of the record. */
export const asOfQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { as_of: screenOptionProps.as_of },
} as const;

/** A response documented as an object whose full shape is the named type of src/app/types.ts. */
export function shaped(name: string, description: string): Record<string, unknown> {
  return { type: 'object', additionalProperties: true, description: `${description} (shape: ${name} in src/app/types.ts)` };
}

/** A response documented as an array of `name`. */
export function shapedArray(name: string, description: string): Record<string, unknown> {
  return { type: 'array', items: { type: 'object', additionalProperties: true }, description: `${description} (items: ${name})` };
}

/** Standard error responses for a route. */
export function errors(...statuses: number[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of statuses) out[String(s)] = { ...errorBodySchema, description: 'Error: { error: { code, message, field?, line? } }' };
  return out;
}
