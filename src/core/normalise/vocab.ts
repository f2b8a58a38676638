/**
 * Word lists of the Latin-script pipeline: legal forms, abbreviations, filler words and
 * branch markers. Words are given already normalised (lower case, plural folded), because
 * they are compared with normalised tokens.
 */

/**
 * English (and common foreign) legal-form and corporate-structure words. They stay in the
 * token list but weigh little: "Co., Ltd." vs "Corporation" must not decide a match.
 */
export const LEGAL_FORMS_EN: ReadonlySet<string> = new Set([
  'co', 'company', 'ltd', 'limited', 'corp', 'corporation', 'inc', 'incorporated', 'llc', 'lp', 'llp',
  'plc', 'gmbh', 'ag', 'sa', 'sarl', 'bv', 'nv', 'pty', 'pte', 'jsc', 'ojsc', 'cjsc', 'pjsc',
  'ooo', 'zao', 'oao', 'sdn', 'bhd', 'kg', 'spa', 'srl', 'ab', 'oy', 'kk', 'joint', 'stock',
]);

/**
 * Corporate-structure words: weaker than a name word, stronger than a legal form, because
 * "SMIC Holdings" and "SMIC" are different listed entities while "Co., Ltd." never tells two apart.
 */
export const STRUCTURE_WORDS: ReadonlySet<string> = new Set(['holding', 'group']);

/** Canonical spelling of legal-form words, to compare legal forms ("Co." = "Company"). */
export const LEGAL_CANONICAL: Readonly<Record<string, string>> = {
  co: 'company', ltd: 'limited', corp: 'corporation', inc: 'incorporated',
};

/** Filler words that carry no identity ("of", "the", "and"). */
export const STOPWORDS: ReadonlySet<string> = new Set(['of', 'the', 'and', 'for', 'de', 'la', 'le', 'du', 'des', 'a', 'an', 'in']);

/** Titles and honorifics before a person's name ("Mr.", "Präsident", "Shaikh"): filler, not identity. */
export const TITLES: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'miss', 'mister', 'sir', 'madam', 'madame', 'mme', 'monsieur', 'herr', 'frau', 'president', 'prasident', 'praesident', 'sheikh', 'shaikh', 'prof']);

/**
 * Abbreviations companies and registries print, to their full (normalised) words.
 * The first expansion replaces the token; the others are accepted as equal when scoring
 * ("Elec" may be Electronic or Electric).
 */
export const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  tech: ['technology', 'technical'],
  techn: ['technology'],
  technol: ['technology'],
  intl: ['international'],
  int: ['international'],
  comm: ['communication', 'commercial'],
  commun: ['communication'],
  grp: ['group'],
  corp: ['corporation'],
  elec: ['electronic', 'electric', 'electrical'],
  electr: ['electronic', 'electric'],
  ind: ['industry', 'industrial'],
  indu: ['industry'],
  indus: ['industry', 'industrial'],
  inds: ['industry'],
  indl: ['industrial'],
  eng: ['engineering'],
  engg: ['engineering'],
  engr: ['engineering'],
  sci: ['science', 'scientific'],
  natl: ['national'],
  nat: ['national'],
  svc: ['service'],
  svcs: ['service'],
  serv: ['service'],
  mfg: ['manufacturing'],
  manuf: ['manufacturing'],
  res: ['research'],
  inst: ['institute'],
  univ: ['university'],
  acad: ['academy'],
  dev: ['development'],
  devel: ['development'],
  equip: ['equipment'],
  info: ['information'],
  mgmt: ['management'],
  mgt: ['management'],
  hldg: ['holding'],
  hldgs: ['holding'],
  assn: ['association'],
  assoc: ['association'],
  sys: ['system'],
  pharm: ['pharmaceutical'],
  pharma: ['pharmaceutical'],
  chem: ['chemical'],
  mach: ['machinery'],
  prod: ['product'],
  intern: ['international'],
  invest: ['investment'],
  aero: ['aerospace', 'aeronautic'],
  aviat: ['aviation'],
  constr: ['construction'],
  cnstr: ['construction'],
  ntwk: ['network'],
  netwk: ['network'],
  avn: ['aviation'],
  elecs: ['electronic'],
  semicon: ['semiconductor'],
  microelec: ['microelectronic'],
  bros: ['brother'],
  '1st': ['first'],
  '2nd': ['second'],
  '3rd': ['third'],
};

/** Words that mark a branch or office of a company; the branch itself is not what a list names. */
export const BRANCH_WORDS: ReadonlySet<string> = new Set(['branch', 'subbranch']);

/** Words that may follow a branch marker ("Branch Office", "Branch Company"). */
export const BRANCH_FOLLOWERS: ReadonlySet<string> = new Set(['office', 'company', 'co']);
