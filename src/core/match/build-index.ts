import { designationUnverifiedFrom } from '../history/verified.js';
import type { Designation, Entity, ListDef, ListEvent, Publication } from '../model.js';
import { restrictionsStart } from '../rules/evaluate.js';
import type { RuleSet } from '../rules/types.js';
import { analyseName, bracketedName, separateNames } from '../normalise/pipeline.js';
import { LEGAL_FORMS_PINYIN } from '../normalise/chinese.js';
import { PLACES_PINYIN } from '../normalise/places.js';
import { KIND_FACTOR, personShaped, weightedTokens, type WeightedTokens } from './latin-features.js';
import type { TokenKind } from '../normalise/latin.js';
import { GENERIC_WORDS } from './generic-words.generated.js';
import { MAX_TYPO_LENGTH, MIN_TYPO_LENGTH, TWO_EDIT_LENGTH } from './similarity.js';
import type { IndexSnapshot, IndexedDesignation, IndexedEntity, IndexedName, ScreenIndex } from './types.js';
import { buildDeletionTable, tableFits, type DeletionTableData } from './deletion-table.js';
import { joinFilter } from './joined.js';
import { SPELLING_MIN_LENGTH, spellingKey, spellingPosition, writtenLength } from './spelling.js';

/** What the index is built from: the store's entities, designations, publications and lists. */
export interface IndexSource {
  entities: readonly Entity[];
  designations: readonly Designation[];
  /** Publications (entries not needed), to cite the source of each designation. */
  publications: readonly Publication[];
  lists: readonly ListDef[];
  /** Events, to mark designations that rest on an UNVERIFIED fact (optional: none marked by events). */
  events?: readonly ListEvent[];
  /** Rules, to tell a listing that only names a company from one under which a rule applies (optional). */
  rules?: RuleSet;
}


/**
 * Analyses every name of every entity (canonical name, names, printed names of its
 * designations, deduplicated) into a serialisable snapshot. This is the slow part of
 * building an index; the snapshot can be cached or sent to worker threads.
 */
export function buildSnapshot(src: IndexSource): IndexSnapshot {
  const pubs = new Map(src.publications.map((p) => [p.id, p]));
  const lists = new Map(src.lists.map((l) => [l.id, l]));
  const desByEntity = new Map<string, IndexedDesignation[]>();
  const unverifiedAndRestrictions = (d: Designation): Pick<IndexedDesignation, 'unverifiedFrom' | 'restrictionsFrom'> => {
    const u = designationUnverifiedFrom(d, pubs, src.events ?? []);
    const r = src.rules ? restrictionsStart(src.rules, d.listId, d.from) : undefined;
    return { ...(u !== undefined ? { unverifiedFrom: u } : {}), ...(r !== undefined && r > d.from ? { restrictionsFrom: r } : {}) };
  };
  const printed = new Map<string, string[]>();
  for (const d of src.designations) {
    const pub = pubs.get(d.addedBy);
    const arr = desByEntity.get(d.entityId) ?? [];
    arr.push({
      list: d.listId,
      listName: lists.get(d.listId)?.name ?? d.listId,
      from: d.from,
      to: d.to,
      printedName: d.printedName,
      ...(d.startUnknown ? { startUnknown: true } : {}),
      ...unverifiedAndRestrictions(d),
      source: {
        publicationId: d.addedBy,
        title: pub?.title ?? d.addedBy,
        date: pub?.date ?? d.from,
        ...(pub?.citation ? { citation: pub.citation } : {}),
        ...(pub?.url ? { url: pub.url } : {}),
      },
    });
    desByEntity.set(d.entityId, arr);
    const p = printed.get(d.entityId) ?? [];
    p.push(d.printedName);
    printed.set(d.entityId, p);
  }
  const entities: IndexedEntity[] = [];
  const names: IndexedName[] = [];
  for (const e of src.entities) {
    const idx = entities.length;
    const ids = e.identifiers.filter((i) => SEARCHABLE_SCHEMES.has(i.scheme) || (i.scheme === 'other' && LEI.test(i.value.trim()))).map((i) => ({ scheme: i.scheme === 'other' ? 'lei' : i.scheme, value: i.value }));
    entities.push({ id: e.id, name: e.name, type: e.type, designations: desByEntity.get(e.id) ?? [], ...(ids.length ? { identifiers: ids } : {}) });
    const seen = new Set<string>();
    const add = (text: string, kind: string, verified: boolean): void => {
      const key = text.trim().toLowerCase();
      if (!key || seen.has(key)) return;
      seen.add(key);
      const a = analyseName(text);
      if (!a.latin && !a.han) return;
      names.push({
        entity: idx,
        text,
        kind,
        verified,
        latin: a.latin ? { tokens: a.latin.tokens, kinds: a.latin.kinds, alts: a.latin.alts, ...(a.latin.paren ? { paren: a.latin.paren } : {}) } : null,
        han: a.han ? { core: a.han.core, coreNoPlace: a.han.coreNoPlace, pinyin: a.han.pinyin } : null,
      });
      // "Al-Qa'ida/Islamic Army", "CETC 24;CETC 44": each name it joins is also a name of the
      // entity, when the parts are names ("Import/Export Co." is one name: "Import" alone is a
      // generic word, not a name).
      const parts = separateNames(text);
      if (parts.length && parts.every(isNameLike)) for (const part of parts) add(part, kind, verified);
      // "Beijing Institute of Technology (BIT)": the acronym or brand a list prints in brackets
      // is a name of the entity too (an alias: the list printed it, but not as the name).
      const bracketed = bracketedName(text);
      if (bracketed && isNameLike(bracketed)) add(bracketed, kind === 'printed' ? 'alias' : kind, verified);
    };
    // Verified names first, so an unverified hint never hides a verified spelling of the same text.
    for (const n of e.names) if (n.verified) add(n.name, n.kind, true);
    add(e.name, 'printed', true);
    for (const p of printed.get(e.id) ?? []) add(p, 'printed', true);
    for (const n of e.names) if (!n.verified) add(n.name, n.kind, false);
  }
  return { version: 1, entities, names };
}

/**
 * A part of a listed string that is a name on its own: a Chinese name, two or more name words,
 * or one name word that is not a generic business word ("Import" of "Import/Export Co." is not).
 */
function isNameLike(part: string): boolean {
  const a = analyseName(part);
  if (a.han) return true;
  const core = (a.latin?.tokens ?? []).filter((_, i) => a.latin?.kinds[i] === 'core');
  return core.length >= 2 || (core.length === 1 && !GENERIC_WORDS.has(core[0] ?? ''));
}

/** Identifier schemes a query may give instead of a name (an ISO 17442 LEI is kept under `other`). */
const SEARCHABLE_SCHEMES: ReadonlySet<string> = new Set(['isin', 'uscc', 'ticker', 'lei']);
const LEI = /^[0-9A-Z]{18}[0-9]{2}$/;
const HAS_DIGIT = /[0-9]/;

/**
 * The keys an identifier (or a query) is looked up by: upper case, letters and digits only
 * ("HK0941009539", "91330000733796106P"), and for a ticker also its code before an exchange
 * mark ("601360 (SH)", "0941.HK" → "601360", "0941"). Empty for text that is not code-like.
 */
export function identifierKeys(s: string): string[] {
  // Every key holds a digit: text without one (most names) has none, found without upper-casing it.
  if (!HAS_DIGIT.test(s)) return [];
  const t = s.trim().toUpperCase();
  if (t.length < 3 || t.length > 40 || !/^[0-9A-Z][0-9A-Z .()\-]*$/.test(t)) return [];
  const all = t.replace(/[^0-9A-Z]/g, '');
  const code = /^[0-9A-Z]+/.exec(t)?.[0] ?? '';
  return [...new Set([all, code].filter((k) => k.length >= 3 && /\d/.test(k)))];
}

function push<K>(m: Map<K, number[]>, k: K, v: number): void {
  const arr = m.get(k);
  if (!arr) m.set(k, [v]);
  else if (arr[arr.length - 1] !== v) arr.push(v);
}

/** All strings made by deleting one character of `t`. */
export function deletions(t: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) out.push(t.slice(0, i) + t.slice(i + 1));
  return out;
}

/**
 * The deletion keys of a token for typo search: itself, its one-deletions, and its
 * two-deletions when it has TWO_EDIT_LENGTH+ letters; none outside [MIN_TYPO_LENGTH,
 * MAX_TYPO_LENGTH], so a token costs at most about 800 keys whatever its length.
 */
export function deletionKeys(t: string): string[] {
  if (t.length < MIN_TYPO_LENGTH || t.length > MAX_TYPO_LENGTH) return [];
  const one = deletions(t);
  const out = new Set<string>([t, ...one]);
  if (t.length >= TWO_EDIT_LENGTH) for (const d of one) for (const dd of deletions(d)) out.add(dd);
  return [...out];
}

/**
 * Character bigrams of a joined pinyin string, each numbered by its occurrence ("an#0",
 * "an#1"), so that shared keys count the multiset intersection of the bigrams.
 */
export function pinyinCharKeys(s: string): string[] {
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    const k = seen.get(g) ?? 0;
    seen.set(g, k + 1);
    out.push(`${g}#${k}`);
  }
  return out;
}

/**
 * The initials keys of a name (see ScreenIndex.initials): for a person-shaped name (`person`, the
 * name's `personShaped` as the scorer sees it), the first letters of every run of 2–3 consecutive
 * core words of 2+ letters, when the name has another word besides: exactly the runs `initialsAt` may credit.
 */
export function initialKeys(l: { tokens: readonly string[]; kinds: readonly TokenKind[] }, person: boolean): string[] {
  const out: string[] = [];
  if (!person) return out;
  for (let j = 0; j < l.tokens.length; j++) {
    for (const len of [2, 3]) {
      if (j + len > l.tokens.length || len >= l.tokens.length) continue;
      let key = '';
      for (let k = j; k < j + len; k++) {
        const t = l.tokens[k] ?? '';
        if (l.kinds[k] !== 'core' || t.length < 2) { key = ''; break; }
        key += t[0];
      }
      if (key && !out.includes(key)) out.push(key);
    }
  }
  return out;
}

/** Han character bigrams of a string (the string itself when it has one character). */
export function hanGrams(s: string): string[] {
  if (s.length <= 1) return s ? [s] : [];
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Syllable bigrams ("chang xin", "xin cun", …) of a pinyin sequence; one syllable alone when short. */
export function pinyinGrams(syl: readonly string[]): string[] {
  if (syl.length <= 1) return syl.length ? [syl[0] ?? ''] : [];
  const out: string[] = [];
  for (let i = 0; i + 1 < syl.length; i++) out.push(`${syl[i]} ${syl[i + 1]}`);
  return out;
}

/**
 * The Latin tokens of a snapshot's names in order of first appearance: the token numbering of
 * the index (`ScreenIndex.tokenList`) and of its deletion table.
 */
export function snapshotTokens(snapshot: IndexSnapshot): string[] {
  const seen = new Set<string>();
  for (const n of snapshot.names) if (n.latin) for (const t of n.latin.tokens) seen.add(t);
  return [...seen];
}

/**
 * The deletion table of a snapshot's tokens (on SharedArrayBuffers): build it once and pass it
 * to `indexFromSnapshot` in every thread, instead of each thread making its own (the costliest
 * part of an index, in time and memory).
 */
export function snapshotDeletionTable(snapshot: IndexSnapshot): DeletionTableData {
  return buildDeletionTable(snapshotTokens(snapshot));
}

/** What `indexFromSnapshot` may reuse instead of building it. */
export interface IndexParts {
  /** The deletion table of this snapshot (`snapshotDeletionTable`), e.g. shared by the thread that made it. */
  deletions?: DeletionTableData;
}

/**
 * Builds the lookup structures (postings, deletion keys, IDF, n-grams) from a snapshot. Fast: no
 * normalisation. A given deletion table is used when it was made from this snapshot's tokens.
 */
export function indexFromSnapshot(snapshot: IndexSnapshot, parts: IndexParts = {}): ScreenIndex {
  const identifiers = new Map<string, { entity: number; scheme: string; value: string }[]>();
  snapshot.entities.forEach((e, entity) => {
    for (const i of e.identifiers ?? []) {
      for (const k of i.scheme === 'ticker' ? identifierKeys(i.value) : identifierKeys(i.value).slice(0, 1)) {
        const arr = identifiers.get(k) ?? [];
        if (!arr.some((x) => x.entity === entity)) arr.push({ entity, scheme: i.scheme, value: i.value });
        identifiers.set(k, arr);
      }
    }
  });
  const tokens = new Map<string, number[]>();
  const altTokens = new Map<string, number[]>();
  const initials = new Map<string, number[]>();
  const spellingKeys = new Map<number, number[]>();
  const pinyinChars = new Map<string, number[]>();
  const pinyinByLength = new Map<number, number[]>();
  const pinyinLength: number[] = new Array<number>(snapshot.names.length).fill(0);
  const hanG = new Map<string, number[]>();
  const pyG = new Map<string, number[]>();
  const syllables = new Set<string>();
  let latinNames = 0;
  // Per name: whether it is a person's (see personShaped; the list's type of its entity counts),
  // worked out once for the initials keys and the scorer alike, so the two always agree.
  const person = new Array<boolean>(snapshot.names.length).fill(false);
  snapshot.names.forEach((n, id) => {
    if (n.latin) {
      latinNames++;
      person[id] = personShaped(n.latin, snapshot.entities[n.entity]?.type === 'person');
      const ts = n.latin.tokens;
      for (let i = 0; i < ts.length; i++) {
        push(tokens, ts[i] ?? '', id);
        for (const a of n.latin.alts[i] ?? []) if (a !== ts[i]) push(altTokens, a, id);
      }
      for (const k of initialKeys(n.latin, person[id] ?? false)) push(initials, k, id);
      // The name's text is read only for a name with a word the rule may let differ (few are).
      if (ts.length >= 2) {
        let long: boolean | undefined;
        for (let i = 0; i < ts.length; i++) {
          if (!spellingPosition(ts, n.latin.kinds, i) || !(long ??= writtenLength(n.text) >= SPELLING_MIN_LENGTH)) continue;
          push(spellingKeys, spellingKey(ts, i), id);
        }
      }
    }
    if (n.han) {
      for (const g of new Set(hanGrams(n.han.coreNoPlace))) push(hanG, g, id);
      if (n.han.core !== n.han.coreNoPlace) for (const g of new Set(hanGrams(n.han.core))) push(hanG, g, id);
      for (const g of new Set(pinyinGrams(n.han.pinyin))) push(pyG, g, id);
      for (const s of n.han.pinyin) syllables.add(s);
      const py = n.han.pinyin.join('');
      pinyinLength[id] = py.length;
      push(pinyinByLength, py.length, id);
      for (const k of new Set(pinyinCharKeys(py))) push(pinyinChars, k, id);
    }
  });
  const idf = new Map<string, number>();
  for (const [t, ids] of tokens) idf.set(t, Math.log((latinNames + 1) / (ids.length + 0.5)));
  // Map order is insertion order: the tokens in order of first appearance, as snapshotTokens lists them.
  const tokenList = [...tokens.keys()];
  const deletions = parts.deletions && tableFits(parts.deletions, tokenList) ? parts.deletions : buildDeletionTable(tokenList);
  // Legal forms and places must segment too, so "Langchao Jituan" can shed its "ji tuan".
  for (const seq of [...LEGAL_FORMS_PINYIN, ...PLACES_PINYIN]) for (const s of seq) syllables.add(s);
  // Pushed, not mapped: arrays that compiled code makes with map are holey, the interpreter's
  // packed, and the scorer (compiled for the kinds it has met) was deoptimised when a name of the
  // other kind came (see weighQuery).
  const latinNamesW: (WeightedTokens | null)[] = [];
  snapshot.names.forEach((n, id) => {
    const l = n.latin;
    if (!l) {
      latinNamesW.push(null);
      return;
    }
    const exactOnly = n.kind === 'acronym' || (l.tokens.length === 1 && (l.tokens[0] ?? '').length <= 5);
    const weights: number[] = [];
    for (let i = 0; i < l.tokens.length; i++) weights.push((idf.get(l.tokens[i] as string) ?? 0) * KIND_FACTOR[l.kinds[i] ?? 'core']);
    // (Copied to its length: a pushed array keeps room for 16 more, 4.6 MB over the names.)
    latinNamesW.push(weightedTokens({ tokens: l.tokens, kinds: l.kinds, alts: l.alts, weights: weights.slice(), exactOnly: exactOnly || undefined, paren: l.paren, person: person[id] ?? false }));
  });
  const nameWeight = new Float64Array(latinNamesW.length);
  latinNamesW.forEach((w, id) => {
    // Summed in the order latinScore sums them, so the candidate search bounds the same number.
    let d = 0;
    for (const x of w?.weights ?? []) d += x;
    nameWeight[id] = d;
  });
  let maxSyllable = 0;
  for (const s of syllables) maxSyllable = Math.max(maxSyllable, s.length);
  return {
    snapshot,
    identifiers,
    latinNames: latinNamesW,
    nameWeight,
    tokens,
    altTokens,
    vocabulary: [...tokens.keys()].sort(),
    initials,
    spellingKeys,
    joinFilter: joinFilter(snapshot.names),
    pinyinChars,
    pinyinByLength,
    pinyinLength,
    neighbourCache: new Map(),
    unknownNeighbourCache: new Map(),
    tokenList,
    deletions,
    idf,
    unknownIdf: Math.log((latinNames + 1) / 0.5),
    commonDf: Math.max(50, Math.ceil(latinNames * 0.02)),
    hanNameCount: snapshot.names.reduce((n, x) => n + (x.han ? 1 : 0), 0),
    hanGrams: hanG,
    pinyinGrams: pyG,
    syllables,
    maxSyllable,
  };
}

/** Builds a screen index from store data in one go. */
export function buildIndex(src: IndexSource): ScreenIndex {
  return indexFromSnapshot(buildSnapshot(src));
}
