import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseLatin, expandToken, stripBranch, tokenKind } from './latin.js';

test('tokenKind: legal forms, structure words, places, filler and name words', () => {
  assert.equal(tokenKind('ltd'), 'legal');
  assert.equal(tokenKind('corporation'), 'legal');
  assert.equal(tokenKind('group'), 'structure');
  assert.equal(tokenKind('holding'), 'structure');
  assert.equal(tokenKind('hangzhou'), 'place'); // derived from 杭州 through pinyin-pro
  assert.equal(tokenKind('shenzhen'), 'place');
  assert.equal(tokenKind('of'), 'stop');
  assert.equal(tokenKind('hikvision'), 'core');
});
test('expandToken: abbreviations expand, ambiguous ones keep their alternatives', () => {
  assert.deepEqual(expandToken('tech'), { token: 'technology', alts: ['technology', 'technical'] });
  assert.equal(expandToken('intl').token, 'international');
  assert.equal(expandToken('natl').token, 'national');
  assert.equal(expandToken('mfg').token, 'manufacturing');
  assert.deepEqual(expandToken('elec').alts, ['electronic', 'electric', 'electrical']);
  assert.equal(expandToken('electronics').token, 'electronic');
});
test('stripBranch: "<place> Branch" and "(Branch Office)" at the end are dropped', () => {
  assert.deepEqual(stripBranch(['360', 'security', 'technology', 'beijing', 'branch']), { tokens: ['360', 'security', 'technology'], removed: ['beijing', 'branch'] });
  assert.deepEqual(stripBranch(['amec', 'china', 'branch', 'office']).tokens, ['amec', 'china']);
  assert.deepEqual(stripBranch(['acme', 'representative', 'office']).tokens, ['acme']);
});
test('stripBranch: "Branch" inside a longer name stays', () => {
  assert.deepEqual(stripBranch(['branch', 'line', 'holdings']).tokens, ['branch', 'line', 'holdings']);
});
test('analyseLatin: the whole pipeline on a supplier-file spelling', () => {
  const a = analyseLatin('China INTL ENG Consulting CORP Shanghai Branch');
  // A legal form at the end becomes its canonical token (GLEIF: "Corporation" and "Corp." → corp).
  assert.deepEqual(a.tokens, ['china', 'international', 'engineering', 'consulting', 'corp']);
  assert.deepEqual(a.kinds, ['core', 'core', 'core', 'core', 'legal']);
  assert.ok(a.notes.some((n) => n.includes('branch')));
});
test('analyseLatin: Hong Kong stays one (weak) place token', () => {
  const a = analyseLatin('China Unicom (Hong Kong) Limited');
  assert.deepEqual(a.tokens, ['china', 'unicom', 'hongkong', 'limited']);
  assert.equal(a.kinds[2], 'place');
});

test('legal forms of every jurisdiction (GLEIF ISO 20275): spelled out = abbreviation = dotted, Cyrillic = Latin', () => {
  const t = (s: string): string => analyseLatin(s).tokens.join(' ');
  assert.equal(t('Siemens Aktiengesellschaft'), t('Siemens AG'));
  assert.equal(t('Volkswagen Gesellschaft mit beschränkter Haftung'), t('Volkswagen G.m.b.H.'));
  assert.equal(t('Stripe Limited Liability Company'), t('Stripe L.L.C.'));
  assert.equal(t('HSBC Holdings p.l.c.'), t('HSBC Holdings PLC'));
  assert.equal(t('ООО Газпром'), t('OOO Gazprom'));
  assert.equal(t('Общество с ограниченной ответственностью Газпром'), t('OOO Gazprom'));
  assert.equal(t('Acme Societate cu Răspundere Limitată'), t('Acme S.R.L.'));
  assert.equal(analyseLatin('Acme Sp. z o.o.').kinds.at(-1), 'legal');
  assert.equal(analyseLatin('Acme LTDA').kinds.at(-1), 'legal');
  assert.equal(analyseLatin('Acme A/S').kinds.at(-1), 'legal');
});

test('legal forms only at the ends of a name, never all of it; ordinary words and series numerals are not forms', () => {
  assert.deepEqual(analyseLatin('AG').kinds, ['legal']);
  assert.equal(analyseLatin('Business Trust').kinds[1], 'core', 'GLEIF lists "trust" as an abbreviation of Business Trust; it stays a word');
  assert.equal(analyseLatin('Citigroup Capital Trust II').kinds.at(-1), 'minor', 'II is a series, not a form');
  assert.equal(analyseLatin('AG Siemens Holding').kinds[0], 'legal');
  assert.equal(analyseLatin('Sago Palm Industries').kinds[0], 'core');
});

test('dotted initials are one word (A.B.C. = ABC, R&D = RD); titles are filler; numbers and initials are minor', () => {
  assert.deepEqual(analyseLatin('A.B.C. Company').tokens, analyseLatin('ABC Company').tokens);
  assert.deepEqual(analyseLatin('L.X.C Aviation').tokens, ['lxc', 'aviation']);
  assert.deepEqual(analyseLatin('Changan US R&D Center').tokens, analyseLatin('CHANGAN US R D CENTER').tokens);
  assert.equal(analyseLatin('Mr. Rami Makhlouf').kinds[0], 'stop');
  assert.deepEqual(analyseLatin('Bain Capital Fund XI').kinds.at(-1), 'minor');
  assert.deepEqual(analyseLatin('360 Security').kinds[0], 'core');
  assert.deepEqual(analyseLatin('Bush George W').kinds.at(-1), 'minor');
});

test('other scripts are transliterated (any-ascii); TECHS is the plural of an abbreviation', () => {
  assert.deepEqual(analyseLatin('Сергей Лавров').tokens, ['sergei', 'lavrov']);
  assert.deepEqual(analyseLatin('Ελληνική').tokens, ['elliniki']);
  assert.deepEqual(analyseLatin('Łoś').tokens, ['los']);
  assert.equal(analyseLatin('Acme TECHS').tokens[1], 'technology');
});

test('nameWordKind: patronymics (by ending) are minor, "son of" particles filler only between two words', () => {
  assert.deepEqual(analyseLatin('Sergei Viktorovich Lavrov').kinds, ['core', 'minor', 'core']);
  assert.deepEqual(analyseLatin('Roman Abramovich').kinds, ['core', 'core'], 'two words: the surname, not a patronymic');
  assert.deepEqual(analyseLatin('Usama bin Laden').kinds, ['core', 'stop', 'core']);
  assert.deepEqual(analyseLatin('Ben Netanyahu').kinds, ['core', 'core'], 'first, "Ben" is a given name');
  assert.deepEqual(analyseLatin('Trust 2004 1').kinds, ['core', 'minor', 'core'], 'a year is a vintage, other numbers are words');
});

test('leetReadings and initials before a legal form', () => {
  assert.deepEqual(analyseLatin('Ig0r').alts[0], ['ig0r', 'igor']);
  assert.equal(analyseLatin('H3C').alts[0], null, 'a digit after one letter only is a code');
  assert.deepEqual(analyseLatin('Fund X L.P.').tokens, ['fund', 'x', 'lp']);
  assert.deepEqual(analyseLatin('C.S.I.C.').tokens, ['csic']);
});
