import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { keptPromise } from './promise-cache.js';

describe('keptPromise', () => {
  test('concurrent callers share one read, later callers get the kept one', async () => {
    const map = new Map<string, Promise<number>>();
    let reads = 0;
    const read = async (): Promise<number> => ++reads;
    const [a, b] = await Promise.all([keptPromise(map, 'k', read), keptPromise(map, 'k', read)]);
    assert.deepEqual([a, b, await keptPromise(map, 'k', read), reads], [1, 1, 1, 1]);
  });

  test('a failed read is dropped, so the next caller reads again; its sharers still see the failure', async () => {
    const map = new Map<string, Promise<string>>();
    let n = 0;
    const read = async (): Promise<string> => { if (++n === 1) throw new Error('down'); return 'up'; };
    const first = keptPromise(map, 'k', read);
    const shared = keptPromise(map, 'k', read);
    await assert.rejects(first, /down/);
    await assert.rejects(shared, /down/);
    assert.equal(map.has('k'), false);
    assert.equal(await keptPromise(map, 'k', read), 'up');
    assert.equal(n, 2);
  });
});
