import type { IsoDate } from '../../core/model.js';
import { obligationsFor } from '../../core/rules/evaluate.js';
import type { RuleSet } from '../../core/rules/types.js';
import type { RecordReader } from '../snapshot/reader.js';
import type { Obligation, Role, ScreenHit } from '../types.js';
import { parentLinks, RelatedLookup } from './related.js';
import { loadRules } from './rules.js';

/** What the enrichment needs: the store and (optionally) the rules; default rules are the bundled ones. */
export interface EnrichDeps {
  store: RecordReader;
  rules?: RuleSet;
}

/** Options of an enrichment: the day to judge on and, for obligations, the role. */
export interface EnrichOptions {
  asOf: IsoDate;
  role?: Role;
  /** Keep obligations that ended before asOf (default false). */
  includeEnded?: boolean;
}

/**
 * Adds to screen hits their listed parents (with path and whether in force on asOf), their listed
 * subsidiaries and, when a role is given, the obligations the role has towards each hit (own
 * listings and, for rules that reach controlled entities, those of its listed parents).
 * Returns new hit objects in the same order. Reuse one enricher across calls: relations load once.
 */
export function createEnricher(deps: EnrichDeps): { enrich(hits: readonly ScreenHit[], opts: EnrichOptions): Promise<ScreenHit[]>; reset(): void } {
  const lookup = new RelatedLookup(deps.store);
  const rules = deps.rules ?? loadRules().rules;
  return {
    reset: () => lookup.reset(),
    async enrich(hits, opts) {
      return Promise.all(
        hits.map(async (hit) => {
          const around = await lookup.around(hit.entityId, opts.asOf);
          const parents = around.parents.filter((p) => p.everListed).map((p) => ({ entityId: p.entityId, name: p.name, path: p.path, active: p.active }));
          const subsidiaries = around.subsidiaries.filter((s) => s.everListed).map((s) => ({ entityId: s.entityId, name: s.name, active: s.active }));
          const out: ScreenHit = { ...hit, parents, subsidiaries };
          if (opts.role) {
            const designations = await deps.store.getDesignations({ entityId: hit.entityId });
            out.obligations = obligationsFor({ rules, role: opts.role, asOf: opts.asOf, entityId: hit.entityId, designations, parents: parentLinks(around.parents), includeEnded: opts.includeEnded ?? false }) as Obligation[];
          }
          return out;
        }),
      );
    },
  };
}

/** One-off form of `createEnricher(deps).enrich(hits, opts)`. */
export async function enrichHits(deps: EnrichDeps, hits: readonly ScreenHit[], opts: EnrichOptions): Promise<ScreenHit[]> {
  return createEnricher(deps).enrich(hits, opts);
}
