/**
 * `joinedNames` finds, from the word alone, exactly the names a map of every name's adjacent
 * pairs, triples and glued legal forms (what the index kept before) lists for it, in the same
 * order: property-based (fast-check) on indexes of names made from a few short words, so that
 * joins collide and split in several ways ("ab" + "c" = "a" + "bc").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gluedToFoldedPlural } from './latin-features.js';
import { joinedNames } from './joined.js';
import { indexOf } from '../../test-support/small-index.js';
import type { ScreenIndex } from './types.js';

/** The map the index kept: every adjacent pair and triple, and a token glued to a following legal form. */
function joinedMap(index: ScreenIndex): Map<string, number[]> {
  const m = new Map<string, number[]>();
  const push = (k: string, id: number): void => {
    const arr = m.get(k) ?? [];
    if (arr[arr.length - 1] !== id) arr.push(id);
    m.set(k, arr);
  };
  index.snapshot.names.forEach((n, id) => {
    const l = n.latin;
    if (!l) return;
    const ts = l.tokens;
    for (let i = 0; i + 1 < ts.length; i++) {
      push(`${ts[i]}${ts[i + 1]}`, id);
      const glued = l.kinds[i + 1] === 'legal' ? gluedToFoldedPlural(ts[i] ?? '', ts[i + 1] ?? '') : null;
      if (glued) push(glued, id);
      if (i + 2 < ts.length) push(`${ts[i]}${ts[i + 1]}${ts[i + 2]}`, id);
    }
  });
  return m;
}

const WORDS = ['ab', 'abc', 'c', 'bc', 'cab', 'siemens', 'ag', 'co', 'ltd', 'tp', 'link', 'van', 'der', 'bilt', 'gmbh', 'holdings'];
const name = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));

test('joinedNames lists what the map of adjacent words listed, for every key and for other words', () => {
  fc.assert(
    fc.property(fc.array(fc.array(name, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 12 }), fc.array(fc.array(fc.constantFrom(...WORDS, 's', 'x'), { minLength: 1, maxLength: 4 }).map((ws) => ws.join('')), { maxLength: 10 }), (entries, words) => {
      const index = indexOf(entries);
      const map = joinedMap(index);
      for (const [k, ids] of map) assert.deepEqual(joinedNames(k, index), ids, k);
      for (const w of words) assert.deepEqual(joinedNames(w, index), map.get(w), w);
    }),
    { numRuns: 300 },
  );
});

test('named examples: words written as one, a legal form glued to a plural, nothing for a word that is no join', () => {
  const index = indexOf([['TP-Link Technologies Co., Ltd.'], ['Cornelius Vanderbilt', 'Cornelius van der Bilt'], ['Siemens AG'], ['JSC Argument']]);
  const names = (w: string): string[] => (joinedNames(w, index) ?? []).map((id) => index.snapshot.names[id]?.text ?? '');
  assert.deepEqual(names('tplink'), ['TP-Link Technologies Co., Ltd.']);
  assert.deepEqual(names('vanderbilt'), ['Cornelius van der Bilt']);
  assert.deepEqual(names('jscargument'), ['JSC Argument']);
  // "Siemens" is the token "siemen" (plural folded): glued to its legal form it keeps the "s".
  assert.deepEqual(names('siemensag'), ['Siemens AG']);
  assert.equal(joinedNames('siemensltd', index), undefined, 'both words are tokens, but no name writes them side by side');
  assert.equal(joinedNames('huawei', index), undefined);
});
