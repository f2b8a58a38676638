import { ListwatchError } from '../../core/errors.js';
import { nameTokens, printedKey } from '../../core/history/names.js';
import type { Entity } from '../../core/model.js';
import type { RecordReader } from '../snapshot/reader.js';

const key = (s: string): string => printedKey(s) || s.normalize('NFKC').trim();
const tokensKey = (s: string): string => nameTokens(s).join(' ');

/**
 * Finds the entity a user means: an exact id; else an exact match of the normalised name
 * (any recorded name, Chinese included); else a match of the distinctive words (legal forms
 * ignored: "Xiaomi" finds "Xiaomi Corporation"); else names containing every distinctive word of
 * the query. NOT_FOUND when nothing matches; BAD_INPUT listing
 * the candidates when several do (the CLI exits 2 either way).
 */
export async function resolveEntity(store: RecordReader, query: string): Promise<Entity> {
  const q = query.trim();
  if (!q) throw new ListwatchError('BAD_INPUT', 'give an entity id or name', { field: 'name' });
  const byId = await store.getEntity(q);
  if (byId) return byId;
  const all = await store.getEntities();
  const names = (e: Entity): string[] => [e.name, ...e.names.map((n) => n.name)];
  const tiers: ((e: Entity) => boolean)[] = [
    (e) => names(e).some((n) => key(n) === key(q)),
    (e) => tokensKey(q) !== '' && names(e).some((n) => tokensKey(n) === tokensKey(q)),
    // Last: every distinctive word of the query is a word of a name ("Westone" → Cheng Du Westone…).
    (e) => {
      const qt = nameTokens(q);
      return qt.length > 0 && names(e).some((n) => {
        const nt = new Set(nameTokens(n));
        return qt.every((t) => nt.has(t));
      });
    },
  ];
  for (const tier of tiers) {
    const found = all.filter(tier);
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      const list = found.slice(0, 20).map((e) => `${e.id} (${e.name})`).join('; ');
      throw new ListwatchError('BAD_INPUT', `"${q}" matches ${found.length} entities: ${list}. Give an id.`, { field: 'name' });
    }
  }
  throw new ListwatchError('NOT_FOUND', `no entity with id or name "${q}"`, { field: 'name' });
}
