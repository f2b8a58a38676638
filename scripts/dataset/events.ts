/**
 * Dated events (statements, lawsuits, rulings, letters, the withdrawn document, renames),
 * each with sources and a verified flag, from shared/facts/lists.md and 1260h-history.md.
 * Only what those facts support is recorded; see data/README.md for what was left out.
 */
import type { ListEvent, Source } from '../../src/core/model.js';
import type { Registry } from './registry.js';

/** Sources cited only in 1260h-history.md (no [S#] in lists.md). */
export const historySources: Source[] = [
  { id: 'hist-ymtc-reuters-2025-12-08', title: 'Reuters (Mike Scarcella), YMTC sues the Pentagon over its Chinese military company designation, via srnnews.com', publisher: 'Reuters', date: '2025-12-08', quality: 'S', note: 'Cited in shared/facts/1260h-history.md §B.' },
  { id: 'hist-amec-ctol-2024-08', title: 'AMEC statements quoted by uillumaror.com and ctol.digital (removal from the CCMC list on 2021-06-03 after its appeal)', publisher: 'AMEC (company statement, quoted)', date: '2024-08-20', quality: 'S', note: 'Cited in shared/facts/1260h-history.md §B.' },
];

type Ev = Omit<ListEvent, 'entityIds' | 'listIds'> & { entities?: string[]; lists?: string[] };
type Renames = Map<string, { from: string; to: string; date: string; verified: boolean }>;

/** Builds every event; `renamed` holds the 1260H renames found while reading the editions. */
export function buildEvents(reg: Registry, renamed: Renames): ListEvent[] {
  const id = (name: string): string => {
    const x = reg.find(name);
    if (!x) throw new Error(`events: no entity for "${name}"`);
    return x;
  };
  const out: ListEvent[] = [];
  const add = (e: Ev): void => {
    const { entities = [], lists = ['us-dod-1260h'], ...rest } = e;
    out.push({ ...rest, entityIds: entities.map(id), listIds: lists });
  };
  for (const [eid, r] of renamed) {
    out.push({
      id: `rename-${eid}-${r.date}`, date: r.date, kind: 'rename', title: `Printed as "${r.to}" (formerly "${r.from}")`,
      detail: 'The same entity printed under a new name in this 1260H edition: a rename, not a removal plus an addition.' + (r.verified ? '' : ' UNVERIFIED that these are the same company (facts: 1260h-history.md).'),
      entityIds: [eid], listIds: ['us-dod-1260h'], sourceIds: [`dod-1260h-${r.date}`, 'opensanctions-dod-1260h'], verified: r.verified,
    });
  }
  const X = "Xi'an Aircraft Industry Group Co., Ltd.";
  add({ id: 'folded-xian-aircraft-2026-06-08', date: '2026-06-08', kind: 'rename', title: `"${X}" printed only as the former name of AVIC Xi'an Aircraft Industry Group Company Ltd.`, detail: 'The 2025 edition listed both separately; the 2026 edition prints "AVIC Xi’an Aircraft Industry Group Company Ltd. (formerly Xi’an Aircraft Industry Group Co., Ltd.)" and no longer lists the latter on its own, so its separate listing ends with the 2026 edition.', entities: [X, "AVIC Xi'an Aircraft Industry Group Company Ltd."], sourceIds: ['dod-1260h-2026-06-08', 'opensanctions-dod-1260h'], verified: true });
  letters(add);
  withdrawn(add, id);
  statements(add, id);
  litigation1237(add);
  litigation1260h(add);
  return out;
}

function letters(add: (e: Ev) => void): void {
  add({ id: 'proposal-2019-09-11-cotton', date: '2019-09-11', kind: 'proposal', title: 'Sens. Cotton and Schumer, Reps. Gallagher and Gallego urge SecDef Esper to publish the §1237 list', lists: ['us-dod-1237'], sourceIds: ['facts-S55', 'facts-S142'], verified: true });
  add({ id: 'proposal-2024-01-29-budd', date: '2024-01-29', kind: 'proposal', title: 'Sen. Budd and six senators write to SecDef Austin about the failure to publish the 1260H list annually', detail: 'Signatories: Budd, Cotton, Ernst, R. Scott, Cramer, Fischer, Tuberville. Asks to publish the annual list and for a briefing.', sourceIds: ['facts-S18'], verified: true });
  add({ id: 'proposal-2025-10-07-feinberg', date: '2025-10-07', kind: 'proposal', title: 'Deputy SecDef Feinberg letter to the Armed Services Committees: Alibaba, Baidu and BYD should be added', detail: 'Also named: Eoptolink, Hua Hong, RoboSense, WuXi AppTec and Zhongji Innolight.', entities: ['Alibaba Group Holding Limited', 'Baidu, Inc.', 'BYD Company Limited', 'Robosense Technology Co., Ltd.', 'WuXi AppTec Co., Ltd.', 'Zhongji Innolight Co., Ltd.'], namesUrged: ['Alibaba', 'Baidu', 'BYD', 'Eoptolink', 'Hua Hong', 'RoboSense', 'WuXi AppTec', 'Zhongji Innolight'], sourceIds: ['facts-S20', 'facts-S24'], verified: true });
  add({ id: 'proposal-2025-12-18-lawmakers', date: '2025-12-18', kind: 'proposal', title: 'Nine Republican lawmakers (Moolenaar, R. Scott and others) urge SecWar Hegseth to add DeepSeek, Xiaomi, BOE and others', detail: 'Names per Reuters: DeepSeek, Xiaomi, BOE, WuXi AppTec, GenScript, RoboSense, Livox, Unitree, CloudMinds, Hua Hong, Shennan Circuit, Kingsemi; the committee release also names Gotion (17 companies in all); other reports add Tianma, LeiShen, Tiandy and WuXi Biologics/XDC. The exact 17-name list is UNVERIFIED: sources differ. The June 2026 edition includes BOE, Unitree (Hangzhou Yushu), WuXi AppTec, RoboSense and Tianma.', entities: ['Xiaomi Corporation', 'BOE Technology Group Company Limited', 'WuXi AppTec Co., Ltd.', 'Robosense Technology Co., Ltd.', 'Hangzhou Yushu Technology Co., Ltd.', 'Gotion High tech Company, Limited', 'Tianma Microelectronics Co., Ltd.'], namesUrged: ['DeepSeek', 'Xiaomi', 'BOE', 'WuXi AppTec', 'GenScript', 'RoboSense', 'Livox', 'Unitree', 'CloudMinds', 'Hua Hong', 'Shennan Circuit', 'Kingsemi', 'Gotion', 'Tianma', 'LeiShen', 'Tiandy', 'WuXi Biologics'], sourceIds: ['facts-S143', 'facts-S24', 'facts-S144', 'facts-S145', 'facts-S44'], verified: false });
}

function withdrawn(add: (e: Ev) => void, id: (n: string) => string): void {
  add({ id: 'withdrawn-2026-02-13', date: '2026-02-13', kind: 'withdrawn-publication', title: 'Updated 1260H list placed on Federal Register public inspection and withdrawn about an hour later at DoD request', detail: 'FR editorial note: "An agency letter requesting withdrawal of this document was received after placement on public inspection." Not an effective edition: the 134-entity 2025 edition stayed in force. Reported additions: Alibaba, Baidu, BYD, WuXi AppTec, RoboSense, TP-Link; reported removals include YMTC, CXMT and COSCO Shipping Finance (12 per the Washington Times).', entities: ['Alibaba Group Holding Limited', 'Baidu, Inc.', 'BYD Company Limited', 'Yangtze Memory Technologies Co., Ltd.', 'ChangXin Memory Technologies, Inc.', 'COSCO SHIPPING Finance Co., Ltd.'], sourceIds: ['facts-S21', 'facts-S22', 'facts-S23'], verified: true });
  add({ id: 'withdrawn-2026-02-14', date: '2026-02-14', kind: 'withdrawn-publication', title: 'Report of a second issuance and retraction of the updated 1260H list', sourceIds: ['facts-S45'], verified: false });
  for (const n of ['Yangtze Memory Technologies Co., Ltd.', 'ChangXin Memory Technologies, Inc.']) {
    add({ id: `unverified-2026-membership-${id(n)}`, date: '2026-06-08', kind: 'designation', title: `${n} listed in the June 2026 edition (UNVERIFIED)`, detail: 'Listed per the OpenSanctions transcription of the DoD PDF, with DoD basis notes; a third-party parse of FR 2026-11571 omits it (probably a parser artefact). Named as removed in the withdrawn February 2026 document. Check against FR 2026-11571.', entities: [n], sourceIds: ['dod-1260h-2026-06-08', 'opensanctions-dod-1260h', 'facts-S40'], verified: false });
  }
  for (const [n, why] of [['Fujian Torch Electron Technology Co., Ltd.', 'No apparent U.S. nexus'], ['China International Engineering Consulting Corporation', 'No apparent U.S. nexus'], ['SMIC Hong Kong International Company Limited', 'No longer owned by SMIC']] as const) {
    add({ id: `removal-2024-01-31-${id(n)}`, date: '2024-01-31', kind: 'removal', title: `Removed from the 1260H list in the January 2024 update: "${why}"`, entities: [n], sourceIds: ['dod-1260h-2024-01-31', 'facts-S3', 'opensanctions-dod-1260h'], verified: true });
  }
}

function statements(add: (e: Ev) => void, id: (n: string) => string): void {
  void id;
  add({ id: 'statement-2025-01-07-tencent', date: '2025-01-07', kind: 'statement', title: 'Tencent says it will seek reconsideration and, if necessary, start legal proceedings', detail: 'No lawsuit was found (as of Oct 2026).', entities: ['Tencent Holdings Limited'], sourceIds: ['facts-S136', 'facts-S137'], verified: true });
  add({ id: 'statement-2025-01-07-catl', date: '2025-01-07', kind: 'statement', title: 'CATL threatens legal action over its listing', detail: 'No lawsuit was found.', entities: ['Contemporary Amperex Technology Co., Ltd.'], sourceIds: ['facts-S138'], verified: true });
  add({ id: 'reconsideration-2025-01-quectel', date: '2025-01-01', datePrecision: 'month', kind: 'reconsideration-request', title: 'Quectel says it will ask DoD to reconsider its listing', detail: 'Still listed in the June 2026 edition. No lawsuit found.', entities: ['Quectel Wireless Solutions Co., Ltd.'], sourceIds: ['facts-S19'], verified: true });
  add({ id: 'reconsideration-2025-04-catl', date: '2025-04-22', kind: 'reconsideration-request', title: 'CATL says it is "engaging directly with DoD" to correct the listing', detail: 'Reported 2025-04-22. Still listed in the June 2026 edition.', entities: ['Contemporary Amperex Technology Co., Ltd.'], sourceIds: ['facts-S139'], verified: true });
}

function litigation1237(add: (e: Ev) => void): void {
  const lists = ['us-dod-1237'];
  const xiaomi = ['Xiaomi Corporation'];
  add({ id: 'lawsuit-xiaomi', date: '2021-01-29', kind: 'lawsuit-filed', title: 'Xiaomi sues DoD over its CCMC designation', court: 'D.D.C.', docket: '1:21-cv-00280', detail: 'Filing date per the 1237 compilation; Techspot says February (exact date UNVERIFIED).', entities: xiaomi, lists, sourceIds: ['dod-1237-compiled', 'facts-S27'], verified: false });
  add({ id: 'ruling-xiaomi-pi', date: '2021-03-12', kind: 'court-ruling', title: 'Xiaomi Corp. v. DoD: preliminary injunction granted (Judge Contreras)', court: 'D.D.C.', docket: '1:21-cv-00280-RC', detail: 'The securities ban would otherwise have applied from 2021-03-15.', entities: xiaomi, lists, sourceIds: ['facts-S27', 'facts-S50'], verified: true });
  add({ id: 'statement-xiaomi-jsr', date: '2021-05-11', kind: 'statement', title: 'Joint status report: DoD agrees a final order vacating Xiaomi\'s designation is appropriate', court: 'D.D.C.', docket: '1:21-cv-00280-RC', entities: xiaomi, lists, sourceIds: ['facts-S63'], verified: true });
  add({ id: 'ruling-xiaomi-vacatur', date: '2021-05-25', kind: 'court-ruling', title: 'Final order vacating Xiaomi\'s CCMC designation', court: 'D.D.C.', docket: '1:21-cv-00280-RC', detail: 'Per Xiaomi\'s announcement; the docket entry was not seen (secondary). Modelled as a removal notice of the 1237 list on this date.', entities: xiaomi, lists, sourceIds: ['facts-S64'], verified: false });
  add({ id: 'lawsuit-luokung', date: '2021-03-04', kind: 'lawsuit-filed', title: 'Luokung Technology sues DoD over its CCMC designation', court: 'D.D.C.', docket: '1:21-cv-00583', detail: 'DoD had printed the name as "Luokong" (corrected 2021-03-09).', entities: ['Luokung Technology Corporation'], lists, sourceIds: ['facts-S28', 'dod-1237-compiled'], verified: true });
  add({ id: 'ruling-luokung-pi', date: '2021-05-05', kind: 'court-ruling', title: 'Luokung Tech. Corp. v. DoD: preliminary injunction granted, 538 F. Supp. 3d 174', court: 'D.D.C.', docket: '1:21-cv-00583-RC', detail: 'Final disposition UNVERIFIED (the list was withdrawn 2021-06-03).', entities: ['Luokung Technology Corporation'], lists, sourceIds: ['facts-S28'], verified: true });
  add({ id: 'lawsuit-gowin', date: '2021-05-21', kind: 'lawsuit-filed', title: 'GOWIN Semiconductor sues DoD over its CCMC designation', court: 'D.D.C.', detail: 'Overtaken by the 2021-06-03 withdrawal (UNVERIFIED). Single secondary source (Communications Daily, 2021-05-25).', entities: ['GOWIN Semiconductor Corp'], lists, sourceIds: ['dod-1237-compiled'], verified: false });
  add({ id: 'removal-amec-1237', date: '2021-06-03', kind: 'removal', title: 'AMEC says it was removed from the CCMC list after its administrative appeal (the whole list was withdrawn that day)', entities: ['Advanced Micro-Fabrication Equipment Inc. China'], lists, sourceIds: ['facts-S33', 'hist-amec-ctol-2024-08'], verified: true });
}

function litigation1260h(add: (e: Ev) => void): void {
  const hesai = ['Hesai Group'];
  const dji = ['Shenzhen DJI Technology Co., Ltd.'];
  add({ id: 'lawsuit-hesai', date: '2024-05-01', datePrecision: 'month', kind: 'lawsuit-filed', title: 'Hesai sues DoD over its 1260H designation', court: 'D.D.C. (Judge Paul Friedman)', docket: '1:24-cv-01381', detail: 'May 2024 per Reuters; one trade report says February 2024 (probably when Hesai announced it would sue, 2024-02-08). Date UNVERIFIED.', entities: hesai, sourceIds: ['facts-S31', 'facts-S29'], verified: false });
  add({ id: 'redesignation-hesai', date: '2024-10-23', kind: 're-designation', title: 'DoD removes Hesai on its original record and re-designates it (FR 2024-24723, 89 FR 84547)', detail: 'Court filing of 2024-10-16; FR notice 2024-10-23.', entities: hesai, sourceIds: ['fr-2024-24723', 'facts-S9', 'facts-S31'], verified: true });
  add({ id: 'ruling-hesai', date: '2025-07-11', kind: 'court-ruling', title: 'District court upholds Hesai\'s designation (MCF enterprise zone prong)', court: 'D.D.C.', docket: '1:24-cv-01381', entities: hesai, sourceIds: ['facts-S30', 'facts-S31'], verified: true });
  add({ id: 'appeal-hesai', date: '2025-07-14', kind: 'appeal', title: 'Hesai appeals to the D.C. Circuit', court: 'D.C. Cir.', docket: '25-5256', detail: 'Appeal noticed 13–14 Jul 2025; opening brief about Dec 2025. Outcome UNVERIFIED (no decision found). Docket number not independently verified.', entities: hesai, sourceIds: ['facts-S35', 'facts-S36'], verified: true });
  add({ id: 'lawsuit-amec-1260h', date: '2024-08-14', kind: 'lawsuit-filed', title: 'AMEC sues DoD over its 1260H designation (announced 2024-08-16)', court: 'D.D.C.', docket: '1:24-cv-02357', entities: ['Advanced Micro-Fabrication Equipment Inc. China'], sourceIds: ['facts-S32', 'facts-S33'], verified: true });
  add({ id: 'removal-2024-12-13', date: '2024-12-13', kind: 'removal', title: 'DoD removes AMEC and IDG Capital from the 1260H list without explanation (FR 2024-30018)', detail: 'FR publication 2024-12-17 per secondary sources (exact date UNVERIFIED). AMEC\'s suit then wound down (joint status report 2024-12-20; final dismissal date UNVERIFIED). IDG had sought "clarification and redress"; no suit found.', entities: ['Advanced Micro-Fabrication Equipment Inc. China', 'IDG Capital Partners Co., Ltd.'], sourceIds: ['fr-2024-30018', 'facts-S10', 'facts-S32'], verified: true });
  add({ id: 'lawsuit-dji', date: '2024-10-18', kind: 'lawsuit-filed', title: 'DJI sues DoD over its 1260H designation', court: 'D.D.C. (Judge Paul Friedman)', docket: '1:24-cv-02970', detail: 'Exact filing date UNVERIFIED (Oct 2024).', entities: dji, sourceIds: ['facts-S134', 'facts-S133'], verified: false });
  add({ id: 'ruling-dji', date: '2025-09-26', kind: 'court-ruling', title: 'District court upholds DJI\'s designation while rejecting several DoD rationales', court: 'D.D.C.', docket: '1:24-cv-02970', entities: dji, sourceIds: ['facts-S131', 'facts-S133'], verified: true });
  add({ id: 'appeal-dji', date: '2025-10-14', kind: 'appeal', title: 'DJI appeals to the D.C. Circuit', court: 'D.C. Cir.', docket: '25-5367', detail: 'Filed about 14 Oct 2025.', entities: dji, sourceIds: ['facts-S132', 'facts-S134'], verified: true });
  add({ id: 'appeal-dji-argued', date: '2026-02-06', kind: 'appeal', title: 'D.C. Circuit hears argument in SZ DJI Technology v. DoD', court: 'D.C. Cir.', docket: '25-5367', detail: 'Decision not found (UNVERIFIED / pending as of Oct 2026).', entities: dji, sourceIds: ['facts-S135'], verified: true });
  add({ id: 'lawsuit-ymtc', date: '2025-12-05', kind: 'lawsuit-filed', title: 'YMTC sues DoD over its 1260H designation', court: 'D.D.C. (per Reuters; one source says Court of Federal Claims: UNVERIFIED)', detail: 'Filed the Friday before the Reuters report of 2025-12-08. YMTC also sued Commerce over the Entity List. Outcome unknown.', entities: ['Yangtze Memory Technologies Co., Ltd.'], sourceIds: ['hist-ymtc-reuters-2025-12-08'], verified: false });
  add({ id: 'lawsuit-alibaba', date: '2026-06-23', kind: 'lawsuit-filed', title: 'Alibaba sues DoD/DoW over its 1260H designation', court: 'UNVERIFIED: N.D. Cal. (San Jose) per ITMagazine and coindesk.cc; D.D.C. per The Monexus', detail: 'Alleges the designation is arbitrary and lacks basis in fact or law. Case number UNVERIFIED. Pending.', entities: ['Alibaba Group Holding Limited'], sourceIds: ['facts-S34', 'facts-S140', 'facts-S141'], verified: false });
}
