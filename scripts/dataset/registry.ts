/**
 * The generator's entity registry: resolves a printed name to ONE entity id across
 * editions and lists. Order: explicit overrides (renames, splits) → names already seen →
 * the `entity_key` of shared/facts/chinese-names.csv → a new entity.
 */
import type { Entity, EntityName, Identifier, NameKind } from '../../src/core/model.js';
import { fineName, normName, slug } from './util.js';

/** chinese-names.csv keys that group several different legal entities: never a merge key. */
const NON_KEYS = new Set(['', 'foreign', 'smic_other', 'proven']);

export class Registry {
  readonly entities = new Map<string, Entity>();
  private byNorm = new Map<string, string>();
  private byKey = new Map<string, string>();
  /** Loosely normalised name → chinese-names keys of the rows with that name (several = ambiguous). */
  private keysOfNorm = new Map<string, Set<string>>();
  /** Finely normalised name (legal form kept) → chinese-names key. */
  private keyOfFine = new Map<string, string>();
  /** Entity id → the chinese-names keys of the names bound to it. */
  private keysOfEntity = new Map<string, Set<string>>();
  /** normalised name → entity id, decided by hand (see overrides.ts). */
  private overrides = new Map<string, string>();

  constructor(cnRows: Record<string, string>[], overrides: Record<string, string>) {
    for (const r of cnRows) {
      const k = r.entity_key ?? '';
      if (NON_KEYS.has(k)) continue;
      const n = normName(r.english_name ?? '');
      this.keysOfNorm.set(n, (this.keysOfNorm.get(n) ?? new Set()).add(k));
      this.keyOfFine.set(fineName(r.english_name ?? ''), k);
    }
    for (const [name, id] of Object.entries(overrides)) this.overrides.set(normName(name), id);
  }

  /**
   * The chinese-names key of a name: by its fine form first (so "China Shipbuilding Industry
   * Corporation" and "… Company Limited", two companies, keep their own keys), else by its loose
   * form when that is not ambiguous.
   */
  keyOf(name: string): string | undefined {
    const fine = this.keyOfFine.get(fineName(name));
    if (fine) return fine;
    const keys = this.keysOfNorm.get(normName(name));
    return keys?.size === 1 ? [...keys][0] : undefined;
  }

  /**
   * The entity a name denotes by loose name, unless its key says it is a different company: a
   * loose-name match is refused when the name's chinese-names key differs from every key the
   * entity already holds (the CSIC over-merge: group vs listed company, same words).
   */
  private lookup(name: string): string | undefined {
    const n = normName(name);
    const over = this.overrides.get(n);
    if (over) return over;
    const key = this.keyOf(name);
    const byName = this.byNorm.get(n);
    if (byName !== undefined && key !== undefined) {
      const held = this.keysOfEntity.get(byName);
      if (held && held.size > 0 && !held.has(key)) return this.byKey.get(key);
    }
    return byName ?? (key ? this.byKey.get(key) : undefined);
  }

  private noteKey(id: string, name: string): void {
    const key = this.keyOf(name);
    if (!key) return;
    this.keysOfEntity.set(id, (this.keysOfEntity.get(id) ?? new Set()).add(key));
    if (!this.byKey.has(key) && !this.overrides.has(normName(name))) this.byKey.set(key, id);
  }

  /** The id of the entity the name denotes, creating the entity (named `display`) if new. */
  resolve(name: string, display = name): string {
    const n = normName(name);
    let id = this.lookup(name);
    if (!id) {
      // A new entity: its slug, or (taken by another company) the slug with its legal form, then a number.
      const base = slug(display);
      const long = fineName(display).split(' ').filter(Boolean).slice(0, 8).join('-');
      id = this.entities.has(base) && this.entities.get(base)?.name !== display ? long : base;
      let i = 2;
      while (this.entities.has(id) && this.entities.get(id)?.name !== display) id = `${long}-${i++}`;
    }
    if (!this.entities.has(id)) this.entities.set(id, { id, name: display, type: 'organization', names: [], identifiers: [] });
    this.byNorm.set(n, id);
    this.noteKey(id, name);
    return id;
  }

  /** Makes `name` denote entity `id` from now on (a printed rename or spelling). */
  bindName(name: string, id: string): void {
    this.byNorm.set(normName(name), id);
    this.noteKey(id, name);
  }

  /** The entity id a name resolves to, without creating anything. */
  find(name: string): string | undefined {
    const id = this.lookup(name);
    return id !== undefined && this.entities.has(id) ? id : undefined;
  }

  /**
   * Folds entity `from` into `into` (one company): names and identifiers move with their
   * sources, every name that denoted `from` denotes `into`. Publications, relations and events
   * are rewritten by the caller (identity.ts).
   */
  merge(from: string, into: string): void {
    const a = this.get(from);
    for (const n of a.names) this.addName(into, n.name, n.kind, n.sourceIds, n.verified);
    for (const i of a.identifiers) this.addIdentifier(into, i.scheme, i.value, i.sourceIds);
    for (const [n, id] of this.byNorm) if (id === from) this.byNorm.set(n, into);
    for (const [k, id] of this.byKey) if (id === from) this.byKey.set(k, into);
    for (const k of this.keysOfEntity.get(from) ?? []) this.keysOfEntity.set(into, (this.keysOfEntity.get(into) ?? new Set()).add(k));
    for (const [n, id] of this.overrides) if (id === from) this.overrides.set(n, into);
    this.entities.delete(from);
    this.keysOfEntity.delete(from);
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
