import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { setTimeout as sleep } from 'node:timers/promises';
import { startHeapBudget } from './heap-budget.js';

const MB = 2 ** 20;

test('garbage above the budget is collected: the heap falls back near its live size', async () => {
  let garbage: { i: number; s: string }[] | null = Array.from({ length: 600_000 }, (_, i) => ({ i, s: `row ${i}` }));
  const withGarbage = v8.getHeapStatistics().used_heap_size;
  assert.ok(garbage.length > 0);
  const budget = startHeapBudget(Math.ceil(withGarbage / MB) - 10, 10);
  try {
    garbage = null; // now unreachable: only a full collection gives its ~40 MB back
    for (let i = 0; i < 200 && budget.stats().collections === 0; i++) await sleep(10);
    const { collections, liveMb } = budget.stats();
    assert.ok(collections >= 1, 'a collection ran');
    assert.ok(liveMb * MB < withGarbage - 20 * MB, `live ${liveMb} MB after it, ${Math.round(withGarbage / MB)} MB with the garbage`);
  } finally {
    budget.stop();
  }
});

test('a live heap above the budget is not collected over and over', async () => {
  const budget = startHeapBudget(1, 5); // far below any live heap
  try {
    await sleep(400); // ~80 checks
    const { collections } = budget.stats();
    assert.ok(collections >= 1 && collections <= 5, `${collections} collections in 400 ms of an idle heap above its budget`);
  } finally {
    budget.stop();
  }
});
