/**
 * "No hit" must mean "not listed": every entity at or above the threshold comes back, ranked,
 * however similar the listed names are to each other, and whatever the threshold asked for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexOf } from '../../test-support/small-index.js';
import { matchQuery } from './match.js';
import type { ScreenIndex } from './types.js';

const ids = (index: ScreenIndex, q: string, t = 0.8): string[] => matchQuery(index, q, t).map((m) => index.snapshot.entities[m.entity]?.id ?? '?');

test('two similar listed names both come back: Apple / Apple Inc., Deutsche Bank / Deutsche Bank AG', () => {
  const index = indexOf([['Apple'], ['Apple Inc.'], ['Deutsche Bank'], ['Deutsche Bank AG'], ['Pear Computers']]);
  assert.deepEqual(ids(index, 'Apple').sort(), ['e0', 'e1']);
  assert.deepEqual(ids(index, 'Deutsche Bank AG').sort(), ['e2', 'e3']);
  assert.equal(ids(index, 'Deutsche Bank AG')[0], 'e3', 'the closer name ranks first');
});

test('a weaker hit of a different entity is not dropped for being well below the best', () => {
  const index = indexOf([['China Nuclear Engineering & Construction Corporation'], ['China Nuclear Engineering Corporation Limited', 'China Nuclear Engineering & Construction Corp Ltd']]);
  assert.deepEqual(ids(index, 'China Nuclear Engineering & Construction Corporation'), ['e0', 'e1']);
});

test('what is found does not depend on the threshold beyond the score: Good Will Company at 0.8', () => {
  const index = indexOf([['Goodwill Company'], ['Goodwin Procter'], ['Good Year Tires']]);
  const at07 = matchQuery(index, 'Good Will Company', 0.7).find((m) => m.entity === 0);
  assert.ok(at07);
  const at08 = matchQuery(index, 'Good Will Company', 0.8).find((m) => m.entity === 0);
  assert.equal(at08?.score, at07.score, 'the same score at every threshold it passes');
});
