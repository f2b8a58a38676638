/**
 * One company, one record: the evidence-driven identity step of the generator. After every
 * list is read, entities that the evidence says are the same company are folded into one
 * (so a screen of any of their names shows all their listings); where the only evidence is
 * UNVERIFIED they stay two records, each carrying the other's names as unverified names with
 * the evidence's sources, so a screen of either name still finds both. Every decision, with
 * its evidence and sources, is written to data/identities.json.
 *
 * Evidence, strongest first:
 *  - `uscc`: the same unified social credit code (a registration code names one legal person);
 *  - `isin`: the same ISIN;
 *  - `ticker`: the same exchange code on the same market (300188 CN = 300188 (SZ));
 *  - `printed-rename`: a list prints one's name as the other's former name;
 *  - `alias`: a list (OFAC, the CSL, DoD) prints one's name as an alias of the other;
 *  - `zh-name`: the same full Chinese legal name (verified only if both names are sourced facts).
 * Vetoes: two different USCCs mean two companies; so do sourced full Chinese names with none in
 * common, unless a code (USCC, ISIN, ticker) is shared (a renamed company keeps its codes). Two entities listed as separate entries at the same time
 * are folded only on a registration or security identifier (uscc/isin): the list then printed one
 * company twice (China Telecom in the 2024 1260H edition); both entries stay, the publication's
 * note says so, and `applyPublication` counts the company once.
 */
import type { Entity, ListEvent, Publication, PublicationEntry, Relation } from '../../src/core/model.js';
import { deriveDesignations } from '../../src/core/history/designations.js';
import type { Registry } from './registry.js';
import { fineName } from './util.js';

/** A kind of identity evidence. */
export type EvidenceKind = 'uscc' | 'isin' | 'ticker' | 'printed-rename' | 'alias' | 'zh-name';

/** One piece of evidence that two entities are one company. */
export interface Evidence {
  kind: EvidenceKind;
  /** What is shared, e.g. the code or the name, and where each side has it. */
  detail: string;
  sourceIds: string[];
  verified: boolean;
}

/** One identity decision, as written to data/identities.json. */
export interface IdentityDecision {
  /** `merged`: one record now; `linked`: UNVERIFIED, two records that carry each other's names; `kept-apart`: evidence refused. */
  decision: 'merged' | 'linked' | 'kept-apart';
  entityId: string;
  otherId: string;
  entityName: string;
  otherName: string;
  evidence: Evidence[];
  verified: boolean;
  why?: string;
}

const STRONG: EvidenceKind[] = ['uscc', 'isin'];
const ORDER: EvidenceKind[] = ['uscc', 'isin', 'ticker', 'printed-rename', 'alias', 'zh-name'];

/** "300188 CN", "300188 (SZ)" → "300188@CN"; "0728 HK", "00728 (HK)" → "728@HK"; "CHA US" → "CHA@US". */
export function tickerKey(v: string): string | undefined {
  const m = /^([0-9A-Z.]+)\s*\(?([A-Za-z-]+)\)?$/.exec(v.trim());
  if (!m?.[1] || !m[2]) return undefined;
  const mk = m[2].toUpperCase();
  const market = ['SH', 'SZ', 'CN', 'SZ-B'].includes(mk) ? 'CN' : ['NYSE', 'NASDAQ', 'US'].includes(mk) ? 'US' : mk;
  const code = /^\d+$/.test(m[1]) ? String(Number(m[1])) : m[1];
  return `${code}@${market}`;
}

/** Inputs of `resolveIdentities`; publications, relations and events are rewritten in place. */
export interface IdentityInput {
  reg: Registry;
  publications: Publication[];
  relations: Relation[];
}

/** What the step did: decisions and the number of merges per kind of evidence (strongest kind of each merge). */
export interface IdentityResult {
  decisions: IdentityDecision[];
  /** Merged id → kept id (for rewriting ids computed before the step, e.g. renames). */
  mergedInto: Map<string, string>;
  mergesByEvidence: Record<EvidenceKind, number>;
  linksByEvidence: Record<EvidenceKind, number>;
}

const names = (e: Entity, kinds: string[]): Entity['names'] => e.names.filter((n) => kinds.includes(n.kind));

/** Every piece of evidence that `a` and `b` are one company (unordered). */
function evidenceFor(a: Entity, b: Entity): Evidence[] {
  const out: Evidence[] = [];
  for (const scheme of ['uscc', 'isin'] as const) {
    for (const x of a.identifiers.filter((i) => i.scheme === scheme)) {
      const y = b.identifiers.find((i) => i.scheme === scheme && i.value === x.value);
      if (y) out.push({ kind: scheme, detail: `${scheme.toUpperCase()} ${x.value} on both`, sourceIds: [...new Set([...x.sourceIds, ...y.sourceIds])], verified: true });
    }
  }
  for (const x of a.identifiers.filter((i) => i.scheme === 'ticker')) {
    const k = tickerKey(x.value);
    const y = k ? b.identifiers.find((i) => i.scheme === 'ticker' && tickerKey(i.value) === k) : undefined;
    if (y && !out.some((o) => o.kind === 'ticker')) out.push({ kind: 'ticker', detail: `ticker ${x.value} / ${y.value}`, sourceIds: [...new Set([...x.sourceIds, ...y.sourceIds])], verified: true });
  }
  const pair = (p: Entity, q: Entity): void => {
    const printed = names(q, ['printed']);
    for (const kind of ['previous', 'alias'] as const) {
      for (const n of names(p, [kind])) {
        const hit = printed.find((m) => fineName(m.name) === fineName(n.name));
        if (hit && !out.some((o) => o.kind === (kind === 'previous' ? 'printed-rename' : 'alias'))) {
          out.push({
            kind: kind === 'previous' ? 'printed-rename' : 'alias',
            detail: `"${n.name}" is printed as ${kind === 'previous' ? 'a former name' : 'an alias'} of ${p.name}, and as the name of ${q.name}`,
            sourceIds: [...new Set([...n.sourceIds, ...hit.sourceIds])], verified: n.verified && hit.verified,
          });
        }
      }
    }
  };
  pair(a, b);
  pair(b, a);
  for (const x of names(a, ['zh-hans', 'zh-hant'])) {
    const y = names(b, ['zh-hans', 'zh-hant']).find((n) => n.name === x.name);
    if (y && !out.some((o) => o.kind === 'zh-name' && o.verified)) {
      out.push({ kind: 'zh-name', detail: `Chinese name ${x.name} on both${x.verified && y.verified ? '' : ' (at least one is an unverified matching hint)'}`, sourceIds: [...new Set([...x.sourceIds, ...y.sourceIds])], verified: x.verified && y.verified });
    }
  }
  return out.sort((p, q) => ORDER.indexOf(p.kind) - ORDER.indexOf(q.kind) || Number(q.verified) - Number(p.verified));
}

/**
 * Why two entities cannot be one company (undefined = no veto). Different USCCs always veto;
 * different sourced Chinese names veto unless an identifier (USCC, ISIN, ticker) is shared,
 * since a company that renames itself changes its Chinese name but keeps its codes.
 */
function veto(a: Entity, b: Entity, ev: readonly Evidence[]): string | undefined {
  const ua = a.identifiers.filter((i) => i.scheme === 'uscc').map((i) => i.value);
  const ub = b.identifiers.filter((i) => i.scheme === 'uscc').map((i) => i.value);
  if (ua.length && ub.length && !ua.some((u) => ub.includes(u))) return `different USCCs (${ua.join(', ')} vs ${ub.join(', ')})`;
  const za = names(a, ['zh-hans']).filter((n) => n.verified).map((n) => n.name);
  const zb = names(b, ['zh-hans']).filter((n) => n.verified).map((n) => n.name);
  const coded = ev.some((e) => e.kind === 'uscc' || e.kind === 'isin' || e.kind === 'ticker');
  if (!coded && za.length && zb.length && !za.some((z) => zb.includes(z))) return `different sourced Chinese names (${za.join(', ')} vs ${zb.join(', ')})`;
  return undefined;
}

interface Span { list: string; from: string; to: string | null }

/** Lists on which the two were listed as separate entries at the same time. */
function overlapping(a: readonly Span[], b: readonly Span[]): string[] {
  const out = new Set<string>();
  for (const x of a) for (const y of b) if (x.list === y.list && x.from < (y.to ?? '9999-12-31') && y.from < (x.to ?? '9999-12-31')) out.add(x.list);
  return [...out].sort();
}

/** Number of publication entries per entity: the better-documented record keeps its id. */
function weight(id: string, pubs: readonly Publication[]): number {
  return pubs.reduce((n, p) => n + p.entries.filter((e) => e.entityId === id).length, 0);
}

/**
 * Runs the identity step over the registry: candidate pairs come from shared identifiers,
 * shared full Chinese names and printed alias/former names; each pair is judged on its evidence
 * (see the header). Rewrites publications (one entry per company per publication) and relations.
 */
export function resolveIdentities(input: IdentityInput): IdentityResult {
  const { reg, publications, relations } = input;
  const decisions: IdentityDecision[] = [];
  const mergedInto = new Map<string, string>();
  const zero = (): Record<EvidenceKind, number> => ({ uscc: 0, isin: 0, ticker: 0, 'printed-rename': 0, alias: 0, 'zh-name': 0 });
  const mergesByEvidence = zero();
  const linksByEvidence = zero();

  // Candidate pairs through a shared key: identifier, full Chinese name, or fine printed/alias/former name.
  const byKey = new Map<string, Set<string>>();
  const key = (k: string, id: string): void => { byKey.set(k, (byKey.get(k) ?? new Set()).add(id)); };
  for (const e of reg.entities.values()) {
    for (const i of e.identifiers) {
      if (i.scheme === 'uscc' || i.scheme === 'isin') key(`${i.scheme}:${i.value}`, e.id);
      const t = i.scheme === 'ticker' ? tickerKey(i.value) : undefined;
      if (t) key(`ticker:${t}`, e.id);
    }
    for (const n of e.names) {
      if (n.kind === 'zh-hans' || n.kind === 'zh-hant') key(`zh:${n.name}`, e.id);
      if (n.kind === 'printed' || n.kind === 'alias' || n.kind === 'previous') key(`name:${fineName(n.name)}`, e.id);
    }
  }
  const pairs = new Set<string>();
  for (const ids of byKey.values()) {
    const arr = [...ids].sort();
    for (let i = 0; i < arr.length; i++) for (let j = i + 1; j < arr.length; j++) pairs.add(`${arr[i]}|${arr[j]}`);
  }

  // Listing intervals per entity: two entries in force at the same time on one list are two
  // entries to that list, a rename is one replacing the other.
  const spans = new Map<string, Span[]>();
  for (const d of deriveDesignations(publications)) spans.set(d.entityId, [...(spans.get(d.entityId) ?? []), { list: d.listId, from: d.from, to: d.to }]);
  const cur = (id: string): string => { let x = id; while (mergedInto.has(x)) x = mergedInto.get(x) ?? x; return x; };
  for (const p of [...pairs].sort()) {
    const [x, y] = p.split('|').map(cur) as [string, string];
    if (x === y || !reg.entities.has(x) || !reg.entities.has(y)) continue;
    const a = reg.get(x);
    const b = reg.get(y);
    const ev = evidenceFor(a, b);
    if (!ev.length) continue; // the shared key was a name kind that is no evidence (e.g. printed = printed is the same record already)
    const base = { entityId: a.id, otherId: b.id, entityName: a.name, otherName: b.name, evidence: ev };
    const no = veto(a, b, ev);
    if (no) { decisions.push({ ...base, decision: 'kept-apart', verified: true, why: no }); continue; }
    const verified = ev.some((e) => e.verified);
    const strong = ev.some((e) => STRONG.includes(e.kind));
    const shared = overlapping(spans.get(a.id) ?? [], spans.get(b.id) ?? []);
    if (shared.length && !strong) {
      decisions.push({ ...base, decision: 'kept-apart', verified, why: `listed as two entries at the same time on ${shared.join(', ')}, and no registration or security identifier says they are one company` });
      continue;
    }
    const first = ev.find((e) => e.verified) ?? ev[0]!;
    if (!verified) {
      link(reg, a, b, ev);
      linksByEvidence[first.kind]++;
      decisions.push({ ...base, decision: 'linked', verified: false, why: 'the only evidence is UNVERIFIED: two records, each carrying the other\'s names as unverified names' });
      continue;
    }
    const [keep, drop] = weight(a.id, publications) >= weight(b.id, publications) ? [a, b] : [b, a];
    reg.merge(drop.id, keep.id);
    mergedInto.set(drop.id, keep.id);
    spans.set(keep.id, [...(spans.get(keep.id) ?? []), ...(spans.get(drop.id) ?? [])]);
    mergesByEvidence[first.kind]++;
    rewrite(publications, relations, drop, keep, first);
    decisions.push({ ...base, entityId: keep.id, otherId: drop.id, entityName: keep.name, otherName: drop.name, decision: 'merged', verified: true, ...(shared.length ? { why: `listed as two entries at the same time on ${shared.join(', ')}: both entries kept, one designation; the publication's note names both` } : {}) });
  }
  return { decisions, mergedInto, mergesByEvidence, linksByEvidence };
}

/** UNVERIFIED identity: each record carries the other's printed names as unverified names (kind previous/alias by date). */
function link(reg: Registry, a: Entity, b: Entity, ev: Evidence[]): void {
  const src = [...new Set(ev.flatMap((e) => e.sourceIds))];
  for (const [p, q] of [[a, b], [b, a]] as const) {
    for (const n of names(q, ['printed', 'acronym'])) reg.addName(p.id, n.name, n.kind === 'acronym' ? 'acronym' : 'alias', src, false);
  }
}

/** Rewrites entries and relations of `drop` to `keep`; a publication that printed both keeps both entries and says so in its note. */
function rewrite(pubs: Publication[], relations: Relation[], drop: Entity, keep: Entity, ev: Evidence): void {
  for (const p of pubs) {
    const mine = p.entries.filter((e) => e.entityId === drop.id || e.entityId === keep.id);
    for (const e of p.entries) if (e.entityId === drop.id) e.entityId = keep.id;
    if (mine.length < 2) continue;
    // Both printed entries stay (the publication printed both); designations count the company once.
    const [first, ...rest] = mine as [PublicationEntry, ...PublicationEntry[]];
    const also = rest.map((e) => `"${e.printedName}"`).join(' and ');
    p.note = `${p.note ? `${p.note} ` : ''}This publication prints one company twice: as "${first.printedName}" and as ${also} (${ev.detail}).`;
  }
  const seen = new Map<string, Relation>();
  for (const r of relations) {
    if (r.entityId === drop.id) r.entityId = keep.id;
    if (r.parentId === drop.id) r.parentId = keep.id;
  }
  for (let i = 0; i < relations.length; i++) {
    const r = relations[i]!;
    const k = `${r.entityId}>${r.parentId}`;
    const prev = seen.get(k);
    if (r.entityId === r.parentId || prev) {
      if (prev) prev.sourceIds = [...new Set([...prev.sourceIds, ...r.sourceIds])];
      relations.splice(i--, 1);
      continue;
    }
    seen.set(k, r);
  }
}

/** Rewrites entity ids of events built before the step (none today; kept for safety). */
export function remapEvents(events: ListEvent[], mergedInto: ReadonlyMap<string, string>): void {
  for (const e of events) e.entityIds = [...new Set(e.entityIds.map((id) => mergedInto.get(id) ?? id))];
}
