import { buildIndex, type IndexSource } from '../core/match/build-index.js';
import type { ScreenIndex } from '../core/match/types.js';

/**
 * A small screen index of one list for tests: each entry is an entity's names (the first printed,
 * the rest aliases); `types` gives an entity's type by position (default: organization).
 */
export function indexOf(entries: readonly (readonly string[])[], types: readonly IndexSource['entities'][number]['type'][] = []): ScreenIndex {
  const src: IndexSource = {
    entities: entries.map((ns, i) => ({ id: `e${i}`, name: ns[0] ?? '', type: types[i] ?? 'organization', names: ns.slice(1).map((n) => ({ name: n, kind: 'alias' as const, verified: true, sourceIds: [] })), identifiers: [] })),
    designations: [],
    publications: [],
    lists: [],
  };
  return buildIndex(src);
}
