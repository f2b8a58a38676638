/**
 * The generator's entity registry: resolves a printed name to ONE entity id across
 * editions and lists. Order: explicit overrides (renames, splits) → names already seen →
 * the `entity_key` of shared/facts/chinese-names.csv → a new entity.
 */
import type { Entity, EntityName, Identifier, NameKind } from '../../src/core/model.js';
import { normName, slug } from './util.js';

/** chinese-names.csv keys that group several different legal entities: never a merge key. */
const NON_KEYS = new Set(['', 'foreign', 'smic_other', 'proven']);

export class Registry {
  readonly entities = new Map<string, Entity>();
  private byNorm = new Map<string, string>();
  private byKey = new Map<string, string>();
  private keyOfNorm = new Map<string, string>();
  /** normalised name → entity id, decided by hand (see overrides.ts). */
  private overrides = new Map<string, string>();

  constructor(cnRows: Record<string, string>[], overrides: Record<string, string>) {
    for (const r of cnRows) {
      const k = r.entity_key ?? '';
      if (!NON_KEYS.has(k)) this.keyOfNorm.set(normName(r.english_name ?? ''), k);
    }
    for (const [name, id] of Object.entries(overrides)) this.overrides.set(normName(name), id);
  }

  /** The id of the entity the name denotes, creating the entity (named `display`) if new. */
  resolve(name: string, display = name): string {
    const n = normName(name);
    const key = this.keyOfNorm.get(n);
    let id = this.overrides.get(n) ?? this.byNorm.get(n) ?? (key ? this.byKey.get(key) : undefined);
    if (!id) {
      id = slug(display);
      let i = 2;
      while (this.entities.has(id) && this.entities.get(id)?.name !== display) id = `${slug(display)}-${i++}`;
    }
    if (!this.entities.has(id)) this.entities.set(id, { id, name: display, type: 'organization', names: [], identifiers: [] });
    this.byNorm.set(n, id);
    if (key && !this.byKey.has(key) && !this.overrides.has(n)) this.byKey.set(key, id);
    return id;
  }

  /** Makes `name` denote entity `id` from now on (a printed rename or spelling). */
  bindName(name: string, id: string): void {
    const n = normName(name);
    this.byNorm.set(n, id);
    const key = this.keyOfNorm.get(n);
    if (key && !this.byKey.has(key)) this.byKey.set(key, id);
  }

  /** The entity id a name resolves to, without creating anything. */
  find(name: string): string | undefined {
    const n = normName(name);
    const key = this.keyOfNorm.get(n);
    const id = this.overrides.get(n) ?? this.byNorm.get(n) ?? (key ? this.byKey.get(key) : undefined);
    return id !== undefined && this.entities.has(id) ? id : undefined;
  }

  get(id: string): Entity {
    const e = this.entities.get(id);
    if (!e) throw new Error(`no entity ${id}`);
    return e;
  }

  /** Adds a name (merging sources if the same name and kind are already there). */
  addName(id: string, name: string, kind: NameKind, sourceIds: string[], verified = true): void {
    const e = this.get(id);
    const t = name.trim();
    if (!t) return;
    const cur = e.names.find((x: EntityName) => x.name === t && x.kind === kind);
    if (cur) {
      for (const s of sourceIds) if (!cur.sourceIds.includes(s)) cur.sourceIds.push(s);
      if (verified) cur.verified = true;
    } else e.names.push({ name: t, kind, sourceIds: [...sourceIds], verified });
  }

  /** Adds an identifier (merging sources on the same scheme and value). */
  addIdentifier(id: string, scheme: Identifier['scheme'], value: string, sourceIds: string[]): void {
    const e = this.get(id);
    const cur = e.identifiers.find((x) => x.scheme === scheme && x.value === value);
    if (cur) {
      for (const s of sourceIds) if (!cur.sourceIds.includes(s)) cur.sourceIds.push(s);
    } else e.identifiers.push({ scheme, value, sourceIds: [...sourceIds] });
  }
}
