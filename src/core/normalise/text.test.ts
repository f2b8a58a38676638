import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basicLatin, basicLatinAscii, dropApostrophes, foldPlural, foldWidth, hanOnly, hasHan, lowerCase, punctuationToSpace, spellAmpersand, stripDiacritics, tokenize } from './text.js';

test('foldWidth: full-width Latin and digits become ASCII', () => {
  assert.equal(foldWidth('ＡＶＩＣ　１２３'), 'AVIC 123');
});
test('lowerCase: case is folded', () => {
  assert.equal(lowerCase('CHINA Telecom'), 'china telecom');
});
test('stripDiacritics: tone marks and accents go, Han characters stay', () => {
  assert.equal(stripDiacritics('Téngxùn Kònggǔ 腾讯'), 'Tengxun Konggu 腾讯');
});
test('dropApostrophes: curly and straight apostrophes are the same (Xi’an = Xi\'an = Xian)', () => {
  assert.equal(dropApostrophes('Xi’an'), 'Xian');
  assert.equal(dropApostrophes("Xi'an"), 'Xian');
  assert.equal(dropApostrophes('Int‘l'), 'Intl');
});
test('spellAmpersand: & means and', () => {
  assert.equal(spellAmpersand('Engineering&Construction'), 'Engineering and Construction');
});
test('punctuationToSpace: "CO., LTD." loses its punctuation', () => {
  assert.equal(punctuationToSpace('AEROSPACE CH UAV CO., LTD'), 'AEROSPACE CH UAV CO LTD');
  assert.equal(punctuationToSpace('Micro-Fabrication (Shanghai)'), 'Micro Fabrication Shanghai');
});
test('foldPlural: plural endings fold, short words and -ss/-us endings do not', () => {
  assert.equal(foldPlural('technologies'), 'technology');
  assert.equal(foldPlural('systems'), 'system');
  assert.equal(foldPlural('mass'), 'mass');
  assert.equal(foldPlural('campus'), 'campus');
  assert.equal(foldPlural('gas'), 'gas');
});
test('hasHan / hanOnly: Chinese characters are detected and extracted', () => {
  assert.equal(hasHan('Tencent 腾讯'), true);
  assert.equal(hasHan('Tencent'), false);
  assert.equal(hanOnly('成都飞机工业(集团)有限责任公司'), '成都飞机工业集团有限责任公司');
});
test('basicLatin + tokenize: the Latin steps in order', () => {
  assert.deepEqual(tokenize(basicLatin('ＣＨＩＮＡ  Nat’l Offshore-Oil Corp.')), ['china', 'natl', 'offshore', 'oil', 'corp']);
});
test('basicLatin: the one-pass ASCII path gives exactly the text of the general steps', () => {
  const general = (s: string): string => punctuationToSpace(spellAmpersand(dropApostrophes(lowerCase(stripDiacritics(foldWidth(s))))));
  const chars = "aZm09 .,-&'`()/\\\t\n\r\u0000\u007f_;:\"!?#@+*=~^[]{}<>|$%";
  let seed = 7;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const samples = ['AT&T', "Xi'an Aero-Engine", 'A & B', '&', "''", 'ACME  CO., LTD.', 'Tom`s & Jerry\'s', ''];
  for (let k = 0; k < 5000; k++) samples.push(Array.from({ length: Math.floor(rnd() * 20) }, () => chars[Math.floor(rnd() * chars.length)] ?? '').join(''));
  for (const s of samples) {
    assert.equal(basicLatinAscii(s), general(s), JSON.stringify(s));
    assert.equal(basicLatin(s), general(s), JSON.stringify(s));
  }
});
