/**
 * The DoD §1260H publications: five editions with full membership (transcribed from the
 * derived edition-membership file, which is itself built from the OpenSanctions
 * transcription of the DoD PDFs), plus the interim notices. Corrections to that
 * transcription are made HERE, explicitly:
 *  1. AMEC and IDG Capital: removed by FR 2024-30018 (effective 2024-12-13); the
 *     transcription has no end date for them (the derived file already leaves them out of 2025).
 *  2. Hesai: the transcription has no 2025 row; it is in the 2025 edition (134 = DoD count).
 *  3. Renames are one entity (see overrides.ts), never a removal plus an addition.
 *  4. The February 2026 document was withdrawn: a `withdrawn` publication, never a removal
 *     (the transcription end-dates 12 entities on 2026-02-17).
 */
import type { Publication, PublicationEntry, Relation } from '../../src/core/model.js';
import type { Registry } from './registry.js';
import { cleanPrinted, printedParts, usDate } from './util.js';

const LIST = 'us-dod-1260h';

interface EditionMeta { date: string; count: number; title: string; citation: string; url?: string; sourceIds: string[]; note?: string; verified?: boolean }

const EDITIONS: EditionMeta[] = [
  { date: '2021-06-03', count: 47, title: 'First Section 1260H list of Chinese military companies', citation: 'FR Doc 2021-13753, 86 FR 33994 (2021-06-28)', sourceIds: ['dod-1260h-2021-06-03', 'fr-2021-13753', 'facts-S3', 'opensanctions-dod-1260h'] },
  { date: '2022-10-05', count: 60, title: 'Section 1260H list, October 2022 update (13 added)', citation: 'FR citation not found (UNVERIFIED)', sourceIds: ['dod-1260h-2022-10-05', 'facts-S3', 'facts-S6', 'opensanctions-dod-1260h'], note: 'Printed names of entities carried over from 2021 are given as the 2021 edition printed them (not re-checked against this edition).' },
  { date: '2024-01-31', count: 73, title: 'Section 1260H list, January 2024 update (16 added, 3 removed)', citation: 'FR notice reportedly published 2024-04-02 (citation UNVERIFIED)', url: 'https://media.defense.gov/2024/Jan/31/2003384819/-1/-1/0/1260H-LIST.PDF', sourceIds: ['dod-1260h-2024-01-31', 'facts-S3', 'facts-S1', 'facts-S10', 'opensanctions-dod-1260h'], note: 'Additions: 16 per Crowell & Moring and the transcription, 17 per Dechert (count conflict). Printed names of carried-over entities are given as earlier editions printed them (not re-checked against this edition).' },
  { date: '2025-01-07', count: 134, title: 'Section 1260H list, January 2025 update', citation: 'FR Doc 2025-00070, 90 FR 1105 (2025-01-07)', url: 'https://media.defense.gov/2025/Jan/07/2003625471/-1/-1/1/ENTITIES-IDENTIFIED-AS-CHINESE-MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES.PDF', sourceIds: ['dod-1260h-2025-01-07', 'fr-2025-00070', 'facts-S19', 'facts-S17', 'opensanctions-dod-1260h'], note: 'Public inspection and Reuters report on 2025-01-06; FR publication and DoD release 2025-01-07. Hesai is included (134 with it, the DoD count). AMEC and IDG Capital are absent (removed 2024-12-13).' },
  { date: '2026-06-08', count: 188, title: 'Section 1260H list, June 2026 update (with DoD basis for each entity)', citation: 'FR Doc 2026-11571, 91 FR 35189 (2026-06-10), docket DOD-2026-OS-1288 (citation UNVERIFIED: secondary sources only)', url: 'https://media.defense.gov/2026/Jun/08/2003945537/-1/-1/1/ENTITIES-IDENTIFIED-AS-CHINESE-MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES-IN-ACCORDANCE-WITH-SECTION-1260H.PDF', sourceIds: ['dod-1260h-2026-06-08', 'fr-2026-11571', 'facts-S25', 'facts-S34', 'opensanctions-dod-1260h'], verified: false, note: 'UNVERIFIED: YMTC and CXMT are members per the transcription (with DoD basis notes) but a third-party parse of FR 2026-11571 omits them; check against the FR notice. FR publication 2026-06-10.' },
];

/** Result of building the 1260H publications. */
export interface Dod1260h { publications: Publication[]; relations: Relation[]; renamed: Map<string, { from: string; to: string; date: string; verified: boolean }> }

/**
 * Builds the 1260H publications from the derived membership rows. `unverifiedRenames`
 * names entity ids whose rename is UNVERIFIED (Wenchong → Wenchuan).
 */
export function build1260h(reg: Registry, rows: Record<string, string>[], unverifiedRenames: Set<string>): Dod1260h {
  const publications: Publication[] = [];
  const relations: Relation[] = [];
  const renamed: Dod1260h['renamed'] = new Map();
  const lastPrinted = new Map<string, string>();
  for (const ed of EDITIONS) {
    const srcs = ed.sourceIds.filter((s) => s.startsWith('dod-'));
    const entries: PublicationEntry[] = [];
    for (const r of rows.filter((x) => x.edition_date === ed.date)) {
      // Footnote asterisks and a stray period after the closing parenthesis are not part of the name.
      const printed = (r.name_as_printed ?? '').replace(/\*+\s*$/, '').replace(/\)\.$/, ')')
        // Transcription typo "(SMIC Tianjin]" in the 2025 row.
        .replace(/\(([^()\]]*)\]$/, '($1)').trim();
      const clean = (r.clean_name ?? '').trim() || cleanPrinted(printed);
      const parts = printedParts(printed);
      // A printed "(formerly X)" or a previous_name: the entity is the one X denoted.
      const prev = [...parts.previous, ...(r.previous_name ?? '').split(';').map((s) => s.trim())].filter((s) => s && !/^[A-Z]{2,8}$/.test(s));
      // The printed name itself wins when already known (AVIC Xi'an 2026 prints its own former
      // name, which the 2025 edition listed as a separate entity).
      let id: string | undefined = reg.find(clean);
      for (const p of prev) id ??= reg.find(p);
      id ??= reg.resolve(clean);
      reg.bindName(clean, id);
      const ent = reg.get(id);
      ent.name = clean;
      reg.addName(id, clean, 'printed', srcs);
      for (const a of parts.acronyms) reg.addName(id, a, 'acronym', srcs);
      for (const a of parts.aliases) reg.addName(id, cleanPrinted(a), 'alias', srcs);
      for (const p of prev) { reg.addName(id, p, 'previous', srcs); if (!reg.find(p)) reg.bindName(p, id); }
      const before = lastPrinted.get(id);
      if (before && prev.length === 0 && before !== clean && renamedCandidate(before, clean)) {
        renamed.set(id, { from: before, to: clean, date: ed.date, verified: !unverifiedRenames.has(id) });
      } else if (before && prev.length > 0 && renamedCandidate(before, clean)) {
        renamed.set(id, { from: before, to: clean, date: ed.date, verified: !unverifiedRenames.has(id) });
      }
      // The old printed name of a renamed entity is kept as a `previous` name.
      const ren = renamed.get(id);
      // An UNVERIFIED rename (Wenchong → Wenchuan) makes the old name an unverified former name.
      if (ren && ren.date === ed.date) for (const n of ent.names) if (n.kind === 'printed' && n.name === ren.from) { n.kind = 'previous'; if (!ren.verified) n.verified = false; }
      lastPrinted.set(id, clean);
      const entry: PublicationEntry = { entityId: id, printedName: printed };
      // DoD's basis text: printed per entity in 2026; in 2025 only for Hesai.
      // A note citing a document dated after the edition cannot have been printed in it (the
      // transcription copies Hesai's 2025 note, "as reported in 89 FR 86230 (October 29, 2024)",
      // onto its 2024 row).
      const note = (r.note ?? '').trim();
      const cites = [...note.matchAll(/\(([A-Z][a-z]+ \d{1,2}, \d{4})\)/g)].map((m) => usDate(m[1] ?? ''));
      if (note && (ed.date === '2026-06-08' || /previously identified as and remains/.test(note)) && cites.every((d) => d <= ed.date)) entry.basis = note;
      entries.push(entry);
      const parent = (r.parent_name ?? '').trim();
      // A fresh array per link: the build merges later editions' sources into it.
      if (parent) relations.push({ entityId: id, parentId: parent, kind: 'subsidiary-of', sourceIds: [...srcs], evidence: `Listed under "${parent}" in the ${ed.date} edition` });
    }
    const pub: Publication = {
      id: `${LIST}/${ed.date}`, listId: LIST, date: ed.date, kind: 'edition', title: ed.title, citation: ed.citation,
      sourceIds: ed.sourceIds, entityCount: ed.count, entries: entries.sort((a, b) => a.entityId.localeCompare(b.entityId)),
    };
    if (ed.url) pub.url = ed.url;
    if (ed.note) pub.note = ed.note;
    if (ed.verified === false) pub.verified = false;
    publications.push(pub);
  }
  // Review aid: who leaves and who joins at each edition (a rename shows up here as a pair).
  for (let i = 1; i < publications.length; i++) {
    const a = new Set(publications[i - 1]?.entries.map((e) => e.entityId));
    const b = new Set(publications[i]?.entries.map((e) => e.entityId));
    console.log(`1260H ${publications[i]?.date}: left ${[...a].filter((x) => !b.has(x)).join(', ')}`);
  }
  return { publications, relations, renamed };
}

/** A printed-name change that is more than punctuation, case or legal form. */
function renamedCandidate(a: string, b: string): boolean {
  const k = (s: string): string => s.toLowerCase().replace(/[’']/g, '').replace(/\(.*?\)/g, '').replace(/\b(co|ltd|limited|company|corporation|corp|inc|group)\b/g, '').replace(/[^a-z0-9]/g, '');
  return k(a) !== k(b);
}

/**
 * The interim 1260H notices between editions: Hesai's re-designation (Oct 2024), the
 * AMEC/IDG removal (Dec 2024) and the withdrawn February 2026 document (no effect).
 */
export function interim1260h(reg: Registry): Publication[] {
  const id = (name: string): string => {
    const x = reg.find(name);
    if (!x) throw new Error(`1260H interim: no entity for ${name}`);
    return x;
  };
  const withdrawnAdds = ['Alibaba Group Holding Limited', 'Baidu, Inc.', 'BYD Company Limited', 'WuXi AppTec Co., Ltd.', 'Robosense Technology Co., Ltd.', 'TP-Link Technologies Co., Ltd.'];
  // The 12 entities the transcription end-dates on 2026-02-17 (matches "12 removed" in the press).
  const withdrawnRemoves = ['Anhui Sun Create Electronics Co., Ltd.', 'ChangXin Memory Technologies, Inc.', 'China International Information Services Ltd.', 'China National Chemical Engineering Co., Ltd.', 'China Traffic Construction USA, Inc.', 'CNOOC China Limited', 'CNOOC International Trading Co., Ltd.', 'COSCO SHIPPING Finance Co., Ltd.', 'Costar Group Co., Ltd.', 'GLARUN Technology Co., Ltd.', 'Taiji Computer Co., Ltd.', 'Yangtze Memory Technologies Co., Ltd.'];
  return [
    {
      id: `${LIST}/2024-10-23-hesai`, listId: LIST, date: '2024-10-23', kind: 'redesignation',
      title: 'Notice of Designation of Chinese Military Company (Hesai removed on its original record and designated anew)',
      citation: 'FR Doc 2024-24723, 89 FR 84547 (2024-10-23)', url: 'https://lexbuild.dev/fr/2024/10/2024-24723',
      sourceIds: ['fr-2024-24723', 'facts-S9', 'facts-S31'],
      entries: [{ entityId: id('Hesai Technology Co., Ltd.'), printedName: 'Hesai Technology Co., Ltd.' }],
      note: 'DoD told the court on 2024-10-16 that it had removed Hesai on the original listing record and re-designated it "based on the latest information available". The OpenSanctions note cites 89 FR 86230 (2024-10-29) for Hesai; what that notice is remains UNVERIFIED.',
    },
    {
      id: `${LIST}/2024-12-13-removal`, listId: LIST, date: '2024-12-13', kind: 'removal',
      title: 'Notice of Removal of Designated Chinese Military Companies (AMEC, IDG Capital)',
      citation: 'FR Doc 2024-30018', url: 'https://usregs.ai/regulations/2024-30018-notice-of-removal-of-designated-chinese-military-companies',
      sourceIds: ['fr-2024-30018', 'facts-S10', 'facts-S32'],
      entries: [
        { entityId: id('Advanced Micro-Fabrication Equipment Inc. China'), printedName: 'Advanced Micro-Fabrication Equipment Inc. China (AMEC)', action: 'remove' },
        { entityId: id('IDG Capital Partners Co., Ltd.'), printedName: 'IDG Capital Partners Co., Ltd.', action: 'remove' },
      ],
      verified: false,
      // Provenance (not shown to users): a correction to the OpenSanctions transcription, which has no end date for these two.
      note: 'Removal effective 2024-12-13, FR publication 2024-12-17 per secondary sources; the exact date is UNVERIFIED. No explanation was given.',
    },
    {
      id: `${LIST}/2026-02-13-withdrawn`, listId: LIST, date: '2026-02-13', kind: 'withdrawn',
      title: 'Updated 1260H list placed on FR public inspection and withdrawn about an hour later at DoD request',
      sourceIds: ['fr-withdrawn-2026-02-13', 'facts-S21', 'facts-S22', 'facts-S23'],
      entries: [
        ...withdrawnAdds.map((n) => ({ entityId: id(n), printedName: n, action: 'add' as const })),
        ...withdrawnRemoves.map((n) => ({ entityId: id(n), printedName: n, action: 'remove' as const })),
      ],
      verified: false,
      note: 'Withdrawn before publication: NO legal effect; the 2025 edition (134) stayed in force. Reported additions include Alibaba, Baidu, BYD, WuXi AppTec, RoboSense and TP-Link (Unitree and BOE per one low-reliability report, not recorded here). Washington Times: 154 entities incl. 12 removals; Kharon: 68 entities named. The 12 removals listed are those the OpenSanctions transcription end-dates on 2026-02-17 (inference: UNVERIFIED); YMTC, CXMT and COSCO Shipping Finance are named as removed by the press.',
    },
  ];
}
