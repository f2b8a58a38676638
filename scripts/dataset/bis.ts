/**
 * The BIS Entity List (15 CFR part 744, Supplement No. 4) in the bundled record.
 *
 * Two full third-party copies are read in place from ../shared/data/bis_entity_list/:
 * - the eCFR parse (phagehunter/nsfreg, extracted 2026-07-09): names, aliases, addresses and the
 *   Federal Register column WITH dates; its licence requirement is cut at 200 characters and it
 *   has no review policy;
 * - the trade.gov CSL of 2026-07-31 (seelpeed-debug compaction, `derived/entity_list_rows.csv`):
 *   full licence requirement and licence review policy, FR citations without dates, no addresses.
 *
 * The eCFR copy is the spine (one entity per distinct printed name; an entry printed under several
 * country headings is one entity with several addresses). Each FR citation printed in an entry is a
 * publication of the list (one per distinct "vol FR page, date"): the entry's earliest citation
 * adds it (`add`), later ones changed it (`amend`). Licence requirement and review policy come
 * from the CSL row of the same name; the two copies are cross-checked and the differences
 * returned for data/README.md. Entries removed from the list before the eCFR text of July 2026
 * are NOT in either copy, so the record cannot show them.
 */
import { readFileSync } from 'node:fs';
import type { EntityAddress, Publication, PublicationEntry, Source } from '../../src/core/model.js';
import type { Registry } from './registry.js';
import { normName, printedParts, readCsv, slug } from './util.js';

export const BIS_LIST = 'us-bis-entity-list';
const ECFR_SRC = 'bis-ecfr-744-supp4-2026-07-09';
const CSL_SRC = 'trade-csl-2026-07-31';

/** The sources this module cites (written to sources.json). */
export const bisSources: Source[] = [
  {
    id: ECFR_SRC,
    title: '15 CFR part 744, Supplement No. 4 (Entity List), eCFR text as parsed by phagehunter/nsfreg (data/bis_entity_list.json @ 02787e8, extracted 2026-07-09; 3,409 entries)',
    publisher: 'Bureau of Industry and Security (eCFR text); third-party parse',
    date: '2026-07-09',
    url: 'https://www.bis.gov/regulations/ear/744#supplement-4-744',
    quality: 'D',
    note: 'Heuristic third-party parse of the eCFR text (names split from addresses by rule; licence requirement cut at 200 characters; no review policy). Latest FR citation 2025-10-09. The raw eCFR text was not available. Entries removed before July 2026 are not in it.',
  },
  {
    id: CSL_SRC,
    title: 'trade.gov Consolidated Screening List (consolidated.json generated 2026-07-31), Entity List rows (3,420), as re-encoded by seelpeed-debug/export-controls-agent-mcp @ 3a0bf5e',
    publisher: 'U.S. Department of Commerce, International Trade Administration',
    date: '2026-07-31',
    url: 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json',
    quality: 'P',
    note: 'Lossless re-encoding of the fields kept (names, alternate names, countries, licence requirement, licence policy, FR citations); street addresses and start dates were dropped by the re-encoder.',
  },
];

/** Facts-sheet sources about particular Entity List rules, by FR publication date (shared/facts/lists.md §4.3 and addendum). */
const FACTS_BY_DATE: Record<string, { sourceIds: string[]; note?: string }> = {
  '2020-12-22': { sourceIds: ['facts-S81'], note: 'The facts sheet dates the rule adding DJI and others 2020-12-22 (85 FR 83416).' },
  '2021-11-26': {
    sourceIds: ['facts-S101', 'facts-S83'],
    note: 'BIS rule announced 2021-11-24, effective on FR publication 2021-11-26 (27 entities, incl. PRC quantum-computing entities: Hefei National Laboratory, QuantumCTek). A widely reposted article carries a 22 January 2025 page date for this 2021 action: the date here is the FR citation printed in Supplement No. 4.',
  },
  '2024-05-14': { sourceIds: ['facts-S88', 'facts-S102'], note: 'BIS press release of 2024-05-09: 37 PRC entities incl. 22 quantum institutes and firms; all items subject to the EAR, presumption of denial.' },
  '2025-01-16': { sourceIds: ['facts-S89', 'facts-S90', 'facts-S103'], note: '90 FR 4617 (FR 2025-00704) and 90 FR 4621 (FR 2025-00480), both effective 2025-01-16.' },
  '2025-03-28': { sourceIds: ['facts-S91', 'facts-S87', 'facts-S104'], note: 'Rules of March 2025 (e.g. 90 FR 14046, FR 2025-05427) took effect 2025-03-25, before their FR printing on 2025-03-28; the date here is the printing date that Supplement No. 4 cites.' },
};

/** One FR citation as Supplement No. 4 prints it. */
interface Citation {
  vol: number;
  page: number;
  date?: string;
  /** Printed in the CSL row only (the eCFR parse lost it); dated by the same citation elsewhere. */
  fromCsl?: boolean;
}

const CITE = /(\d{2,3})\s+FR\s+(\d{2,6})(?:\s+preview citation details)?\s*[,.]?\s*(?:(\d{1,2})\/(\d{1,2})\/(\d{2,4}))?/g;

/** Parses the FR column ("84 FR 22963, 5/21/19. 85 FR 29853, 5/19/20 …"); dates may be missing. */
export function parseCitations(text: string): Citation[] {
  const out: Citation[] = [];
  for (const m of text.matchAll(CITE)) {
    const c: Citation = { vol: Number(m[1]), page: Number(m[2]) };
    if (m[3] && m[4] && m[5]) {
      let y = Number(m[5]);
      if (y < 100) y += y < 50 ? 2000 : 1900;
      c.date = `${y}-${m[3].padStart(2, '0')}-${m[4].padStart(2, '0')}`;
    }
    out.push(c);
  }
  return out;
}

interface EcfrRow {
  name: string;
  aliases: string[];
  country: string;
  address: string | null;
  federal_register: string | null;
  notes: string | null;
}

/** One entity of the eCFR copy: every row printing the same name. */
interface Group {
  name: string;
  rows: EcfrRow[];
  aliases: string[];
  cites: Citation[];
}

/** What the cross-check of the two copies found (written to data/README.md by hand from the log). */
export interface BisReport {
  ecfrRows: number;
  entities: number;
  chinaHongKong: number;
  cslRows: number;
  matched: number;
  ecfrOnly: string[];
  cslOnly: string[];
  cslAffiliateRows: number;
  citationCountDiffers: number;
  citationVolumesDiffer: string[];
  licenceTextDiffers: number;
  undatedCitations: string[];
  datesFilled: number;
  mergedWithRecord: string[];
  citationsAddedFromCsl: number;
  cslCitationsUndated: number;
  publications: number;
}

const key = (s: string): string => normName(s);

/**
 * Builds the Entity List publications into `reg` (entities, names, addresses) and returns them
 * with the cross-check report. Entities already in the record (same normalised printed name or
 * alias, via the registry) are the same entity: their Entity List designation joins the record's.
 */
export function buildBis(reg: Registry, ecfrJson: string, cslCsv: string): { publications: Publication[]; report: BisReport } {
  const ecfr = (JSON.parse(readFileSync(ecfrJson, 'utf8')) as { entities: EcfrRow[] }).entities;
  const csl = readCsv(cslCsv);

  // Group the eCFR rows by printed name.
  const groups = new Map<string, Group>();
  for (const r of ecfr) {
    const k = key(r.name);
    const g = groups.get(k) ?? { name: r.name.trim(), rows: [], aliases: [], cites: [] };
    g.rows.push(r);
    for (const a of r.aliases) if (a.trim() && !g.aliases.includes(a.trim())) g.aliases.push(a.trim());
    for (const c of parseCitations(r.federal_register ?? '')) if (!g.cites.some((x) => x.vol === c.vol && x.page === c.page)) g.cites.push(c);
    groups.set(k, g);
  }

  // Fill a missing citation date from the same "vol FR page" printed with a date elsewhere.
  const dateOf = new Map<string, string>();
  for (const g of groups.values()) for (const c of g.cites) if (c.date) dateOf.set(`${c.vol}:${c.page}`, c.date);
  const report: BisReport = {
    ecfrRows: ecfr.length, entities: groups.size, chinaHongKong: 0, cslRows: csl.length, matched: 0, ecfrOnly: [], cslOnly: [],
    cslAffiliateRows: 0, citationCountDiffers: 0, citationVolumesDiffer: [], licenceTextDiffers: 0, undatedCitations: [], datesFilled: 0,
    mergedWithRecord: [], citationsAddedFromCsl: 0, cslCitationsUndated: 0, publications: 0,
  };
  for (const g of groups.values()) {
    for (const c of g.cites) {
      if (c.date) continue;
      const d = dateOf.get(`${c.vol}:${c.page}`);
      if (d) { c.date = d; report.datesFilled++; } else report.undatedCitations.push(`${g.name}: ${c.vol} FR ${c.page}`);
    }
    g.cites = g.cites.filter((c) => c.date).sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.vol - b.vol || a.page - b.page);
  }

  // CSL rows by printed name (and, for "X. Affiliated Entity: Y" rows, by Y).
  const cslBy = new Map<string, Record<string, string>>();
  const cslUsed = new Set<Record<string, string>>();
  for (const r of csl) {
    const name = r.name ?? '';
    const aff = /Affiliated Entity:\s*(.+)$/.exec(name);
    if (aff?.[1]) report.cslAffiliateRows++;
    const k = key(aff?.[1] ?? name);
    if (!cslBy.has(k)) cslBy.set(k, r);
    for (const a of (r.alt_names ?? '').split(' | ')) if (a.trim() && !aff && !cslBy.has(key(a))) cslBy.set(key(a), r);
  }

  // eCFR country heading → ISO code, learnt from matched single-country CSL rows.
  const isoVotes = new Map<string, Map<string, number>>();
  const cslOf = new Map<Group, Record<string, string>>();
  for (const g of groups.values()) {
    const r = cslBy.get(key(g.name)) ?? g.aliases.map((a) => cslBy.get(key(a))).find(Boolean);
    if (!r) { report.ecfrOnly.push(g.name); continue; }
    cslOf.set(g, r);
    cslUsed.add(r);
    report.matched++;
    const cc = (r.address_countries ?? '').split(';').filter(Boolean);
    if (cc.length === 1 && g.rows.length === 1) {
      const m = isoVotes.get(g.rows[0]!.country) ?? new Map<string, number>();
      m.set(cc[0]!, (m.get(cc[0]!) ?? 0) + 1);
      isoVotes.set(g.rows[0]!.country, m);
    }
    const ours = g.cites.map((c) => c.vol);
    const theirs = [...(r.federal_register_notice ?? '').matchAll(/(\d{2,3})\s*FR/g)].map((m) => Number(m[1]));
    if (ours.length !== theirs.length) report.citationCountDiffers++;
    const a = [...new Set(ours)].sort().join(','), b = [...new Set(theirs)].sort().join(',');
    if (a !== b) report.citationVolumesDiffer.push(`${g.name}: eCFR ${a || '-'} / CSL ${b || '-'}`);
    const lr = (g.rows[0]?.notes ?? '').replace(/\s+\d\s*$/, '').replace(/[^a-z0-9]/gi, '').toLowerCase();
    const clr = (r.license_requirement ?? '').replace(/[^a-z0-9]/gi, '').toLowerCase();
    if (lr && !clr.startsWith(lr.slice(0, 40))) report.licenceTextDiffers++;
  }
  // Citations the CSL prints for an entry but the eCFR parse lost (it often keeps one line of a
  // multi-line FR cell): added when the same "vol FR page" is printed with a date elsewhere.
  for (const [g, r] of cslOf) {
    for (const m of (r.federal_register_notice ?? '').matchAll(/(\d{2,3})\s*FR\s*(\d{2,6})/g)) {
      const vol = Number(m[1]), page = Number(m[2]);
      if (g.cites.some((c) => c.vol === vol && c.page === page)) continue;
      const d = dateOf.get(`${vol}:${page}`);
      if (d) { g.cites.push({ vol, page, date: d, fromCsl: true }); report.citationsAddedFromCsl++; } else report.cslCitationsUndated++;
    }
    g.cites.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.vol - b.vol || a.page - b.page);
  }
  for (const r of csl) if (!cslUsed.has(r) && !/Affiliated Entity:/.test(r.name ?? '')) report.cslOnly.push(r.name ?? '');
  const iso = new Map<string, string>();
  for (const [country, votes] of isoVotes) iso.set(country, [...votes.entries()].sort((x, y) => y[1] - x[1])[0]![0]);

  const src = [ECFR_SRC];
  // Only entities of the record's other lists may absorb an entry; two Supplement No. 4 entries
  // are never merged with each other (an alias of one naming another is not identity).
  const before = new Set(reg.entities.keys());
  // Printed names that must not join a record entity by name alone: "Megvii Technology" could be
  // the Cayman parent (NS-CMIC) or the Beijing operating company (1260H), which the record keeps apart.
  const KEEP_APART = new Set(['Megvii Technology'].map(key));
  const mine = (id: string | undefined): string | undefined => (id !== undefined && before.has(id) ? id : undefined);
  const byCite = new Map<string, { c: Citation; entries: PublicationEntry[] }>();
  for (const g of groups.values()) {
    if (!g.cites.length) continue; // reported in undatedCitations; nothing to date it by
    const r = cslOf.get(g);
    const sources = r ? [ECFR_SRC, CSL_SRC] : src;
    const existing = KEEP_APART.has(key(g.name)) ? undefined : mine(reg.find(g.name)) ?? (() => {
      const ids = new Set(g.aliases.map((a) => mine(reg.find(a))).filter((x): x is string => x !== undefined));
      return ids.size === 1 ? [...ids][0] : undefined;
    })();
    if (existing) report.mergedWithRecord.push(`${g.name} → ${existing}`);
    const id = existing ?? newEntity(reg, g.name, printedDisplay(g.name));
    reg.addName(id, g.name, 'printed', sources);
    const parts = printedParts(g.name);
    for (const a of parts.acronyms) reg.addName(id, a, 'acronym', sources);
    for (const a of parts.aliases) reg.addName(id, a, 'alias', sources);
    for (const a of g.aliases) reg.addName(id, a, 'alias', [ECFR_SRC]);
    for (const a of (r?.alt_names ?? '').split(' | ')) if (a.trim()) reg.addName(id, a, 'alias', [CSL_SRC]);
    const ent = reg.get(id);
    const addresses: EntityAddress[] = ent.addresses ?? [];
    for (const row of g.rows) {
      const text = (row.address ?? '').trim();
      if (!text || addresses.some((x) => x.text === text)) continue;
      const cc = countryOf(row, iso);
      addresses.push({ text, ...(cc ? { country: cc } : {}), sourceIds: [ECFR_SRC] });
    }
    if (addresses.length) ent.addresses = addresses;
    if (!existing && !ent.country) {
      const cc = countryOf(g.rows[0]!, iso);
      if (cc) ent.country = cc;
    }
    if (g.rows.some((row) => row.country === 'China')) report.chinaHongKong++;

    const licence = r?.license_requirement?.trim() || (g.rows[0]?.notes ? `${g.rows[0].notes.trim()} [cut at 200 characters in the eCFR parse]` : '');
    const policy = r?.license_policy?.trim();
    const basis = [licence ? `License requirement: ${licence}` : '', policy ? `License review policy: ${policy}` : 'License review policy: not in the sources (no CSL row matched)']
      .filter(Boolean).join(' ') + ' (Supplement No. 4 as of July 2026.)';
    g.cites.forEach((c, i) => {
      const k = `${c.vol}:${c.page}:${c.date}`;
      const pub = byCite.get(k) ?? { c, entries: [] };
      if (!pub.entries.some((e) => e.entityId === id)) {
        pub.entries.push({ entityId: id, printedName: g.name, action: i === 0 ? 'add' : 'amend', ...(i === 0 ? { basis } : {}) });
      }
      byCite.set(k, pub);
    });
  }

  const publications: Publication[] = [];
  for (const { c, entries } of byCite.values()) {
    const date = c.date as string;
    const facts = FACTS_BY_DATE[date];
    const adds = entries.filter((e) => e.action === 'add').length;
    publications.push({
      id: `${BIS_LIST}/${date}/${c.vol}-fr-${c.page}`,
      listId: BIS_LIST,
      date,
      kind: 'addition',
      title: `Entity List rule cited as ${c.vol} FR ${c.page} (${date}): ${adds} entr${adds === 1 ? 'y' : 'ies'} first cited, ${entries.length - adds} revised`,
      citation: `${c.vol} FR ${c.page}`,
      sourceIds: [ECFR_SRC, CSL_SRC, ...(facts?.sourceIds ?? [])],
      entries: entries.sort((a, b) => a.entityId.localeCompare(b.entityId)),
      note: `As cited in Supplement No. 4 to part 744 (eCFR, July 2026): the date is the FR printing date the supplement gives with the page of the entry, not necessarily the rule's effective date.${facts?.note ? ` ${facts.note}` : ''}`,
    });
  }
  report.publications = publications.length;
  return { publications, report };
}

/** Creates a new entity for `name` with a fresh slug id (never reusing another entry's). */
function newEntity(reg: Registry, name: string, display: string): string {
  const base = slug(display) || 'entity';
  let id = base;
  for (let i = 2; reg.entities.has(id); i++) id = `${base}-${i}`;
  reg.entities.set(id, { id, name: display, type: 'organization', names: [], identifiers: [] });
  reg.bindName(name, id);
  return id;
}

/** Display name: the printed name without a trailing acronym/alias parenthesis. */
function printedDisplay(name: string): string {
  const t = name.replace(/\s*\((?:[^()]|\([^()]*\))*\)\s*$/, '').trim();
  return t.length >= 3 ? t : name.trim();
}

/** ISO code of an eCFR row: Hong Kong addresses under the China heading are HK. */
function countryOf(row: EcfrRow, iso: Map<string, string>): string | undefined {
  const cc = iso.get(row.country);
  if (cc === 'CN' && /Hong Kong/i.test(row.address ?? '') && !/China\b/.test((row.address ?? '').replace(/Hong Kong/gi, ''))) return 'HK';
  return cc;
}
