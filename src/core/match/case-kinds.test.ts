/**
 * One named example per kind of variation the matcher must handle (issue #8), on a small
 * list screened at the default threshold. Examples are made up or public names, not eval rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexOf } from '../../test-support/small-index.js';
import { analyseName } from '../normalise/pipeline.js';
import { DEFAULT_THRESHOLD, matchQuery } from './match.js';
import type { ScreenIndex } from './types.js';

const LIST = [
  ['Siemens AG'],
  ['Volkswagen Bank GmbH'],
  ['Stripe Limited Liability Company'],
  ['HSBC Holdings plc'],
  ['OOO Oboronnye Initsiativy'],
  ['A.B.C. Company'],
  ['Vanderbilt Shipping Corp'],
  ['Goodwill Company'],
  ['AEROCARIBBEAN AIRLINES'],
  ['Xi Jinping'],
  ['Wang Wei'],
  ['Sergei Lavrov'],
  ['Lindenberg Precision Instruments Ltd'],
  ['Burgers AG'],
  ['WintersGmbH'],
  ['Kowalczyk Budownictwo'],
  ['Tatra Strojárne spol. s r.o.'],
  ['Severnaya Zvezda'],
  ['Open Joint Stock Company Uralmash Zavod'],
  ['Bharat Precision Private Limited'],
  ['Kangaroo Freight Pty Ltd'],
  ['Vltava Strojírny a.s.'],
  ['Penang Circuits Sdn. Bhd.'],
];
const index = indexOf(LIST);
const hits = (q: string): string[] => matchQuery(index, q, DEFAULT_THRESHOLD).map((m) => LIST[m.entity]?.[0] ?? '?');
const finds = (q: string, name: string): void => assert.ok(hits(q).includes(name), `${q} → ${hits(q).join(', ') || 'nothing'}`);
const misses = (q: string, name: string): void => assert.ok(!hits(q).includes(name), `${q} → ${hits(q).join(', ')}`);

/** The entity numbers of the hits of a query on `idx`, at the default threshold. */
function entitiesFound(idx: ScreenIndex): (q: string) => number[] {
  return (q) => matchQuery(idx, q, DEFAULT_THRESHOLD).map((m) => m.entity);
}

/** The names of the hits of `q` on a list of its own, at the default threshold. */
function screenOn(list: string[][]): (q: string) => string[] {
  const found = entitiesFound(indexOf(list));
  return (q) => found(q).map((e) => list[e]?.[0] ?? '?');
}

test('legal forms of other jurisdictions, spelled out or dotted', () => {
  finds('Siemens Aktiengesellschaft', 'Siemens AG');
  finds('Volkswagen Bank G.m.b.H.', 'Volkswagen Bank GmbH');
  finds('Stripe LLC', 'Stripe Limited Liability Company');
  finds('HSBC Holdings p.l.c.', 'HSBC Holdings plc');
  finds('Oboronnye Initsiativy o.O.O.', 'OOO Oboronnye Initsiativy');
  finds('ООО Оборонные Инициативы', 'OOO Oboronnye Initsiativy');
});

test('legal forms written as two short words and spelled out (GLEIF rows that list both), and full names GLEIF lists without an abbreviation', () => {
  finds('Bharat Precision Pvt. Ltd.', 'Bharat Precision Private Limited');
  finds('BHARAT PRECISION PVT LTD', 'Bharat Precision Private Limited');
  finds('Kangaroo Freight Proprietary Limited', 'Kangaroo Freight Pty Ltd');
  finds('Kangaroo Freight Pty Limited', 'Kangaroo Freight Pty Ltd');
  finds('Vltava Strojírny akciová společnost', 'Vltava Strojírny a.s.');
  finds('Penang Circuits Sendirian Berhad', 'Penang Circuits Sdn. Bhd.');
  misses('Bharat Precision Instruments Pvt Ltd', 'Kangaroo Freight Pty Ltd');
});

test('dotted initials, joins and splits', () => {
  finds('ABC Company', 'A.B.C. Company');
  misses('CDE Company', 'A.B.C. Company');
  finds('Van der Bilt Shipping Corp', 'Vanderbilt Shipping Corp');
  finds('Good Will Company', 'Goodwill Company');
});

test('misspellings: two edits in long words, transpositions', () => {
  finds('AEROCARRIBEAN AIRLINES', 'AEROCARIBBEAN AIRLINES');
  finds('AERCOARIBBEAN AIRLINES', 'AEROCARIBBEAN AIRLINES');
  finds('Lindenbreg Precision Instruments', 'Lindenberg Precision Instruments Ltd');
});

test('a title before a person\'s name is filler (titles mined from the SDN list\'s Title fields); not before a company\'s', () => {
  const found = screenOn([['Ayman al-Zawahiri'], ['Ivan Petrovich Sidorov'], ['Director Holdings Limited']]);
  assert.deepEqual(found('Dr. Ayman al-Zawahiri'), ['Ayman al-Zawahiri']);
  assert.deepEqual(found('Colonel Ivan Petrovich Sidorov'), ['Ivan Petrovich Sidorov']);
  assert.equal(analyseName('Director Holdings Limited').latin?.kinds[0], 'core', 'the title word of a company name is no filler');
  assert.equal(analyseName('Dr. Zawahiri').latin?.kinds[0], 'core', 'one word after it: the title may be the name');
});

test('a Chinese company name against a list that prints it only in Latin letters: business words read in English', () => {
  const list = [['Zhejiang Dahua Technology Co., Ltd.'], ['Zhejiang Dahua Holdings Co., Ltd.'], ['Xi\'an Tianhe Defense Technology Co., Ltd.']];
  const found = screenOn(list);
  assert.deepEqual(found('浙江大华技术股份有限公司'), ['Zhejiang Dahua Technology Co., Ltd.']);
  assert.deepEqual(found('西安天和防务技术股份有限公司'), ['Xi\'an Tianhe Defense Technology Co., Ltd.']);
  const m = matchQuery(indexOf(list), '浙江大华技术股份有限公司', DEFAULT_THRESHOLD)[0];
  assert.equal(m?.path, 'han-pinyin');
  assert.ok(m?.notes.some((n) => n.includes('business words in English') && n.includes('技术=technology')), JSON.stringify(m?.notes));
});

test('spellings of a name word that OFAC gives for one person (learned from the SDN aliases) find each other', () => {
  const found = screenOn([['Mohammed Yunus'], ['Khalid Meshal'], ['Ali Hussein Salameh']]);
  assert.deepEqual(found('Muhammad Yunus'), ['Mohammed Yunus']);
  assert.deepEqual(found('Khaled Meshal'), ['Khalid Meshal']);
  assert.deepEqual(found('Ali Hassan Salameh'), [], 'Hassan and Hussein are two names');
});

test('Russian names in the published romanisations (Wikipedia, BGN/PCGN, ICAO passports) against their Cyrillic', () => {
  const found = screenOn([['Геннадий Тимченко'], ['Yevgeny Zolotov'], ['Борис Ротенберг']]);
  assert.deepEqual(found('Gennady Timchenko'), ['Геннадий Тимченко']);
  assert.deepEqual(found('Gennadiy Timchenko'), ['Геннадий Тимченко']);
  assert.deepEqual(found('Евгений Золотов'), ['Yevgeny Zolotov']);
  assert.deepEqual(found('Arkady Rotenberg'), [], 'another given name');
});

test('across scripts: Chinese read as pinyin against Latin-only names, Cyrillic transliterated', () => {
  finds('习近平', 'Xi Jinping');
  finds('王伟', 'Wang Wei');
  const m = matchQuery(index, '习近平', DEFAULT_THRESHOLD)[0];
  assert.equal(m?.path, 'han-pinyin');
  assert.ok(m?.notes.some((n) => n.includes('pinyin')));
  finds('Сергей Лавров', 'Sergei Lavrov');
});

test('distinctive names: a brand alone finds its company; generic words alone do not', () => {
  const idx = indexOf([['Quectel Wireless Solutions Co., Ltd.'], ['Beijing Zhongguancun Development Investment Center'], ['China Mobile Communications Group Co., Ltd.'], ['Acme Technology Group']]);
  const found = entitiesFound(idx);
  assert.deepEqual(found('Quectel'), [0]);
  assert.ok(matchQuery(idx, 'Quectel', DEFAULT_THRESHOLD)[0]?.features.some((f) => f.feature === 'distinctive_name'));
  assert.deepEqual(found('Zhongguancun'), [1]);
  for (const q of ['China', 'Technology', 'Group', 'Technology Group', 'China Communications']) assert.deepEqual(found(q), [], q);
});

test('acronyms and short one-word names match exactly, never through a typo', () => {
  const idx = indexOf([['China State Shipbuilding Corporation', 'CSSC'], ['China Aerospace Science and Industry Corporation', 'CASIC']]);
  assert.deepEqual(matchQuery(idx, 'CSIC', DEFAULT_THRESHOLD), []);
  assert.equal(matchQuery(idx, 'CSSC', DEFAULT_THRESHOLD)[0]?.entity, 0);
});

test('Chinese short forms: a contiguous part of the core that starts distinctively finds its entity', async () => {
  const { buildIndex } = await import('./build-index.js');
  const idx = buildIndex({
    entities: [
      { id: 'dji', name: 'SZ DJI Technology Co., Ltd.', type: 'organization', names: [{ name: '深圳市大疆创新科技有限公司', kind: 'zh-hans', verified: true, sourceIds: [] }], identifiers: [] },
      { id: 'cetc', name: 'China Electronics Technology Group', type: 'organization', names: [{ name: '中国电子科技集团有限公司', kind: 'zh-hans', verified: true, sourceIds: [] }], identifiers: [] },
      { id: 'x', name: 'China Electronic Equipment Co', type: 'organization', names: [{ name: '中国电子设备有限公司', kind: 'zh-hans', verified: true, sourceIds: [] }], identifiers: [] },
    ],
    designations: [],
    publications: [],
    lists: [],
  });
  assert.equal(matchQuery(idx, '大疆创新', DEFAULT_THRESHOLD)[0]?.entity, 0);
  assert.deepEqual(entitiesFound(idx)('中国电子'), [], 'a generic start (中国) is no short form');
});

test('a ≤5-letter acronym one edit from a listed acronym alias is no hit ("CIECC" is not "CNECC")', () => {
  const idx = indexOf([['China Nuclear Engineering Corporation Limited', 'CNECC'], ['China International Engineering Consulting Corporation', 'CIECC']]);
  assert.deepEqual(entitiesFound(idx)('CIECC'), [1]);
  assert.deepEqual(entitiesFound(idx)('CNECC'), [0]);
});

test('person names: a patronymic given or left out, "son of" particles in any spelling', () => {
  finds('Sergei Viktorovich Lavrov', 'Sergei Lavrov');
  finds('LAVROV, Sergei Viktorovich', 'Sergei Lavrov');
  const idx = indexOf([['Abdullah ibn Saud Trading'], ['Khalid Ben Walid']]);
  const found = entitiesFound(idx);
  assert.deepEqual(found('Abdullah bin Saud Trading'), [0]);
  assert.deepEqual(found('Khalid ibn Walid'), [1]);
});

test('digits typed for letters inside a word ("Lavr0v")', () => {
  finds('Serg3i Lavr0v', 'Sergei Lavrov');
  misses('Sergei 4', 'Sergei Lavrov');
});

test('two different legal forms of one jurisdiction are different companies', () => {
  misses('Volkswagen Bank AG', 'Volkswagen Bank GmbH');
  misses('Siemens GmbH', 'Siemens AG');
  // Forms of different jurisdictions, or the English forms suppliers swap, never conflict.
  finds('Oboronnye Initsiativy LLC', 'OOO Oboronnye Initsiativy');
  finds('HSBC Holdings Limited', 'HSBC Holdings plc');
  // A form of one jurisdiction against one written in English: undecided (0.5), not a disagreement.
  const idx = indexOf([['Uralsky Zavod JSC']]);
  const m = matchQuery(idx, 'OAO Uralsky Zavod', DEFAULT_THRESHOLD)[0];
  assert.equal(m?.features.find((f) => f.feature === 'legal_form_agreement')?.value, 0.5);
});

test('person names: given or middle names left out, surname kept', () => {
  const idx = indexOf([['Maria Luisa de Almeida Santos'], ['Agricultural Bank of China'], ['Santos Mining Holdings']]);
  const found = entitiesFound(idx);
  assert.deepEqual(found('Luisa Santos'), [0]);
  assert.ok(matchQuery(idx, 'Luisa Santos', DEFAULT_THRESHOLD)[0]?.features.some((f) => f.feature === 'omitted_given_names'));
  // Not without the surname, not one word alone, never for a company's name.
  assert.deepEqual(found('Maria Luisa'), []);
  assert.ok(!found('Santos').includes(0));
  assert.ok(!matchQuery(idx, 'Bank of China', 0.5).some((m) => m.features.some((f) => f.feature === 'omitted_given_names')));
});

test('a name holding a business word is no person\'s name, unless the list types it as an individual\'s', () => {
  // "China" and "Technology" alone must not find an organisation's alias through the rule for
  // persons' given names left out (the name is not a person's: BUSINESS_WORDS, derived from the lists).
  const org = indexOf([['China Optics Best Technology'], ['Jamal Nasser Hotel']]);
  assert.deepEqual(entitiesFound(org)('China Technology'), []);
  for (const q of ['China Technology', 'Jamal Hotel']) {
    assert.ok(!matchQuery(org, q, 0.5).some((m) => m.features.some((f) => f.feature === 'omitted_given_names')), q);
  }
  // The same words in a name the list types as an individual's: the rule applies.
  const person = indexOf([['China Optics Best Technology'], ['Jamal Nasser Hotel']], ['organization', 'person']);
  assert.deepEqual(entitiesFound(person)('Jamal Hotel'), [1]);
  assert.ok(matchQuery(person, 'Jamal Hotel', DEFAULT_THRESHOLD)[0]?.features.some((f) => f.feature === 'omitted_given_names'));
});

test('generic words alone: leaving a word out of the middle of a generic name names another company', () => {
  const idx = indexOf([['China Electronics Technology Group Corporation'], ['Aviation Industry Corporation of China'], ['Quectel Wireless Solutions Co., Ltd.']]);
  const found = entitiesFound(idx);
  const generic = (q: string): boolean => matchQuery(idx, q, 0.3).some((m) => m.features.some((f) => f.feature === 'generic_words_only'));
  assert.deepEqual(found('China Technology Group'), []);
  assert.ok(generic('China Technology Group'));
  // The name explained up to its end, the whole name, or a distinctive word: not concerned.
  assert.ok(!generic('Aviation Industry Corporation'));
  assert.ok(!generic('China Electronics Technology Group'));
  assert.deepEqual(found('China Electronics Technology Group'), [0]);
  assert.ok(!generic('Quectel Solutions'));
});

test('series and vintages: a Roman numeral before L.P. stays a word; a year is a weak series mark', () => {
  const idx = indexOf([['Harbour Capital Fund IX L.P.'], ['Northwind Auto Receivables Trust 2019-1'], ['CETC Research Institute 32']]);
  const found = entitiesFound(idx);
  assert.deepEqual(found('Harbour Capital Fund X L.P.'), [0]);
  assert.deepEqual(found('Northwind Auto Receivables Trust 2020-1'), [1]);
  // Numbers that are not years still tell entities apart.
  assert.deepEqual(found('CETC Research Institute 13'), []);
});

test('legal forms in an inflected spelling GLEIF does not list verbatim (Romanian article form)', () => {
  const idx = indexOf([['SRL Carpathia Logistic'], ['Carpathia Logistic SA']]);
  const found = entitiesFound(idx);
  assert.deepEqual(found('Societatea cu Raspundere Limitata Carpathia Logistic'), [0]);
});

test('a name written twice with small changes counts once ("Anabela Anabelle Anabell")', () => {
  const idx = indexOf([['Anabela Anabelle Anabell'], ['Anabelle Okafor']]);
  const found = entitiesFound(idx);
  assert.deepEqual(found('Anabelle Anabela'), [0]);
  assert.deepEqual(found('Anabela Mbeki'), []);
});

test('a listed string that joins names with "/" or ";" holds each of them; "A/S" stays whole', () => {
  const idx = indexOf([['Northern Resistance Front/Mountain Brigade'], ['Mendel Shipping A/S']]);
  const found = entitiesFound(idx);
  assert.deepEqual(found('Northern Resistance Front'), [0]);
  assert.deepEqual(found('Mountain Brigade'), [0]);
  assert.deepEqual(found('Mendel Shipping A/S'), [1]);
});

test('person names in either order: word order is no evidence between two persons\' names', () => {
  const idx = indexOf([['Anabela Sousa Tavares'], ['Tavares Sousa Mining Holdings']]);
  const m = matchQuery(idx, 'Tavares Anabela Sousa', DEFAULT_THRESHOLD).find((x) => x.entity === 0);
  assert.equal(m?.features.find((f) => f.feature === 'token_order')?.value, 1);
  const org = matchQuery(idx, 'Sousa Tavares Mining Holdings', 0.5).find((x) => x.entity === 1);
  assert.ok((org?.features.find((f) => f.feature === 'token_order')?.value ?? 1) < 1, 'a company name keeps its order');
});

test('"Import/Export Co." stays one name: a generic word alone is no name of its own', () => {
  const texts = (n: string): string[] => indexOf([[n]]).snapshot.names.map((x) => x.text);
  assert.deepEqual(texts('Sinoparts Import/Export Co.'), ['Sinoparts Import/Export Co.']);
  assert.deepEqual(texts('Northern Front/Mountain Brigade'), ['Northern Front/Mountain Brigade', 'Northern Front', 'Mountain Brigade']);
});

test('a legal form glued to the last word, also when that word is a plural the pipeline folds', () => {
  finds('BurgersAG', 'Burgers AG');
  finds('Winters GmbH', 'WintersGmbH');
  finds('Winters G.m.b.H.', 'WintersGmbH');
});

test('legal forms written partly spelled out or partly dotted, derived from GLEIF\'s abbreviation and name', () => {
  // "sp. z o.o." of "spółka z ograniczoną odpowiedzialnością": also "spółka z o.o.", any dots.
  finds('Kowalczyk Budownictwo spółka z o.o', 'Kowalczyk Budownictwo');
  finds('Kowalczyk Budownictwo Sp. z o.o.', 'Kowalczyk Budownictwo');
  // "Spol. s r. o." of "Spoločnosť s ručením obmedzeným": also "s.r.o." alone, "s.r.o" undotted at the end.
  finds('Tatra Strojárne s.r.o.', 'Tatra Strojárne spol. s r.o.');
  finds('Tatra Strojarne s.r.o', 'Tatra Strojárne spol. s r.o.');
  finds('Tatra Strojárne', 'Tatra Strojárne spol. s r.o.');
});

test('person names: initials of the given names ("JL Morel" for "Jean-Luc Morel"), never an acronym alone', () => {
  const idx = indexOf([['Jean-Luc Morel'], ['United Kingdom Export Finance'], ['Jupiter Partners']]);
  const found = entitiesFound(idx);
  assert.deepEqual(found('JL Morel'), [0]);
  const rev = indexOf([['MOREL, Jean-Luc'], ['Jupiter Partners']]);
  assert.deepEqual(entitiesFound(rev)('JL Morel'), [0]);
  assert.ok(matchQuery(idx, 'JL Morel', DEFAULT_THRESHOLD)[0]?.notes.some((n) => n.startsWith('initials jl')));
  assert.deepEqual(found('U.K. Export Finance'), [1]);
  // Written as initials, they may stand for a company's or an agency's words too; undotted, only for a person's.
  const org = indexOf([['United Kingdom Department for Business and Trade'], ['Kansas Power Company']]);
  assert.deepEqual(entitiesFound(org)('U.K. Department for Business and Trade'), [0]);
  assert.deepEqual(entitiesFound(org)('UK Department for Business and Trade'), []);
  // Different initials, or initials with nothing else matching, are no hit.
  assert.deepEqual(found('JM Morel'), []);
  assert.deepEqual(found('JL'), []);
});

test('a name cut off inside its last word (fixed-width files), but a person\'s word is no prefix abbreviation', () => {
  // Other names that share the given names, so that they weigh as given names do on a list.
  const others = ['Ahmad Karimi', 'Yusuf Demir', 'Hamid Rahimi', 'Omar Khalil', 'Karim Benali', 'Rashid Hamdan'].map((n) => [n]);
  const idx = indexOf([['Ahmad Yusuf Bin Hamid Khalilzadeh'], ['Peter Klaus Hartmannsberger'], ...others]);
  const found = entitiesFound(idx);
  assert.deepEqual(found('AHMAD YUSUF BIN HAMID KH'), [0]);
  assert.deepEqual(found('Peter Klaus Hartm'), [1]);
  // Only the last word, only when the rest matches: an unmatched initial stops it.
  assert.deepEqual(found('Peter Klaus J. Hartm'), []);
  assert.deepEqual(found('Hartm Peter Klaus'), []);
  // A two-letter end only in a long query: "Peter Ha" is no hit.
  assert.deepEqual(found('Peter Ha'), []);
});

test('a numbered member of a series is not the name without a number ("Fund II" vs "Fund"); a number swap is left to the coverages', () => {
  const idx = indexOf([['Harrow Ridge Partners II, Inc.'], ['Alder Creek Holdings, Inc.'], ['Alder Creek Holdings IV L.P.']]);
  const found = entitiesFound(idx);
  assert.deepEqual(found('Harrow Ridge Partners, Inc.'), []);
  assert.deepEqual(found('Alder Creek Holdings III, Inc.'), []);
  assert.ok(matchQuery(idx, 'Harrow Ridge Partners, Inc.', 0.5)[0]?.features.some((f) => f.feature === 'series_conflict'));
  const swap = matchQuery(idx, 'Alder Creek Holdings V L.P.', 0.3).find((m) => m.entity === 2);
  assert.ok(swap && !swap.features.some((f) => f.feature === 'series_conflict'));
});

test('Cyrillic й spelled y, j or i at the end of a word ("Andrej" = "Andrey" = "Andrei")', () => {
  const idx = indexOf([['Andrey Nikolayevich Sorokin'], ['Nikolai Volkov']]);
  const found = entitiesFound(idx);
  assert.deepEqual(found('Andrej Sorokin'), [0]);
  assert.deepEqual(found('Andrei Sorokin'), [0]);
  assert.deepEqual(found('Nikolaj Volkov'), [1]);
  // With a typo besides: one edit from the folded spelling.
  assert.deepEqual(found('Andej Sorokin'), [0]);
});

test('the name plus a distinctive word after it is another entity (a national arm), unless the list printed the word in parentheses', () => {
  const idx = indexOf([['Banco Meridional Peru, S.A.'], ['Lianfeng Precision Molding (Shaoguan) Co., Ltd.'], ['Banco Meridional, S.A.']]);
  const m = (q: string, e: number) => matchQuery(idx, q, 0.3).find((x) => x.entity === e);
  assert.ok(m('Banco Meridional, S.A.', 0)?.features.some((f) => f.feature === 'trailing_qualifier'));
  assert.ok(!m('Lianfeng Precision Molding Co., Ltd.', 1)?.features.some((f) => f.feature === 'trailing_qualifier'));
  assert.ok(matchQuery(idx, 'Lianfeng Precision Molding Co., Ltd.', DEFAULT_THRESHOLD).some((x) => x.entity === 1));
  // A generic word after the name is no national arm ("Holdings").
  const g = indexOf([['Banco Meridional Holdings, S.A.']]);
  assert.ok(!matchQuery(g, 'Banco Meridional, S.A.', 0.3)[0]?.features.some((f) => f.feature === 'trailing_qualifier'));
});

test('Cyrillic legal forms GLEIF lists without an abbreviation are known by their initials (ПАО, PAO)', () => {
  finds('PAO Severnaya Zvezda', 'Severnaya Zvezda');
  finds('ПАО «Северная Звезда»', 'Severnaya Zvezda');
  finds('Publichnoye Aktsionernoye Obshchestvo Severnaya Zvezda', 'Severnaya Zvezda');
});

test('doubled and single letters are one spelling ("Mohammed" = "Mohamed", "Joonng" = "Jong")', () => {
  const idx = indexOf([['Mohamed Hassan Farouk'], ['Park Joong-ho'], ['Apple Trading']]);
  const found = entitiesFound(idx);
  assert.deepEqual(found('Mohammed Hasan Farouk'), [0]);
  assert.deepEqual(found('Park Jong-ho'), [1]);
  assert.deepEqual(found('Park Jooong-ho'), [1]);
  // Short codes keep their letters.
  assert.deepEqual(found('AAPL Trading').includes(2), false);
});

test('legal forms written out in English as the SDN list gives them for an abbreviation ("Open Joint Stock Company" = OJSC = OAO)', () => {
  finds('OAO Uralmash Zavod', 'Open Joint Stock Company Uralmash Zavod');
  finds('OJSC Uralmash Zavod', 'Open Joint Stock Company Uralmash Zavod');
  finds('Public Joint Stock Company Severnaya Zvezda', 'Severnaya Zvezda');
});

test('one word spelled differently in a long name, all else the same ("CVC Health Corporation")', () => {
  const list = [['CVS Health Corporation'], ['Hon Hai Precision Industry Co., Ltd.'], ['China North Industries Group Corporation'], ['China South Industries Group Corporation'], ['Bowne Global Solutions (France) SARL'], ['BP p.l.c.'], ['Snow Storm Holdings Fund 2']];
  const got = screenOn(list);
  assert.deepEqual(got('CVC Health Corporation'), ['CVS Health Corporation']);
  assert.deepEqual(got('Hon Wai Precision Industry Co Ltd'), ['Hon Hai Precision Industry Co., Ltd.']);
  const m = matchQuery(indexOf(list), 'CVC Health Corporation', DEFAULT_THRESHOLD)[0];
  assert.match(m?.features.map((f) => f.detail).join(' ') ?? '', /"cvc" ~ "cvs": 1 edit in a 22-character name/);
  // Two edits in a short word make another word: North is not South.
  assert.deepEqual(got('China North Industries Group Corporation'), ['China North Industries Group Corporation']);
  // A different place, a short name, a different number: other entities.
  assert.ok(got('Bowne Global Solutions (Frankia) SARL').includes('Bowne Global Solutions (France) SARL'), 'a typo in a place word still matches through the token scorer');
  assert.deepEqual(got('BD p.l.c.'), []);
  assert.deepEqual(got('Snow Storm Holdings Fund 3'), []);
});

test('number words and digits are one spelling ("Brigade Fourty-Four" = "Brigade 44")', () => {
  const list = [['Brigade 44'], ['Three Gorges Engineering Corporation'], ['Fourteenth Research Institute'], ['Brigade 45']];
  const got = screenOn(list);
  const cases: [string, string[]][] = [
    ['Brigade Fourty-four', ['Brigade 44']],
    ['Brigade Forty Five', ['Brigade 45']],
    ['3 Gorges Engineering Corp', ['Three Gorges Engineering Corporation']],
    ['14th Research Institute', ['Fourteenth Research Institute']],
    ['15th Research Institute', []],
  ];
  for (const [q, want] of cases) assert.deepEqual(got(q), want, q);
});

test('an acronym or brand a list prints in brackets after the name is a name of the entity ("BIT", "Sugon")', () => {
  const list = [['Beijing Institute of Technology (BIT)'], ['Dawning Information Industry Co., Ltd. (Sugon)'], ['China Mobile Communications Group (Hong Kong) Limited'], ['Acme Trading (see alternate address under Russia)']];
  const got = screenOn(list);
  assert.deepEqual(got('BIT'), ['Beijing Institute of Technology (BIT)']);
  assert.deepEqual(got('Sugon'), ['Dawning Information Industry Co., Ltd. (Sugon)']);
  // A place in brackets qualifies the name; a note in brackets is no name of its own.
  assert.deepEqual(got('Hong Kong'), []);
  const names = indexOf(list).snapshot.names;
  const namesOf = (e: number): string[] => names.filter((n) => n.entity === e).map((n) => n.text);
  assert.deepEqual(namesOf(0), ['Beijing Institute of Technology (BIT)', 'BIT']);
  assert.deepEqual(namesOf(2), ['China Mobile Communications Group (Hong Kong) Limited']);
  assert.deepEqual(namesOf(3), ['Acme Trading (see alternate address under Russia)']);
});

test('Cyrillic "кс" written "ks" or "x" is one spelling ("Rosoboronexport" = "Рособоронэкспорт", "Alexander" ~ "Aleksandr")', () => {
  const list = [['Рособоронэкспорт'], ['Aleksandr Bortnikov'], ['OOO Tekhnoeksport']];
  const got = screenOn(list);
  assert.deepEqual(got('Rosoboronexport'), ['Рособоронэкспорт']);
  assert.deepEqual(got('Alexander Bortnikov'), ['Aleksandr Bortnikov']);
  assert.deepEqual(got('Technoexport'), ['OOO Tekhnoeksport']);
});
