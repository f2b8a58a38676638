import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dice, levenshtein, withinOneEdit } from './similarity.js';
import { segmentPinyin } from './query.js';

test('withinOneEdit: substitution, insertion, deletion and adjacent swap are one edit', () => {
  assert.equal(withinOneEdit('secerity', 'security'), true); // substitution
  assert.equal(withinOneEdit('yngtze', 'yangtze'), true); // deletion
  assert.equal(withinOneEdit('limiied', 'limited'), true);
  assert.equal(withinOneEdit('aeorspace', 'aerospace'), true); // transposition
  assert.equal(withinOneEdit('snesetime', 'sensetime'), true);
  assert.equal(withinOneEdit('baoli', 'state'), false);
  assert.equal(withinOneEdit('abcd', 'badc'), false); // two swaps
});
test('levenshtein and dice', () => {
  assert.equal(levenshtein('tengxun', 'tenxun'), 1);
  assert.equal(levenshtein('', 'abc'), 3);
  assert.equal(dice(['ab', 'bc'], ['ab', 'cd']), 0.5);
});
test('segmentPinyin: words split into known syllables, tones and tone digits ignored', () => {
  const syl = new Set(['teng', 'xun', 'kong', 'gu', 'xi', 'an', 'xian', 'ning', 'de']);
  assert.deepEqual(segmentPinyin('tengxun', syl, 4), ['teng', 'xun']);
  assert.deepEqual(segmentPinyin('teng2xun4', syl, 4), ['teng', 'xun']);
  assert.deepEqual(segmentPinyin('xian', syl, 4), ['xian']); // fewest syllables
  assert.equal(segmentPinyin('telecom', syl, 4), null);
});
