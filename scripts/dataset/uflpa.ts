/**
 * The DHS UFLPA Entity List in the bundled record, read in place from
 * ../shared/data/uflpa_entity_list/:
 * - `dhs_page_via_nsfreg_2025-01-14/derived/uflpa_rows_from_dhs_page.csv`: the three tables of the
 *   official DHS page (last updated 2025-01-14) with section, effective date and, where one could
 *   be sourced, the FR document number;
 * - `bom_screener_2026-08-11/derived/…2026-08-03….csv`: the rows dated 2026-08-03 transcribed from
 *   a third-party scrape of the live page. That publication is `verified: false` (UNVERIFIED).
 *
 * One publication per effective date (kind `addition`). An entity printed in several sections is
 * one entity; a section added on a later date is an `amend` entry of that date's publication.
 */
import type { Publication, PublicationEntry, Source } from '../../src/core/model.js';
import type { Registry } from './registry.js';
import { normName, readCsv } from './util.js';

export const UFLPA_LIST = 'us-dhs-uflpa';
const PAGE_SRC = 'dhs-uflpa-page-2025-01-14';
const BOM_SRC = 'bom-screener-uflpa-2026-08-11';

/** The sources this module cites. */
export const uflpaSources: Source[] = [
  {
    id: PAGE_SRC,
    title: 'DHS, "UFLPA Entity List" web page (Last Updated: 01/14/2025), saved HTML fetched 2026-07-09 (phagehunter/nsfreg @ 02787e8, data/source-uflpa-2026-07-09.html)',
    publisher: 'U.S. Department of Homeland Security (Forced Labor Enforcement Task Force)',
    date: '2025-01-14',
    url: 'https://www.dhs.gov/uflpa-entity-list',
    quality: 'P',
    note: 'Byte-for-byte copy of the official page; the tables give each entity\'s section and effective date. FR document numbers beside the dates come from secondary metadata (ai-village-agents/deepseek-news front matter) and were not checked on federalregister.gov.',
  },
  {
    id: BOM_SRC,
    title: 'Rows dated August 3, 2026 of a third-party scrape of the live DHS UFLPA Entity List page (b9402062-star/BOM-Restricted-Party-Screener-all-countries, data/company_list.json, "Source Last Checked" 2026-08-11), transcribed by hand',
    publisher: 'third-party scrape; listwatch transcription',
    date: '2026-08-11',
    quality: 'D',
    note: 'UNVERIFIED: not checked against the DHS page or an FR notice; no FR document number is known from the scrape.',
  },
];

/** Section summaries as the facts sheet gives them (shared/facts/lists.md §6.2, sources [S122], [S124]). */
const SECTION_TEXT: Record<string, string> = {
  i: 'Xinjiang producers using forced labor',
  ii: 'entities working with the Xinjiang government on labor transfers',
  iv: 'exporters of such goods',
  v: 'entities sourcing from Xinjiang or the XPCC under labor programs',
};

/** Facts-sheet sources and notes by effective date (shared/facts/lists.md §6.2). */
const FACTS_BY_DATE: Record<string, string[]> = {
  '2022-06-21': ['facts-S126', 'facts-S124', 'facts-S122'],
  '2024-05-17': ['facts-S125', 'facts-S128'],
  '2024-08-09': ['facts-S129'],
  '2024-11-01': ['facts-S127'],
  '2025-01-15': ['facts-S46'],
  '2026-08-03': ['facts-S46'],
};

/** FR document numbers the facts sheet gives for dates the DHS-page CSV leaves blank (lists.md §6.2). */
const FACTS_FR: Record<string, string> = { '2024-05-17': '2024-10544', '2024-11-01': '2024-25423' };

/** A printed UFLPA entity: the name, its aliases and former names, and trailing words ("and subsidiaries"). */
export interface ParsedUflpa {
  name: string;
  aliases: string[];
  previous: string[];
  acronyms: string[];
  scope?: string;
}

const splitNames = (s: string): string[] =>
  s.split(/;\s*(?:and\s+)?|,?\s+and\s+(?=[A-Z])/).map((x) => x.trim().replace(/[.;,]$/, '').trim()).filter((x) => x.length > 1);

/** Parses "Name (also known as A; and B; and formerly known as C) and its subsidiaries". */
export function parseUflpaText(text: string): ParsedUflpa {
  const out: ParsedUflpa = { name: '', aliases: [], previous: [], acronyms: [] };
  let t = text.trim();
  const scope = /\s+(and (?:its )?(?:subordinate and affiliated entities|subsidiaries))\.?$/i.exec(t);
  if (scope?.[1]) { out.scope = scope[1]; t = t.slice(0, scope.index).trim(); }
  // Parentheses that hold names ("also known as", "formerly known as", "n aliases:"); others stay in the name.
  t = t.replace(/\s*\(((?:and|including) [a-z]+ alias(?:es)?:|also known as|formerly known as)\s*((?:[^()]|\([^()]*\))*)\)/gi, (_m, kind: string, body: string) => {
    let rest = body;
    const former = /;?\s*(?:and\s+)?formerly known as\s+(.+)$/i.exec(rest);
    if (former?.[1] && !/^formerly/i.test(kind)) { out.previous.push(...splitNames(former[1])); rest = rest.slice(0, former.index); }
    if (/^formerly/i.test(kind)) out.previous.push(...splitNames(rest));
    else out.aliases.push(...splitNames(rest));
    return '';
  });
  const acr = /\s*\(([A-Z]{2,10})\)\s*$/.exec(t);
  if (acr?.[1]) { out.acronyms.push(acr[1]); t = t.slice(0, acr.index); }
  out.name = t.trim().replace(/[.,]$/, '');
  return out;
}

interface Row { section: string; date: string; fr: string; frNote: string; parsed: ParsedUflpa; printed: string; unverified: boolean; previousBom?: string[] }

/** Builds the UFLPA publications into `reg`. */
export function buildUflpa(reg: Registry, pageCsv: string, bomCsv: string): { publications: Publication[]; count: { rows: number; entities: number; unverifiedRows: number } } {
  const rows: Row[] = readCsv(pageCsv).map((r) => ({
    section: /\(([iv]+)\)\s*$/.exec(r.uflpa_section ?? '')?.[1] ?? '?',
    date: r.effective_date ?? '',
    fr: r.fr_document_number ?? '',
    frNote: r.fr_note ?? '',
    parsed: parseUflpaText(r.entity_text_as_on_page ?? ''),
    printed: (r.entity_text_as_on_page ?? '').trim(),
    unverified: false,
  }));
  const bom = readCsv(bomCsv);
  for (const r of bom) {
    const alias = r.alias_or_known_name ?? '';
    const former = /formerly known as\s+([^;]+)/i.exec(alias)?.[1];
    const aliases = alias.split(';').map((x) => x.trim()).filter((x) => x && !/^formerly known as/i.test(x));
    const renamedFrom = /renamed entry: listed \S+ as (.+?) on the/i.exec(r.bom_note ?? '')?.[1];
    rows.push({
      section: /\(([iv]+)\)\s*$/.exec(r.uflpa_section ?? '')?.[1] ?? '?',
      date: '2026-08-03', fr: '', frNote: '',
      parsed: { name: (r.entity_name ?? '').trim(), aliases, previous: former ? [former.trim()] : [], acronyms: [] },
      printed: (r.entity_name ?? '').trim(),
      unverified: true,
      ...(renamedFrom ? { previousBom: [renamedFrom.trim(), ...aliases] } : {}),
    });
  }

  // Entities: by normalised name; a 2026 renamed row joins the entity of its former name.
  const idOf = new Map<string, string>();
  const sectionsOf = new Map<string, { section: string; date: string }[]>();
  const byDate = new Map<string, { rows: Row[]; entries: Map<string, PublicationEntry> }>();
  const sorted = [...rows].sort((a, b) => a.date.localeCompare(b.date));
  for (const r of sorted) {
    const k = normName(r.parsed.name);
    let id = idOf.get(k);
    if (!id && r.previousBom) {
      for (const p of r.previousBom) {
        const hit = [...idOf.entries()].find(([kk]) => kk.startsWith(normName(p)) || normName(p).startsWith(kk));
        if (hit) { id = hit[1]; break; }
      }
    }
    const src = r.unverified ? [BOM_SRC] : [PAGE_SRC];
    if (!id) id = reg.find(r.parsed.name) ?? reg.resolve(r.parsed.name);
    idOf.set(k, id);
    reg.addName(id, r.parsed.name, 'printed', src, !r.unverified);
    for (const a of r.parsed.aliases) reg.addName(id, a, 'alias', src, !r.unverified);
    for (const a of r.parsed.previous) reg.addName(id, a, 'previous', src, !r.unverified);
    for (const a of r.parsed.acronyms) reg.addName(id, a, 'acronym', src, !r.unverified);
    if (r.previousBom) reg.addName(id, r.previousBom[0]!, 'previous', src, false);
    reg.get(id).country ??= 'CN';

    const secs = sectionsOf.get(id) ?? [];
    const first = secs.length === 0;
    if (!secs.some((s) => s.section === r.section)) secs.push({ section: r.section, date: r.date });
    sectionsOf.set(id, secs);
    const basis = `${secs.map((s) => `UFLPA §2(d)(2)(B)(${s.section}): ${SECTION_TEXT[s.section] ?? 'section as printed'} (effective ${s.date})`).join('; ')}.${r.parsed.scope ? ` Listed with "${r.parsed.scope}".` : ''}`;
    const pub = byDate.get(r.date) ?? { rows: [], entries: new Map<string, PublicationEntry>() };
    pub.rows.push(r);
    const cur = pub.entries.get(id);
    if (cur) cur.basis = basis;
    else pub.entries.set(id, { entityId: id, printedName: r.printed, basis, action: first ? 'add' : 'amend' });
    byDate.set(r.date, pub);
  }

  const publications: Publication[] = [];
  for (const [date, { rows: rs, entries }] of byDate) {
    const unverified = rs.some((r) => r.unverified);
    const fr = [...new Set(rs.map((r) => r.fr).filter(Boolean))];
    const factsFr = fr.length === 0 ? FACTS_FR[date] : undefined;
    if (factsFr) fr.push(factsFr);
    const frNote = [...new Set(rs.map((r) => r.frNote).filter(Boolean))];
    const adds = [...entries.values()].filter((e) => e.action === 'add').length;
    publications.push({
      id: `${UFLPA_LIST}/${date}`,
      listId: UFLPA_LIST,
      date,
      kind: 'addition',
      title: `UFLPA Entity List: listings effective ${date} (${adds} entit${adds === 1 ? 'y' : 'ies'} added, ${entries.size - adds} changed)`,
      ...(fr.length ? { citation: fr.map((n) => `FR Doc ${n}`).join(', ') } : date === '2026-08-03' ? { citation: 'FR Doc 2026-15628 (UNVERIFIED)' } : {}),
      sourceIds: [unverified ? BOM_SRC : PAGE_SRC, ...(FACTS_BY_DATE[date] ?? [])],
      entries: [...entries.values()].sort((a, b) => a.entityId.localeCompare(b.entityId)),
      ...(unverified ? { verified: false } : {}),
      note: unverified
        ? 'UNVERIFIED: rows dated August 3, 2026 in a third-party scrape of the live DHS page (checked 2026-08-11), transcribed by hand; not checked against DHS or the FR. The FR document number 2026-15628 is from a secondary research note only.'
        : `Effective date and section as on the DHS page (last updated 2025-01-14).${factsFr ? ' FR document number from the facts sheet (law-firm and FR-tracker sources).' : fr.length ? ' FR document number from secondary metadata, not checked on federalregister.gov.' : ' No FR document number was found for this date.'}${frNote.length ? ` ${frNote.join('; ')}.` : ''}`,
    });
  }
  return { publications, count: { rows: rows.length, entities: sectionsOf.size, unverifiedRows: bom.length } };
}
