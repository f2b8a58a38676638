/**
 * Sources of the bundled dataset: the numbered sources of shared/facts/lists.md
 * (id `facts-S<n>`, parsed from its index) and the government documents themselves
 * (FR notices, DoD lists, OFAC files, statutes, FCC list). Only sources that some fact
 * cites are written out (see build.ts).
 */
import { readFileSync } from 'node:fs';
import type { Source } from '../../src/core/model.js';

const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };

/** Parses the "## Source index" of lists.md into Source records `facts-S<n>`. */
export function factsSources(listsMd: string): Source[] {
  const out: Source[] = [];
  for (const line of readFileSync(listsMd, 'utf8').split('\n')) {
    const m = /^- \[S(\d+)\] (.*)$/.exec(line);
    if (!m?.[1] || !m[2]) continue;
    const text = m[2];
    const url = /(https?:\/\/\S+)/.exec(text)?.[1];
    const q = /\((P|S|D)[^()]*\)\s*$/.exec(text)?.[1] ?? (/\(P[- ]/.test(text) ? 'P' : 'S');
    let title = (url ? text.slice(0, text.indexOf(url)) : text).trim().replace(/[.;,]\s*$/, '');
    title = title.replace(/\s*\((P|S|D)[^()]*\)\s*$/, '');
    const d = /\b(\d{1,2})(?:[–-]\d{1,2})? (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4})\b/.exec(title);
    const src: Source = { id: `facts-S${m[1]}`, title, quality: q as Source['quality'] };
    if (d?.[1] && d[2] && d[3]) src.date = `${d[3]}-${MONTHS[d[2]]}-${d[1].padStart(2, '0')}`;
    if (url) src.url = url.replace(/[),;]+$/, '');
    const rel = /\((S, low reliability|[^()]*UNVERIFIED[^()]*|company statement|S; AI-assisted[^()]*)\)\s*$/.exec(text)?.[1];
    src.note = `Cited as [S${m[1]}] in the listwatch facts sheet (shared/facts/lists.md)${rel ? `; ${rel}` : ''}.`;
    out.push(src);
  }
  return out;
}

const DOD = 'Department of Defense';
const FR = 'Federal Register';

/** Government documents (and the third-party transcription) cited directly. */
export const govSources: Source[] = [
  { id: 'dod-1260h-2021-06-03', title: 'DOD Releases List of Chinese Military Companies in Accordance With Section 1260H of the National Defense Authorization Act for Fiscal Year 2021 (list of 47 entities)', publisher: DOD, date: '2021-06-03', quality: 'P', note: 'The PDF was not available to the compilers; membership transcribed with the help of the OpenSanctions transcription (see opensanctions-dod-1260h).' },
  { id: 'fr-2021-13753', title: 'Notice of Designation of Chinese Military Companies Under the William M. (Mac) Thornberry NDAA for FY21, FR Doc 2021-13753, 86 FR 33994', publisher: FR, date: '2021-06-28', url: 'https://regulations.justia.com/regulations/fedreg/2021/06/28/2021-13753.html', quality: 'P', note: 'Mirror of the Federal Register text (facts [S7]).' },
  { id: 'dod-1260h-2022-10-05', title: 'DoD update of the Section 1260H list of Chinese military companies (13 entities added)', publisher: DOD, date: '2022-10-05', quality: 'P', note: 'PDF and FR citation not found (UNVERIFIED); membership transcribed with the help of the OpenSanctions transcription.' },
  { id: 'dod-1260h-2024-01-31', title: 'Entities identified as Chinese military companies operating in the United States in accordance with Section 1260H (January 2024 list)', publisher: DOD, date: '2024-01-31', url: 'https://media.defense.gov/2024/Jan/31/2003384819/-1/-1/0/1260H-LIST.PDF', quality: 'P', note: 'FR notice said to be published 2024-04-02 (UNVERIFIED: FR doc number not seen).' },
  { id: 'fr-2024-24723', title: 'Notice of Designation of Chinese Military Company (Hesai), FR Doc 2024-24723, 89 FR 84547', publisher: FR, date: '2024-10-23', url: 'https://lexbuild.dev/fr/2024/10/2024-24723', quality: 'P', note: 'Mirror of the FR text (facts [S9]).' },
  { id: 'fr-2024-30018', title: 'Notice of Removal of Designated Chinese Military Companies (AMEC, IDG Capital), FR Doc 2024-30018', publisher: FR, date: '2024-12-17', url: 'https://usregs.ai/regulations/2024-30018-notice-of-removal-of-designated-chinese-military-companies', quality: 'P', note: 'Known through a summary (facts [S10]). Removal effective 2024-12-13, FR publication 2024-12-17 per secondary sources; exact FR date UNVERIFIED.' },
  { id: 'dod-1260h-2025-01-07', title: 'Entities Identified as Chinese Military Companies Operating in the United States (January 2025 list)', publisher: DOD, date: '2025-01-07', url: 'https://media.defense.gov/2025/Jan/07/2003625471/-1/-1/1/ENTITIES-IDENTIFIED-AS-CHINESE-MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES.PDF', quality: 'P' },
  { id: 'fr-2025-00070', title: 'Notice of Availability of Designation of Chinese Military Companies, FR Doc 2025-00070, 90 FR 1105', publisher: FR, date: '2025-01-07', url: 'https://www.federalregister.gov/documents/2025/01/07/2025-00070/notice-of-availability-of-designation-of-chinese-military-companies', quality: 'P' },
  { id: 'fr-withdrawn-2026-02-13', title: 'Updated Section 1260H list placed on Federal Register public inspection and withdrawn at DoD request ("An agency letter requesting withdrawal of this document was received after placement on public inspection")', publisher: FR, date: '2026-02-13', quality: 'S', note: 'Known only from press reports (facts [S21], [S22], [S23]); the document has no legal effect.' },
  { id: 'dod-1260h-2026-06-08', title: 'Entities Identified as Chinese Military Companies Operating in the United States in Accordance with Section 1260H (June 2026 list; DoW release 4511232)', publisher: 'Department of War (Department of Defense)', date: '2026-06-08', url: 'https://media.defense.gov/2026/Jun/08/2003945537/-1/-1/1/ENTITIES-IDENTIFIED-AS-CHINESE-MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES-IN-ACCORDANCE-WITH-SECTION-1260H.PDF', quality: 'P' },
  { id: 'fr-2026-11571', title: 'Notice of Availability of Designation of Chinese Military Companies, FR Doc 2026-11571, 91 FR 35189, docket DOD-2026-OS-1288', publisher: FR, date: '2026-06-10', quality: 'S', note: 'Citation seen only in secondary sources (facts [S26], [S46]): UNVERIFIED, check on federalregister.gov.' },
  { id: 'opensanctions-dod-1260h', title: 'OpenSanctions hand transcription of the DoD 1260H list PDFs (datasets/us/dod_chinese_milcorps/sanctions.csv @ f33cff2), and the edition membership derived from it', publisher: 'OpenSanctions', date: '2026-08-22', url: 'https://github.com/opensanctions/opensanctions/tree/main/datasets/us/dod_chinese_milcorps', quality: 'D', note: 'CC BY-NC 4.0. Used as a transcription aid and cross-check only: the record takes from it the government text (names as printed, parent grouping, DoD basis notes).' },
  { id: 'dod-1237-release-2434513', title: 'DoD releases on the Section 1237 CCMC list, stamped "As of June 3, 2021, the Secretary of Defense has removed the entities listed here from the CCMC list"', publisher: DOD, date: '2021-06-03', url: 'https://www.defense.gov/News/Releases/Release/Article/2434513/', quality: 'P', note: 'Quoted in facts [S42] and in the 1237 compilation.' },
  { id: 'dod-1237-compiled', title: 'Section 1237 CCMC tranches compiled from cited press reports (shared/data/dod_1237_ccmc/dod_1237_ccmc_compiled.csv)', publisher: 'listwatch research (secondary compilation)', date: '2026-11-21', quality: 'S', note: 'Names as secondary sources report them; none checked against the DoD tranche PDFs.' },
  { id: 'ofac-cons-prim-2025-12', title: 'OFAC Non-SDN Consolidated Sanctions List, cons_prim.csv (NS-CMIC rows, program CMIC-EO13959)', publisher: 'U.S. Treasury, OFAC', date: '2025-12-19', url: 'https://ofac.treasury.gov/consolidated-sanctions-list/ns-cmic-list', quality: 'P', note: 'Copy of about 2025-12-19 (moov-io/watchman test data); listing dates, USCC, tickers and ISINs as OFAC prints them.' },
  { id: 'trade-csl-2023-11', title: 'trade.gov Consolidated Screening List, NS-CMIC rows (alternate names)', publisher: 'U.S. Department of Commerce, ITA', date: '2023-11-30', url: 'https://www.trade.gov/consolidated-screening-list', quality: 'P', note: 'Partial copy of about 2023-11-30 (moov-io/watchman test data).' },
  { id: 'plaw-115-232', title: 'John S. McCain National Defense Authorization Act for Fiscal Year 2019, Pub. L. 115-232, §889', publisher: 'U.S. Congress', url: 'https://www.congress.gov/115/plaws/publ232/PLAW-115publ232.pdf', quality: 'P' },
  { id: 'plaw-117-263', title: 'James M. Inhofe National Defense Authorization Act for Fiscal Year 2023, Pub. L. 117-263, §5949 (enrolled bill H.R. 7776)', publisher: 'U.S. Congress', url: 'https://www.congress.gov/117/bills/hr7776/BILLS-117hr7776enr.pdf', quality: 'P' },
  { id: 'plaw-118-31', title: 'National Defense Authorization Act for Fiscal Year 2024, Pub. L. 118-31, §154', publisher: 'U.S. Congress', date: '2023-12-22', url: 'https://www.congress.gov/118/plaws/publ31/PLAW-118publ31.pdf', quality: 'P' },
  { id: 'fcc-covered-list', title: 'FCC Covered List (List of Equipment and Services Covered By Section 2 of The Secure Networks Act), table with dates of inclusion', publisher: 'Federal Communications Commission', date: '2026-08-20', url: 'https://www.fcc.gov/supplychain/coveredlist', quality: 'P', note: 'As copied 2026-08-20 (OpenSanctions scrape of fcc.gov, shared/data/fcc_covered_list); entity names from the 2024-04-19 copy.' },
  { id: 'chinese-names-csv', title: 'listwatch facts: Chinese legal names for list entities (shared/facts/chinese-names.csv)', publisher: 'listwatch research', date: '2026-11-21', quality: 'S', note: 'Rows of confidence "low" have no source (analyst knowledge): shown only as unverified matching hints.' },
];
