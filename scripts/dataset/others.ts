/**
 * The 1237 CCMC tranches, the Treasury NS-CMIC list, the NDAA §889/§5949/§154 named
 * entities and the FCC Covered List entity entries, as publications.
 */
import type { Publication, PublicationEntry, Relation } from '../../src/core/model.js';
import type { Registry } from './registry.js';
import { usDate } from './util.js';

/** 1237: four `addition` notices, Xiaomi's vacatur, and the removal of all on 2021-06-03. */
export function build1237(reg: Registry, rows: Record<string, string>[]): Publication[] {
  const LIST = 'us-dod-1237';
  const tranches: [string, string, string[], string][] = [
    ['2020-06-24', 'Tranche 1 (letter to Congress): 20 Communist Chinese military companies', ['dod-1237-compiled', 'facts-S52', 'facts-S54'], '20'],
    ['2020-08-28', 'Tranches 2–3: 11 added (31 in all)', ['dod-1237-compiled', 'facts-S56', 'facts-S57'], '31'],
    ['2020-12-03', 'Tranche 4: 4 added (35 in all)', ['dod-1237-compiled', 'facts-S59', 'facts-S60'], '35'],
    ['2021-01-14', 'Tranche 5: 9 added (44 in all)', ['dod-1237-compiled', 'facts-S48', 'facts-S49'], '44'],
  ];
  const pubs: Publication[] = [];
  const all: PublicationEntry[] = [];
  for (const [date, title, sourceIds, total] of tranches) {
    const entries: PublicationEntry[] = [];
    for (const r of rows.filter((x) => x.designation_date === date)) {
      const name = (r.name_as_reported ?? '').trim();
      const id = reg.resolve(name);
      reg.addName(id, name, 'printed', ['dod-1237-compiled']);
      if (r.short_name && r.short_name !== name) reg.addName(id, r.short_name, /^[A-Z]{2,6}$/.test(r.short_name) ? 'acronym' : 'short', ['dod-1237-compiled']);
      entries.push({ entityId: id, printedName: name, action: 'add' });
    }
    all.push(...entries.map((e) => ({ ...e, action: 'remove' as const })));
    const pdf = rows.find((x) => x.designation_date === date)?.official_pdf;
    pubs.push({
      id: `${LIST}/${date}`, listId: LIST, date, kind: 'addition', title, sourceIds, entityCount: entries.length,
      entries: entries.sort((a, b) => a.entityId.localeCompare(b.entityId)), verified: false,
      ...(pdf ? { url: pdf } : {}),
      note: `Names as secondary reports give them; NOT checked against the DoD tranche PDF. ${total} entities on the list after this tranche.`,
    });
  }
  const xiaomi = reg.find('Xiaomi Corporation');
  if (!xiaomi) throw new Error('1237: Xiaomi missing');
  pubs.push({
    id: `${LIST}/2021-05-25-xiaomi`, listId: LIST, date: '2021-05-25', kind: 'removal',
    title: 'Xiaomi Corp. v. DoD (D.D.C. 1:21-cv-00280): final order vacating Xiaomi\'s CCMC designation',
    sourceIds: ['facts-S64', 'facts-S63'], entries: [{ entityId: xiaomi, printedName: 'Xiaomi Corporation', action: 'remove' }],
    verified: false,
    note: 'A court order, not a DoD notice: modelled as a removal because vacatur ended the designation. Date per Xiaomi\'s announcement (SlashGear); the docket entry was not seen (UNVERIFIED). DoD had agreed on 2021-05-11 that vacatur was appropriate.',
  });
  pubs.push({
    id: `${LIST}/2021-06-03-removal`, listId: LIST, date: '2021-06-03', kind: 'removal',
    title: 'DoD removes all entities from the Section 1237 CCMC list',
    url: 'https://www.defense.gov/News/Releases/Release/Article/2434513/',
    sourceIds: ['dod-1237-release-2434513', 'facts-S42', 'facts-S65'], entityCount: all.length,
    entries: all.sort((a, b) => a.entityId.localeCompare(b.entityId)),
    note: '"As of June 3, 2021, the Secretary of Defense has removed the entities listed here from the CCMC list." Same day as EO 14032 and the first 1260H list.',
  });
  return pubs;
}

/** NS-CMIC: additions by OFAC listing date, with OFAC's identifiers and the CSL's aliases. */
export function buildNsCmic(reg: Registry, ofac: Record<string, string>[], csl: Record<string, string>[]): Publication[] {
  const LIST = 'us-treasury-ns-cmic';
  const SRC = ['ofac-cons-prim-2025-12'];
  const byDate = new Map<string, PublicationEntry[]>();
  for (const r of ofac) {
    const ent = r.ent_num ?? '';
    const cslRow = csl.find((c) => c.entity_number === ent);
    const display = cslRow?.name ?? r.name ?? '';
    const name = r.name ?? '';
    const id = reg.find(name) ?? reg.resolve(display, display);
    reg.bindName(name, id);
    reg.addName(id, name, 'printed', SRC);
    if (cslRow?.name && cslRow.name !== name) reg.addName(id, cslRow.name, 'printed', ['trade-csl-2023-11']);
    for (const a of (cslRow?.alt_names ?? '').split(';').map((s) => s.trim()).filter(Boolean)) reg.addName(id, a, 'alias', ['trade-csl-2023-11']);
    const remarks = r.remarks_raw ?? '';
    for (const m of remarks.matchAll(/a\.k\.a\. '([^']+)'/g)) if (m[1]) reg.addName(id, m[1], /^[A-Z0-9-]{2,10}$/.test(m[1]) ? 'acronym' : 'alias', SRC);
    if (r.uscc) reg.addIdentifier(id, 'uscc', r.uscc, SRC);
    for (const m of remarks.matchAll(/Equity Ticker ([^;.]+)/g)) if (m[1]) reg.addIdentifier(id, 'ticker', m[1].trim(), SRC);
    for (const m of remarks.matchAll(/ISIN ([A-Z0-9]{12})/g)) if (m[1]) reg.addIdentifier(id, 'isin', m[1], SRC);
    reg.addIdentifier(id, 'ofac-ent-num', ent, SRC);
    const date = usDate(r.listing_date_cmic ?? '');
    const arr = byDate.get(date) ?? [];
    arr.push({ entityId: id, printedName: name, action: 'add', basis: `Effective date (CMIC) ${r.effective_date_cmic}; purchase/sales for divestment until ${r.purchase_sales_for_divestment_date_cmic}` });
    byDate.set(date, arr);
  }
  const meta: Record<string, [string, string[]]> = {
    '2021-06-03': ['EO 14032 Annex: 59 entities form the NS-CMIC list', ['ofac-cons-prim-2025-12', 'facts-S65', 'facts-S68']],
    '2021-12-10': ['OFAC adds SenseTime Group Limited', ['ofac-cons-prim-2025-12', 'facts-S69']],
    '2021-12-16': ['OFAC adds 8 entities (DJI, Megvii, CloudWalk, Dawning, Yitu, Leon, NetPosa, Xiamen Meiya Pico)', ['ofac-cons-prim-2025-12', 'facts-S74', 'facts-S81']],
  };
  return [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, entries]) => {
    const m = meta[date];
    if (!m) throw new Error(`NS-CMIC: unexpected listing date ${date}`);
    return {
      id: `${LIST}/${date}`, listId: LIST, date, kind: 'addition' as const, title: m[0], sourceIds: m[1], entityCount: entries.length,
      entries: entries.sort((a, b) => a.entityId.localeCompare(b.entityId)),
      note: 'Listing date as OFAC prints it ("Listing Date (CMIC)"). No removals are visible through 2025-12. A further firm reportedly added 2021-12-28 is not recorded (name UNVERIFIED).',
    };
  });
}

/** NDAA §889, §5949, §154: one `addition` per statute with the names as enacted. */
export function buildStatutes(reg: Registry, s889: Record<string, string>[], s5949: Record<string, string>[], s154: Record<string, string>[]): Publication[] {
  const one = (list: string, rows: Record<string, string>[], src: string): PublicationEntry[] => rows.map((r) => {
    const name = (r.name ?? '').trim();
    const id = reg.resolve(name);
    reg.addName(id, name, 'printed', [src]);
    for (const a of (r.aliases ?? '').split(';').map((s) => s.trim()).filter(Boolean)) reg.addName(id, a, 'acronym', [src]);
    return { entityId: id, printedName: name, action: 'add' as const };
  }).sort((a, b) => a.entityId.localeCompare(b.entityId));
  return [
    { id: 'us-ndaa-889/2018-08-13', listId: 'us-ndaa-889', date: '2018-08-13', kind: 'addition', title: 'FY2019 NDAA §889 names Huawei, ZTE, Hytera, Hikvision and Dahua', citation: 'Pub. L. 115-232, §889', url: 'https://www.congress.gov/115/plaws/publ232/PLAW-115publ232.pdf', sourceIds: ['plaw-115-232'], entries: one('us-ndaa-889', s889, 'plaw-115-232'), verified: false, note: 'Date is the enactment date of Pub. L. 115-232 from the statute; it is not in the listwatch facts sheet (UNVERIFIED). The prohibitions took effect later (§889(a)(1)(A) one year and (a)(1)(B) two years after enactment), not recorded here.' },
    { id: 'us-ndaa-5949/2022-12-23', listId: 'us-ndaa-5949', date: '2022-12-23', kind: 'addition', title: 'FY2023 NDAA §5949 names SMIC, YMTC and CXMT', citation: 'Pub. L. 117-263, §5949', url: 'https://www.congress.gov/117/bills/hr7776/BILLS-117hr7776enr.pdf', sourceIds: ['plaw-117-263'], entries: one('us-ndaa-5949', s5949, 'plaw-117-263'), verified: false, note: 'Date is the enactment date of Pub. L. 117-263 from the statute; not in the listwatch facts sheet (UNVERIFIED). The procurement prohibition takes effect later (not recorded).' },
    { id: 'us-ndaa-154/2023-12-22', listId: 'us-ndaa-154', date: '2023-12-22', kind: 'addition', title: 'FY2024 NDAA §154 names CATL, BYD, Envision, EVE, Gotion and Hithium (battery procurement ban from 2027-10-01)', citation: 'Pub. L. 118-31, §154', url: 'https://www.congress.gov/118/plaws/publ31/PLAW-118publ31.pdf', sourceIds: ['plaw-118-31', 'facts-S11'], entries: one('us-ndaa-154', s154, 'plaw-118-31'), note: 'Enacted 2023-12-22 (Pub. L. 118-31 signed that day per the facts sheet). The ban applies "beginning on October 1, 2027".' },
  ];
}

/** FCC Covered List entity entries, one `addition` per date of inclusion. Category-wide entries are left out. */
export function buildFcc(reg: Registry, rows: Record<string, string>[]): { publications: Publication[]; relations: Relation[] } {
  const LIST = 'us-fcc-covered';
  const SRC = 'fcc-covered-list';
  const byDate = new Map<string, PublicationEntry[]>();
  const relations: Relation[] = [];
  const add = (date: string, name: string, basis: string): string => {
    const id = reg.resolve(name);
    reg.addName(id, name, 'printed', [SRC]);
    const arr = byDate.get(date) ?? [];
    arr.push({ entityId: id, printedName: name, basis, action: 'add' });
    byDate.set(date, arr);
    return id;
  };
  for (const r of rows) {
    const name = (r['Entity Name'] ?? '').trim();
    if (!name) continue;
    const date = usDate(r['Date of Inclusion on Covered List'] ?? '');
    const basis = (r['Covered Equipment or Services'] ?? '').trim();
    const id = add(date, name, basis);
    const sub = (r['Subsidiary Names'] ?? '').trim();
    if (sub) {
      const sid = add(date, sub, basis);
      relations.push({ entityId: sid, parentId: id, kind: 'subsidiary-of', sourceIds: [SRC], evidence: `"${name} and its wholly-owned subsidiary ${sub}" (FCC Covered List)` });
    }
  }
  // Entries after the 2024-04-19 copy, from the 2026-08-20 table (its text names the entity).
  add('2024-07-23', 'Kaspersky Lab, Inc.', 'Cybersecurity and anti-virus software produced or provided by Kaspersky Lab, Inc. or any of its successors and assignees.');
  add('2026-07-07', 'Digitalsystem Technology Inc.', 'International telecommunications services provided by Digitalsystem Technology Inc., subject to section 214 of the Communications Act of 1934.');
  const meta: Record<string, [string, string[]]> = {
    '2021-03-12': ['Covered List first published (DA 21-309): Huawei, ZTE, Hytera, Hikvision, Dahua', [SRC, 'facts-S119', 'facts-S110', 'facts-S116']],
    '2022-03-25': ['Kaspersky, China Mobile International USA and China Telecom (Americas) added', [SRC, 'facts-S110']],
    '2022-09-20': ['Pacific Networks/ComNet and China Unicom (Americas) added', [SRC, 'facts-S110']],
    '2024-07-23': ['Kaspersky Lab, Inc. software added', [SRC]],
    '2026-07-07': ['Digitalsystem Technology Inc. international services added', [SRC]],
  };
  const publications = [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, entries]) => {
    const m = meta[date];
    if (!m) throw new Error(`FCC: unexpected date ${date}`);
    return { id: `${LIST}/${date}`, listId: LIST, date, kind: 'addition' as const, title: m[0], sourceIds: m[1], entityCount: entries.length, entries: entries.sort((a, b) => a.entityId.localeCompare(b.entityId)), note: 'Date of inclusion on the Covered List as the FCC prints it. Hytera, Hikvision and Dahua equipment is covered only to the extent used for public safety, government facilities, critical infrastructure or national security.' };
  });
  return { publications, relations };
}
