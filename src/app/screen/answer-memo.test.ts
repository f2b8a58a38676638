import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnswerMemo } from './answer-memo.js';

const held = (m: AnswerMemo<string>, keys: string[]): string[] => keys.filter((k) => m.get(k) !== undefined);

test('a key that keeps coming back stays; a one-off ages out after two generations', () => {
  const m = new AnswerMemo<string>(2, 1_000, (v) => v.length);
  m.set('a', 'A');
  m.set('b', 'B'); // young: a b (full)
  m.set('c', 'C'); // old: a b; young: c
  assert.equal(m.get('a'), 'A'); // found in old: moves to young (c a, full)
  m.set('d', 'D'); // old: c a; young: d — b is gone
  assert.deepEqual(held(m, ['a', 'b', 'c', 'd']), ['a', 'c', 'd']);
});

test('the character bound ages a generation before the entry bound', () => {
  const m = new AnswerMemo<string>(1_000, 10, (v) => v.length);
  m.set('k1', 'x'.repeat(10)); // 12 characters: full
  m.set('k2', 'y'); // old: k1; young: k2
  m.set('k3', 'z'.repeat(10)); // young k2 k3 (15 characters)
  m.set('k4', 'w'); // old: k2 k3; young: k4 — k1 is gone
  assert.deepEqual(held(m, ['k1', 'k2', 'k3', 'k4']), ['k2', 'k3', 'k4']);
  assert.equal(m.get('k3'), 'z'.repeat(10));
});
