import { ListwatchError } from '../../core/errors.js';
import type { IsoDate } from '../../core/model.js';
import type { Store } from '../../store/store.js';
import type { ScreenHit, ScreenOptions, ScreenResult } from '../types.js';
import { entityToFtm, FTM_DATASET, ftmSchemaOf } from './ftm.js';
import type { FtmEntity } from './ftm.js';

/**
 * A yente-compatible matching API (`POST /match/{dataset}`, OpenSanctions' yente): FollowTheMoney-
 * shaped query entities in, scored FtM entities out, so existing yente clients can point at
 * listwatch. Screening is listwatch's own (names in Latin script, Chinese, pinyin); yente's
 * request and response shapes are kept: `responses[key] = { status, results, total, query }`.
 */

/** One query entity: `schema` and `properties.name` required; values may be a string or a list. */
export interface MatchQuery {
  id?: string;
  schema?: string;
  properties?: Record<string, string | string[]>;
}

/** The request body. */
export interface MatchRequest {
  queries: Record<string, MatchQuery>;
}

/** One scored result, as yente returns it. */
export interface MatchResult extends FtmEntity {
  caption: string;
  score: number;
  match: boolean;
  features: Record<string, number>;
  /** listwatch's explanation in one line (yente has no such field; clients ignore it). */
  explanation?: string;
  target: boolean;
}

/** The answer for one query key. */
export interface MatchResponse {
  status: number;
  results: MatchResult[];
  total: { value: number; relation: 'eq' };
  query: { id?: string; schema: string; properties: Record<string, string[]> };
}

/** Options: yente's `threshold` (score from which `match` is true), `cutoff` (least score returned), `limit`. */
export interface MatchOptions {
  asOf: IsoDate;
  threshold: number;
  cutoff: number;
  limit: number;
  /** Restrict to entities designated (ever) on this list; undefined: every list. */
  listId?: string | undefined;
}

/** FtM schemata a query may carry, and the entity schemata each may match (yente matches within a schema's family). */
const MATCHABLE: Record<string, readonly string[]> = {
  Thing: ['Company', 'Person', 'Vessel', 'Airplane', 'LegalEntity', 'Organization'],
  LegalEntity: ['Company', 'Person', 'LegalEntity', 'Organization'],
  Organization: ['Company', 'LegalEntity', 'Organization'],
  Company: ['Company', 'LegalEntity', 'Organization'],
  PublicBody: ['Company', 'LegalEntity', 'Organization'],
  Person: ['Person', 'LegalEntity'],
  Vessel: ['Vessel'],
  Airplane: ['Airplane'],
};

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((s) => String(s).trim()).filter(Boolean));

/** Validates one query (BAD_INPUT naming the key and field, as yente's 400/422 do). */
export function normaliseQuery(key: string, q: MatchQuery): MatchResponse['query'] {
  if (!q || typeof q !== 'object') throw new ListwatchError('BAD_INPUT', `queries.${key}: expected an entity object`, { field: `queries.${key}` });
  if (!q.schema) throw new ListwatchError('BAD_INPUT', `queries.${key}.schema: required (e.g. "Company", "Person", "LegalEntity")`, { field: `queries.${key}.schema` });
  if (!MATCHABLE[q.schema]) throw new ListwatchError('BAD_INPUT', `queries.${key}.schema: "${q.schema}" cannot be matched (known: ${Object.keys(MATCHABLE).join(', ')})`, { field: `queries.${key}.schema` });
  const properties: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(q.properties ?? {})) {
    const vals = list(v);
    if (vals.length) properties[k] = k === 'country' || k === 'jurisdiction' || k === 'nationality' ? vals.map((c) => c.toLowerCase()) : vals;
  }
  if (!properties['name']?.length) throw new ListwatchError('BAD_INPUT', `queries.${key}.properties.name: at least one name is required`, { field: `queries.${key}.properties.name` });
  return { ...(q.id ? { id: q.id } : {}), schema: q.schema, properties };
}

/** What matching needs from the app: a screen function and the store. */
export interface MatchDeps {
  store: Store;
  screen: (name: string, opts: ScreenOptions) => Promise<ScreenResult>;
}

const compact = (s: string): string => s.replace(/[\s\-./]/g, '').toUpperCase();

/**
 * Answers every query: each of its names is screened; hits are merged per entity (best score),
 * filtered by schema family and by the dataset's list; a `country` that contradicts the entity's
 * lowers the score (×0.8, feature `country_mismatch`), a `registrationNumber` equal to one of the
 * entity's identifiers raises it to at least 0.95 (feature `identifier_match`).
 */
export async function matchEntities(deps: MatchDeps, req: MatchRequest, opts: MatchOptions): Promise<Record<string, MatchResponse>> {
  if (!req || typeof req.queries !== 'object' || req.queries === null) throw new ListwatchError('BAD_INPUT', 'queries: expected an object of query entities by key', { field: 'queries' });
  const out: Record<string, MatchResponse> = {};
  for (const [key, raw] of Object.entries(req.queries)) {
    const query = normaliseQuery(key, raw);
    const best = new Map<string, ScreenHit>();
    for (const name of query.properties['name']!) {
      const res = await deps.screen(name, { asOf: opts.asOf, threshold: Math.max(0.5, opts.cutoff), limit: Math.min(50, Math.max(opts.limit * 3, 10)) });
      for (const h of res.hits) if ((best.get(h.entityId)?.score ?? -1) < h.score) best.set(h.entityId, h);
    }
    const ids = [...best.keys()];
    const [entities, designations] = await Promise.all([deps.store.getEntities(ids), Promise.all(ids.map((id) => deps.store.getDesignations({ entityId: id })))]);
    const desOf = new Map(ids.map((id, i) => [id, designations[i] ?? []]));
    const allowed = MATCHABLE[query.schema]!;
    const countries = query.properties['country'] ?? query.properties['jurisdiction'] ?? [];
    const regs = (query.properties['registrationNumber'] ?? []).map(compact);
    const results: MatchResult[] = [];
    for (const e of entities) {
      const hit = best.get(e.id)!;
      const des = desOf.get(e.id) ?? [];
      if (opts.listId && !des.some((d) => d.listId === opts.listId)) continue;
      const ftm = entityToFtm(e, des, opts.asOf);
      if (!allowed.includes(ftmSchemaOf(e.type))) continue;
      const features: Record<string, number> = {};
      for (const f of hit.explanation.features) features[f.feature] = f.value;
      let score = hit.score;
      if (countries.length && e.country && !countries.includes(e.country.toLowerCase())) {
        score *= 0.8;
        features['country_mismatch'] = 1;
      }
      if (regs.length && e.identifiers.some((i) => regs.includes(compact(i.value)))) {
        score = Math.max(score, 0.95);
        features['identifier_match'] = 1;
      }
      score = Math.round(score * 1000) / 1000;
      if (score < opts.cutoff) continue;
      results.push({
        ...ftm, caption: e.name,
        datasets: [...new Set([FTM_DATASET, ...des.map((d) => d.listId)])],
        score, match: score >= opts.threshold, features, explanation: hit.explanation.summary,
        target: des.some((d) => d.from <= opts.asOf && (d.to === null || opts.asOf < d.to)),
      });
    }
    results.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    const kept = results.slice(0, opts.limit);
    out[key] = { status: 200, results: kept, total: { value: kept.length, relation: 'eq' }, query };
  }
  return out;
}
