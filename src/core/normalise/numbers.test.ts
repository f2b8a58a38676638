import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numberWordDigits, numberWordsToDigits, ordinalSuffix } from './numbers.js';

const digits = (s: string): string => numberWordsToDigits(s.split(' ')).words.join(' ');

/** Each [words, expected] through `numberWordsToDigits`. */
function runs(cases: readonly [string, string][]): void {
  for (const [words, want] of cases) assert.equal(digits(words), want, words);
}

/** Each [word, expected digits or null] through `numberWordDigits`. */
function alone(cases: readonly [string, string | null][]): void {
  for (const [word, want] of cases) assert.equal(numberWordDigits(word), want, word);
}

test('cardinals: units, teens, tens (and tens misspelled on their unit), hundreds, thousands, "and"', () => {
  runs([
    ['brigade fourty four', 'brigade 44'],
    ['brigade forty four', 'brigade 44'],
    ['ninty nine', '99'],
    ['three gorges', 'three gorges'], // a number word alone stays a word
    ['one hundred and five', '105'],
    ['two thousand twenty', '2020'],
  ]);
  alone([['three', '3'], ['fourty', '40'], ['hundred', null]]);
});

test('ordinals end a number and keep their suffix', () => {
  runs([
    ['fourteenth research institute', 'fourteenth research institute'],
    ['twenty first century', '21st century'],
    ['one hundredth', '100th'],
  ]);
  alone([['second', '2nd'], ['fourteenth', '14th']]);
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 111].map((n) => `${n}${ordinalSuffix(n)}`), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '111th']);
});

test('two units in a row are no number (each stays a word); words that only look like parts stay words', () => {
  runs([
    ['one two three', 'one two three'],
    ['for the people', 'for the people'],
    ['hundred acres', 'hundred acres'],
    ['and one', 'and one'],
    ['one hundred and', '100 and'],
    ['twelve', 'twelve'],
  ]);
});

test('a note names each run changed; an array without number words comes back as is', () => {
  const w = ['acme', 'trading'];
  assert.equal(numberWordsToDigits(w).words, w);
  assert.deepEqual(numberWordsToDigits(['fourty', 'four', 'x']).notes, ['number words fourty four=44']);
});
