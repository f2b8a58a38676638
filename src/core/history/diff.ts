import type { Entity, Publication } from '../model.js';
import { membershipAfter, type Member } from './membership.js';
import { formerNamesIn, nameSimilarity, nameTokens, sameName } from './names.js';

type PubRef = Pick<Publication, 'id' | 'date' | 'kind' | 'title' | 'citation'>;

/** The difference between a list's membership after two of its publications. */
export interface ListDiff {
  listId: string;
  from: PubRef;
  to: PubRef;
  fromCount: number;
  toCount: number;
  added: { entityId: string; name: string }[];
  /** `note` when the list now prints this name as the former name of another entry that stays listed. */
  removed: { entityId: string; name: string; note?: string }[];
  /**
   * Same entity under a new printed name; `previousEntityId` when the record kept two ids for it.
   * `verified: false` for a likely rename the evidence does not settle (similar names, an
   * UNVERIFIED link in the record): shown as "likely rename (UNVERIFIED)", never as two facts.
   */
  renamed: { entityId: string; from: string; to: string; evidence: string; previousEntityId?: string; verified: boolean }[];
  changed: { entityId: string; name: string; what: string }[];
  withdrawn: Pick<Publication, 'id' | 'date' | 'title' | 'note'>[];
}

/** Inputs of `diffPublications`. */
export interface DiffInput {
  /** Every publication of ONE list, with entries (withdrawn documents included). */
  publications: readonly Publication[];
  fromId: string;
  toId: string;
  /** Entities by id, for their recorded previous names (may be partial). */
  entities?: ReadonlyMap<string, Entity>;
  /** Name similarity at or above which a removed and an added entity are paired as a rename (default 0.8). */
  similarityThreshold?: number;
  /**
   * The days the user asked about, when wider than the two publications (a date resolves to the
   * publication in force on it): withdrawn documents in this window are reported too.
   */
  window?: { from: string; to: string };
}

const ref = (p: Publication): PubRef => ({ id: p.id, date: p.date, kind: p.kind, title: p.title, ...(p.citation ? { citation: p.citation } : {}) });

/** Every name the record knows for a member: printed, and the entity's names. */
function namesOf(m: Member, entities: ReadonlyMap<string, Entity> | undefined): string[] {
  const e = entities?.get(m.entityId);
  return [m.printedName, ...(e ? [e.name, ...e.names.filter((n) => !n.kind.startsWith('zh')).map((n) => n.name)] : [])];
}

/**
 * Diffs a list's membership after `fromId` against after `toId`. Pure.
 *
 * - same entity id, different name (not just different form) → renamed; same name but a new
 *   basis or printed form → changed.
 * - a removed and an added entity are paired as ONE rename when the list itself says so
 *   ("formerly …" in the new printed name or basis), when the added entity's recorded previous
 *   names include the removed one's name, or when their names are similar enough; the evidence says which.
 * - withdrawn documents dated after `from` and up to `to` are listed apart: they never remove anything.
 * So `fromCount − removed + added = toCount` always holds.
 */
export function diffPublications(input: DiffInput): ListDiff {
  const pubs = input.publications;
  const from = pubs.find((p) => p.id === input.fromId);
  const to = pubs.find((p) => p.id === input.toId);
  if (!from || !to) throw new Error(`diffPublications: unknown publication ${!from ? input.fromId : input.toId}`);
  const a = membershipAfter(pubs, from.id);
  const b = membershipAfter(pubs, to.id);
  const threshold = input.similarityThreshold ?? 0.8;
  const dates = [from.date, to.date, ...(input.window ? [input.window.from, input.window.to] : [])].sort();
  const lo = dates[0]!;
  const hi = dates[dates.length - 1]!;

  const diff: ListDiff = {
    listId: to.listId, from: ref(from), to: ref(to), fromCount: a.size, toCount: b.size,
    added: [], removed: [], renamed: [], changed: [],
    withdrawn: pubs
      .filter((p) => p.kind === 'withdrawn' && p.date > lo && p.date <= hi)
      .map((p) => ({ id: p.id, date: p.date, title: p.title, ...(p.note ? { note: p.note } : {}) })),
  };

  const gone: Member[] = [];
  const fresh: Member[] = [];
  for (const [id, m] of a) {
    const n = b.get(id);
    if (!n) { gone.push(m); continue; }
    if (!sameName(m.printedName, n.printedName)) {
      const stated = formerNamesIn(n.printedName + ' ' + (n.basis ?? '')).find((f) => sameName(f, m.printedName) || nameSimilarity(f, m.printedName) >= threshold);
      const unsure = input.entities?.get(id)?.names.find((x) => !x.verified && sameName(x.name, m.printedName));
      diff.renamed.push({ entityId: id, from: m.printedName, to: n.printedName, evidence: stated ? `same entity in the record; the list notes "formerly ${stated}"` : unsure ? 'same entity in the record, printed under a new name; that the two names are one company is UNVERIFIED' : 'same entity in the record (one id), printed under a new name', verified: stated !== undefined || unsure === undefined });
    } else {
      const what: string[] = [];
      if (m.printedName !== n.printedName) what.push(`printed form "${m.printedName}" → "${n.printedName}"`);
      if ((m.basis ?? '') !== (n.basis ?? '') && n.basis !== undefined) what.push(m.basis ? 'basis text changed' : 'basis text added');
      if (what.length) diff.changed.push({ entityId: id, name: n.printedName, what: what.join('; ') });
    }
  }
  for (const [id, n] of b) if (!a.has(id)) fresh.push(n);

  // Pair removed × added, strongest evidence first; each member pairs at most once.
  // Evidence tiers: 0 the list says "formerly"; 1 a sourced previous name; 2 an UNVERIFIED name
  // link in the record; 3 similar names; 4 every distinctive word of the old name is in the new
  // one. Tiers 2–4 are likely renames, marked UNVERIFIED.
  const pairs: { g: Member; f: Member; rank: number; score: number; evidence: string; verified: boolean }[] = [];
  for (const f of fresh) {
    const stated = formerNamesIn(f.printedName + ' ' + (f.basis ?? ''));
    const fEntity = input.entities?.get(f.entityId);
    const previous = fEntity?.names.filter((n) => n.kind === 'previous' && n.verified).map((n) => n.name) ?? [];
    const linked = fEntity?.names.filter((n) => !n.verified && !n.kind.startsWith('zh')).map((n) => n.name) ?? [];
    for (const g of gone) {
      const gNames = namesOf(g, input.entities);
      const s = stated.find((x) => gNames.some((y) => sameName(x, y) || nameSimilarity(x, y) >= threshold));
      if (s) { pairs.push({ g, f, rank: 0, score: 1, evidence: `the list notes "formerly ${s}"`, verified: true }); continue; }
      const p = previous.find((x) => gNames.some((y) => sameName(x, y)));
      if (p) { pairs.push({ g, f, rank: 1, score: 1, evidence: `the record gives "${p}" as a previous name of ${f.entityId}`, verified: true }); continue; }
      const l = linked.find((x) => gNames.some((y) => sameName(x, y)));
      if (l) { pairs.push({ g, f, rank: 2, score: 1, evidence: `likely rename (UNVERIFIED): the record links "${g.printedName}" and "${f.printedName}" as probably one company on unverified evidence (different ids: ${g.entityId} → ${f.entityId})`, verified: false }); continue; }
      const sim = Math.max(...gNames.map((x) => Math.max(...namesOf(f, input.entities).map((y) => nameSimilarity(x, y)))));
      if (sim >= threshold) { pairs.push({ g, f, rank: 3, score: sim, evidence: `likely rename (UNVERIFIED): name similarity ${sim.toFixed(2)} between "${g.printedName}" and "${f.printedName}" (different ids in the record: ${g.entityId} → ${f.entityId})`, verified: false }); continue; }
      if (containedIn(g.printedName, f.printedName)) pairs.push({ g, f, rank: 4, score: nameSimilarity(g.printedName, f.printedName), evidence: `likely rename (UNVERIFIED): every distinctive word of "${g.printedName}" is in "${f.printedName}" (different ids in the record: ${g.entityId} → ${f.entityId})`, verified: false });
    }
  }
  pairs.sort((x, y) => x.rank - y.rank || y.score - x.score);
  const pairedG = new Set<string>();
  const pairedF = new Set<string>();
  for (const p of pairs) {
    if (pairedG.has(p.g.entityId) || pairedF.has(p.f.entityId)) continue;
    pairedG.add(p.g.entityId);
    pairedF.add(p.f.entityId);
    diff.renamed.push({ entityId: p.f.entityId, from: p.g.printedName, to: p.f.printedName, evidence: p.evidence, previousEntityId: p.g.entityId, verified: p.verified });
  }
  diff.removed = gone.filter((g) => !pairedG.has(g.entityId)).map((g) => {
    // A member that stays listed now prints "formerly <this name>". Still a removal of this entry
    // (the counts must reconcile), but the reader is told where the name went.
    for (const [id, n] of b) {
      if (!a.has(id)) continue;
      const s = formerNamesIn(n.printedName + ' ' + (n.basis ?? '')).find((x) => sameName(x, g.printedName));
      if (!s) continue;
      diff.changed.push({ entityId: id, name: n.printedName, what: `now printed with "formerly ${s}", a name the previous publication listed as a separate entry` });
      return { entityId: g.entityId, name: g.printedName, note: `no longer listed on its own: the list now prints "${n.printedName}" with "formerly ${s}"` };
    }
    return { entityId: g.entityId, name: g.printedName };
  });
  diff.added = fresh.filter((f) => !pairedF.has(f.entityId)).map((f) => ({ entityId: f.entityId, name: f.printedName }));
  const byName = (x: { name: string }, y: { name: string }): number => x.name.localeCompare(y.name);
  diff.added.sort(byName);
  diff.removed.sort(byName);
  diff.renamed.sort((x, y) => x.to.localeCompare(y.to));
  diff.changed.sort(byName);
  return diff;
}

/** Distinctive words too common to carry a rename on their own. */
const GENERIC = new Set(['china', 'chinese', 'beijing', 'shanghai', 'shenzhen', 'national', 'international', 'technology', 'technologies', 'industry', 'industries', 'corporation', 'electronics', 'science']);

/** True when every distinctive word of `old` is in `now`, at least one of them not generic. */
function containedIn(old: string, now: string): boolean {
  const a = nameTokens(old);
  const b = new Set(nameTokens(now));
  return a.length > 0 && a.some((t) => !GENERIC.has(t) && t.length >= 3) && a.every((t) => b.has(t)) && b.size > a.length;
}
