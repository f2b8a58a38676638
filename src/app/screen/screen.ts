import { asOfState } from '../../core/history/designations.js';
import { ListwatchError } from '../../core/errors.js';
import { verifiedOn } from '../../core/history/verified.js';
import { namedLabel } from '../../core/rules/evaluate.js';
import { DEFAULT_THRESHOLD, matchQuery } from '../../core/match/match.js';
import type { ScreenIndex } from '../../core/match/types.js';
import type { IsoDate } from '../../core/model.js';
import type { HitDesignation, ScreenHit, ScreenOptions, ScreenResult } from '../types.js';
import { explain } from './explain.js';

/** Options of one screen once defaults are applied; `asOf` is required (the edge supplies today). */
export type ResolvedScreenOptions = ScreenOptions & { asOf: IsoDate };

/** Default number of hits returned. */
export const DEFAULT_LIMIT = 10;

/** The designations of an entity as a hit shows them, each marked active or not on `asOf`. */
export function hitDesignations(index: ScreenIndex, entity: number, asOf: IsoDate): HitDesignation[] {
  const e = index.snapshot.entities[entity];
  if (!e) return [];
  return e.designations.map((d) => {
    const state = asOfState(asOf, d);
    const active = state === 'active';
    return {
      list: d.list,
      listName: d.listName,
      from: d.from,
      to: d.to,
      active,
      ...(d.startUnknown ? { startUnknown: true } : {}),
      ...(state === 'unknown' ? { unknown: true } : {}),
      source: d.source,
      printedName: d.printedName,
      verified: verifiedOn(d.unverifiedFrom, asOf),
      ...(active && d.restrictionsFrom !== undefined && asOf < d.restrictionsFrom ? { named: { restrictionsFrom: d.restrictionsFrom, label: namedLabel(d.restrictionsFrom) } } : {}),
    };
  });
}

/**
 * The words that make a listed name this name: its core words in order, without legal forms,
 * places, structure and filler words ("Deutsche Bank AG" and "Deutsche Bank
 * Aktiengesellschaft" → "deutsche bank"; "SMIC (Beijing)" and "SMIC (Shenzhen)" → "smic"), or
 * the Chinese core without its place. Empty when the name has neither.
 */
export function siblingKey(index: ScreenIndex, nameId: number): string {
  const n = index.snapshot.names[nameId];
  if (!n) return '';
  if (n.latin) {
    const core = n.latin.tokens.filter((_, i) => n.latin?.kinds[i] === 'core');
    if (core.length) return core.join(' ');
  }
  return n.han?.coreNoPlace ?? '';
}

/**
 * Groups hits whose matched names are near-identical (same `siblingKey`): each such hit gets
 * `siblings`, the ids of the other hits of its group, so an answer can show them together. No
 * hit is dropped or moved: the ranking stays by score.
 */
function markSiblings(index: ScreenIndex, hits: ScreenHit[], nameIds: readonly number[]): void {
  if (hits.length < 2) return;
  const groups = new Map<string, number[]>();
  nameIds.forEach((id, i) => {
    const k = siblingKey(index, id);
    if (!k) return;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    for (const i of g) {
      const h = hits[i];
      if (h) h.siblings = g.filter((j) => j !== i).map((j) => hits[j]?.entityId ?? '');
    }
  }
}

/**
 * Screens one name against the index on `opts.asOf`: hits at or above the threshold
 * (default `DEFAULT_THRESHOLD`), best first, each with its designations (active or not
 * on asOf, with the publication that added it) and an explanation. Hits whose designations
 * are all inactive are kept (marked `active: false`) unless `includeInactive` is false.
 * Pure given the index: the same call always gives the same answer.
 */
export function screenWithIndex(index: ScreenIndex, query: string, opts: ResolvedScreenOptions): ScreenResult {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold >= 0 && threshold <= 1)) throw new ListwatchError('BAD_INPUT', `threshold must be between 0 and 1, got ${opts.threshold}`, { field: 'threshold' });
  if (query.trim().length === 0) throw new ListwatchError('BAD_INPUT', 'the name to screen is empty', { field: 'name' });
  const limit = opts.limit ?? DEFAULT_LIMIT;
  const hits: ScreenHit[] = [];
  const matchedNames: number[] = [];
  for (const m of matchQuery(index, query, threshold)) {
    const e = index.snapshot.entities[m.entity];
    if (!e) continue;
    const designations = hitDesignations(index, m.entity, opts.asOf);
    const active = designations.some((d) => d.active);
    const unknown = !active && designations.some((d) => d.unknown);
    if (!active && !unknown && opts.includeInactive === false) continue;
    const explanation = explain(m, index);
    hits.push({ entityId: e.id, name: e.name, matchedName: explanation.matchedName, score: Math.round(m.score * 1000) / 1000, designations, active, ...(unknown ? { unknown: true } : {}), explanation });
    matchedNames.push(m.name);
    if (hits.length >= limit) break;
  }
  markSiblings(index, hits, matchedNames);
  return { query, asOf: opts.asOf, threshold, hits };
}
