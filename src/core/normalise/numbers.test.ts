import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numberWordDigits, numberWordsToDigits, ordinalSuffix } from './numbers.js';

const digits = (s: string): string => numberWordsToDigits(s.split(' ')).words.join(' ');

test('cardinals: units, teens, tens (and tens misspelled on their unit), hundreds, thousands, "and"', () => {
  assert.equal(digits('brigade fourty four'), 'brigade 44');
  assert.equal(digits('brigade forty four'), 'brigade 44');
  assert.equal(digits('ninty nine'), '99');
  assert.equal(digits('three gorges'), 'three gorges', 'a number word alone stays a word');
  assert.equal(numberWordDigits('three'), '3');
  assert.equal(numberWordDigits('fourty'), '40');
  assert.equal(numberWordDigits('hundred'), null);
  assert.equal(digits('one hundred and five'), '105');
  assert.equal(digits('two thousand twenty'), '2020');
});

test('ordinals end a number and keep their suffix', () => {
  assert.equal(digits('fourteenth research institute'), 'fourteenth research institute');
  assert.equal(digits('twenty first century'), '21st century');
  assert.equal(numberWordDigits('second'), '2nd');
  assert.equal(numberWordDigits('fourteenth'), '14th');
  assert.equal(digits('one hundredth'), '100th');
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 111].map((n) => `${n}${ordinalSuffix(n)}`), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '111th']);
});

test('two units in a row are two numbers; words that only look like parts stay words', () => {
  assert.equal(digits('one two three'), 'one two three', 'two units are no number: each stays a word');
  assert.equal(digits('for the people'), 'for the people');
  assert.equal(digits('hundred acres'), 'hundred acres');
  assert.equal(digits('and one'), 'and one');
  assert.equal(digits('one hundred and'), '100 and');
  assert.equal(digits('twelve'), 'twelve');
});

test('a note names each run changed; an array without number words comes back as is', () => {
  const w = ['acme', 'trading'];
  assert.equal(numberWordsToDigits(w).words, w);
  assert.deepEqual(numberWordsToDigits(['fourty', 'four', 'x']).notes, ['number words fourty four=44']);
});
