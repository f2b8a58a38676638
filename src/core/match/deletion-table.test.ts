/**
 * The flat deletion table answers exactly what a Map of `deletionKeys` strings answers: for every
 * key, the same tokens in the same order, and nothing for keys no token makes; `forEachDeletion`
 * visits the keys of `deletionKeys` in its order. Property-based (fast-check) on random words
 * over a small alphabet, so that keys collide and words repeat letters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { deletionKeys } from './build-index.js';
import { buildDeletionTable, findKey, forEachDeletion, tableFits } from './deletion-table.js';

const word = fc.stringMatching(/^[abcz]{1,14}$/);

/** The keys `forEachDeletion` visits, as strings, first occurrences only. */
function visited(t: string): string[] {
  const out: string[] = [];
  forEachDeletion(t, (s1, s2) => {
    let k = '';
    for (let i = 0; i < t.length; i++) if (i !== s1 && i !== s2) k += t[i];
    if (!out.includes(k)) out.push(k);
  });
  return out;
}

test('forEachDeletion visits the keys of deletionKeys, in its order', () => {
  fc.assert(fc.property(word, (t) => assert.deepEqual(visited(t), deletionKeys(t))), { numRuns: 500 });
});

test('the table lists, for each key, the tokens a Map of deletionKeys lists, in the same order', () => {
  fc.assert(
    fc.property(fc.uniqueArray(word, { maxLength: 60 }), fc.array(word, { maxLength: 20 }), (tokens, probes) => {
      const map = new Map<string, string[]>();
      for (const t of tokens) for (const k of deletionKeys(t)) map.set(k, [...(map.get(k) ?? []), t]);
      const table = buildDeletionTable(tokens);
      assert.ok(tableFits(table, tokens));
      const tokensOf = (t: string, s1: number, s2: number): string[] | undefined => {
        const k = findKey(table, t, s1, s2);
        return k < 0 ? undefined : Array.from(table.posts.subarray(table.postStart[k], table.postStart[k + 1]), (i) => tokens[i] as string);
      };
      for (const t of [...tokens, ...probes]) {
        forEachDeletion(t, (s1, s2) => {
          let k = '';
          for (let i = 0; i < t.length; i++) if (i !== s1 && i !== s2) k += t[i];
          assert.deepEqual(tokensOf(t, s1, s2), map.get(k));
        });
      }
    }),
    { numRuns: 200 },
  );
});

test('a table is refused for other tokens than its own', () => {
  const table = buildDeletionTable(['alpha', 'beta']);
  assert.equal(tableFits(table, ['alpha', 'beta']), true);
  assert.equal(tableFits(table, ['beta', 'alpha']), false);
  assert.equal(tableFits(table, ['alpha']), false);
});
