/**
 * Hand decisions on entity identity, by printed name → entity id. Each is explained;
 * data/README.md lists the doubtful ones.
 */
export const overrides: Record<string, string> = {
  // Rename printed by DoD in 2026 as "Hesai Group (also known as Hesai Technology Co., Ltd.)":
  // one entity (chinese-names.csv keeps two keys, operating company vs group).
  'Hesai Technology Co., Ltd.': 'hesai-group',
  'Hesai Group': 'hesai-group',
  // 1260h-history.md: Wenchong → Wenchuan is a rename, UNVERIFIED that they are the same company.
  'Guangzhou Wenchong Shipyard Co., Ltd.': 'guangzhou-wenchong-shipyard',
  'Guangzhou Wenchuan Heavy Industry Co., Ltd.': 'guangzhou-wenchong-shipyard',
  // 1260h-history.md: "China Communications Constructions USA" → "China Communications Construction (USA) Co."
  'China Communications Constructions USA, Inc.': 'china-communications-construction-usa',
  'China Communications Construction (USA) Co., Ltd.': 'china-communications-construction-usa',
  // Spelling change 2025 → 2026 (same chinese-names key cu_grp_bvi).
  'China Unicom Group (BVI) Co., Ltd.': 'china-unicom-group-bvi',
  'China Unicom Group Corporation (BVI) Co., Ltd.': 'china-unicom-group-bvi',
  // ZEMIC printed in 2026 as the former name of AVIC Chengdu Aircraft: one entity.
  'AVIC Chengdu Aircraft Co., Ltd.': 'zhonghang-electronic-measuring-instruments',
  'Zhonghang Electronic Measuring Instruments Company Limited': 'zhonghang-electronic-measuring-instruments',
  // SPLIT: DoD printed both "China Telecommunications Corporation" and "China Telecom Group Co., Ltd."
  // in the 2024 edition, so the record cannot merge them although chinese-names.csv gives one key.
  'China Telecom Group Co., Ltd.': 'china-telecom-group',
  // SPLIT: the 2025 edition prints both AVIC Xi'an Aircraft Industry Group Company Ltd. and
  // Xi'an Aircraft Industry Group Co., Ltd.; in 2026 the latter is printed as AVIC Xi'an's former name.
  "Xi'an Aircraft Industry Group Co., Ltd.": 'xian-aircraft-industry-group',
  // Readable id: CNOOC Limited (listed company), not China National Offshore Oil Corporation.
  'CNOOC Limited': 'cnooc-limited',
  // Statutory short names (§889, FCC) for the 1260H companies.
  'Huawei Technologies Company': 'huawei-technologies',
  'Huawei Technologies Co., Ltd.': 'huawei-technologies',
  'Huawei': 'huawei-technologies',
  'Hangzhou Hikvision Digital Technology Company': 'hangzhou-hikvision-digital-technology',
  'Hangzhou Hikvision Digital Technology Co., Ltd.': 'hangzhou-hikvision-digital-technology',
  'Hikvision': 'hangzhou-hikvision-digital-technology',
  // DOUBTFUL: §889/FCC "Dahua Technology Company" taken as Zhejiang Dahua Technology Co., Ltd.
  'Dahua Technology Company': 'zhejiang-dahua-technology',
  'Zhejiang Dahua Technology Co., Ltd.': 'zhejiang-dahua-technology',
  'ChangXin Memory Technologies': 'changxin-memory-technologies',
  'ChangXin Memory Technologies, Inc.': 'changxin-memory-technologies',
  'Yangtze Memory Technologies Corp': 'yangtze-memory-technologies',
  'Yangtze Memory Technologies Co., Ltd.': 'yangtze-memory-technologies',
  'Contemporary Amperex Technology Company, Limited': 'contemporary-amperex-technology',
  'Contemporary Amperex Technology Co., Ltd.': 'contemporary-amperex-technology',
  'EVE Energy Company, Limited': 'eve-energy',
  'EVE Energy Co., Ltd.': 'eve-energy',
  'BYD Company, Limited': 'byd',
  'BYD Company Limited': 'byd',
};

/** Entity ids whose printed rename is UNVERIFIED. */
export const unverifiedRenames = new Set(['guangzhou-wenchong-shipyard']);

/**
 * Group links between records that are NOT one company (so not merged by identity.ts): OFAC lists
 * a Cayman holding company on NS-CMIC, DoD its onshore operating company on 1260H. Recorded as a
 * subsidiary-of relation so a screen or dossier of either shows the other's listing; the
 * ownership itself is UNVERIFIED (analyst notes in chinese-names.csv), and the evidence says so.
 */
export const groupRelations: { sub: string; parent: string; sourceIds: string[]; evidence: string }[] = [
  {
    sub: 'Beijing Megvii Technology Co., Ltd.', parent: 'Megvii Technology Limited',
    sourceIds: ['trade-csl-2023-11', 'facts-S66', 'facts-S74', 'chinese-names-csv'],
    evidence: 'One group on two lists: DoD lists the onshore operating company (1260H), OFAC the Cayman holding company (NS-CMIC), whose entry also gives a Beijing address (Raycom Infotech Park, Haidian District); the facts sheet counts Megvii among the names on both lists. That the Cayman company holds the Beijing one is UNVERIFIED (analyst note in chinese-names.csv); ownership share not recorded.',
  },
  {
    sub: 'Shanghai Yitu Network Technology Co., Ltd.', parent: 'Yitu Limited',
    sourceIds: ['trade-csl-2023-11', 'facts-S66', 'facts-S74', 'chinese-names-csv'],
    evidence: 'One group on two lists: DoD lists the Shanghai operating company (1260H), OFAC the Cayman company YITU LIMITED (NS-CMIC); the facts sheet counts Yitu among the names on both lists. That the Cayman company holds the Shanghai one is UNVERIFIED (analyst note in chinese-names.csv); ownership share not recorded.',
  },
];
