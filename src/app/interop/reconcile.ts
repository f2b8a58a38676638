import { ListwatchError } from '../../core/errors.js';
import type { MatchDeps, MatchOptions, MatchQuery } from './yente.js';
import { matchEntities } from './yente.js';

/**
 * An OpenRefine reconciliation service (W3C Reconciliation Service API 0.2): the service manifest
 * and reconciliation queries (`{ q0: { query, type?, limit?, properties?: [{ pid, v }] } }` →
 * `{ q0: { result: [{ id, name, type, score, match, description }] } }`), answered by the same
 * matching as the yente-compatible `/match`.
 */

/** Entity types a reconciliation may ask for. */
export const RECONCILE_TYPES = [
  { id: 'LegalEntity', name: 'Legal entity (any)' },
  { id: 'Company', name: 'Company' },
  { id: 'Organization', name: 'Organization' },
  { id: 'Person', name: 'Person' },
  { id: 'Vessel', name: 'Vessel' },
  { id: 'Airplane', name: 'Airplane' },
];

/** Properties a query may add (`pid`). */
export const RECONCILE_PROPERTIES = [
  { id: 'country', name: 'Country (ISO code)' },
  { id: 'registrationNumber', name: 'Registration number (e.g. USCC)' },
];

/** The service manifest; `base` is the server's origin (for the view URL), `dataset` the path's dataset. */
export function reconcileManifest(base: string, dataset: string): Record<string, unknown> {
  return {
    versions: ['0.2'],
    name: `listwatch (${dataset}): US designation lists aimed at Chinese companies`,
    identifierSpace: `${base}/api/v1/entities/`,
    schemaSpace: 'https://followthemoney.tech/explorer/schemata/',
    defaultTypes: RECONCILE_TYPES,
    view: { url: `${base}/#/entity/{{id}}` },
    documentation: `${base}/openapi.json`,
    batchSize: 20,
  };
}

/** One reconciliation query. */
export interface ReconcileQuery {
  query: string;
  type?: string | string[];
  limit?: number;
  properties?: { pid: string; v: unknown }[];
}

/** Parses the `queries` parameter (JSON text or object); BAD_INPUT naming the query at fault. */
export function parseReconcileQueries(raw: unknown): Record<string, ReconcileQuery> {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ListwatchError('BAD_INPUT', 'queries: not valid JSON', { field: 'queries' });
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ListwatchError('BAD_INPUT', 'queries: expected an object of queries by key', { field: 'queries' });
  const out: Record<string, ReconcileQuery> = {};
  for (const [k, q] of Object.entries(value as Record<string, unknown>)) {
    const query = (q as { query?: unknown } | null)?.query;
    if (typeof query !== 'string' || !query.trim()) throw new ListwatchError('BAD_INPUT', `queries.${k}.query: expected a non-empty string`, { field: `queries.${k}.query` });
    out[k] = q as ReconcileQuery;
  }
  return out;
}

/** Answers reconciliation queries. */
export async function reconcile(deps: MatchDeps, queries: Record<string, ReconcileQuery>, opts: Omit<MatchOptions, 'limit'>): Promise<Record<string, { result: unknown[] }>> {
  const asMatch: Record<string, MatchQuery> = {};
  for (const [k, q] of Object.entries(queries)) {
    const type = Array.isArray(q.type) ? q.type[0] : q.type;
    const properties: Record<string, string[]> = { name: [q.query] };
    for (const p of q.properties ?? []) {
      const v = typeof p.v === 'string' ? p.v : typeof p.v === 'object' && p.v && 'id' in p.v ? String((p.v as { id: unknown }).id) : String(p.v);
      if (RECONCILE_PROPERTIES.some((x) => x.id === p.pid) && v) properties[p.pid] = [...(properties[p.pid] ?? []), v];
    }
    asMatch[k] = { schema: type && RECONCILE_TYPES.some((t) => t.id === type) ? type : 'LegalEntity', properties };
  }
  const out: Record<string, { result: unknown[] }> = {};
  for (const [k, q] of Object.entries(queries)) {
    const one = await matchEntities(deps, { queries: { [k]: asMatch[k]! } }, { ...opts, limit: Math.min(25, Math.max(1, q.limit ?? 5)) });
    out[k] = {
      result: one[k]!.results.map((r) => ({
        id: r.id, name: r.caption, type: [{ id: r.schema, name: r.schema }], score: Math.round(r.score * 100), match: r.match,
        description: `${r.target ? 'Listed' : 'Not listed'} on ${opts.asOf}; lists: ${r.datasets.filter((d) => d !== 'listwatch').join(', ') || 'none'}`,
      })),
    };
  }
  return out;
}
