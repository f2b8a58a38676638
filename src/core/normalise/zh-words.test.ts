import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toPinyin } from './chinese.js';
import { translatedReading } from './zh-words.js';

const read = (han: string): ReturnType<typeof translatedReading> => translatedReading(han, toPinyin(han));

test('a Chinese name is read with its business words in English and the rest in pinyin', () => {
  const r = read('华为技术');
  assert.deepEqual(r?.tokens, ['hua', 'wei', 'technology']);
  assert.deepEqual(r?.words, ['技术=technology']);
  assert.ok(r?.alts[2]?.includes('technique'), 'other renderings of a one-word reading are alternatives');
  assert.deepEqual(read('西安天和防务技术')?.tokens, ['xi', 'an', 'tian', 'he', 'defense', 'technology']);
});

test('a dictionary entry that names an organisation reads as its words in order', () => {
  assert.deepEqual(read('中国电信')?.tokens, ['china', 'telecom']);
});

test('no business word, or syllables that do not line up with the characters: no reading', () => {
  assert.equal(read('华为'), null);
  assert.equal(translatedReading('华为技术', ['hua', 'wei']), null);
  assert.equal(read('北京')?.tokens ?? null, null, 'a place the pinyin reading already says is left to it');
});

test('a word the lists render otherwise than the dictionary reads as the lists do, the dictionary\'s words as alternatives', () => {
  // 建设 ("to construct") in the sourced name pairs of ../shared/facts is rendered "Construction".
  assert.deepEqual(read('中国建设银行')?.tokens, ['china', 'construction', 'bank']);
  assert.deepEqual(read('香港电子')?.tokens, ['hongkong', 'electronic']);
});
