import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../store/store.js';
import { postgresLocation } from '../../store/testing.js';
import { openSeeded, useSeededStore } from '../test-support.js';
import { listSummaries, listSummary } from '../lists/lists.js';
import { diffList } from './diff.js';
import { listEvents } from './events.js';

let store: Store;
useSeededStore((s) => {
  store = s;
});

test('1260H 2025-01-07 → 2026-06-08: 134 − removed + added = 188, renames neither, the withdrawn draft apart', async () => {
  const d = await diffList(store, 'us-dod-1260h', '2025-01-07', '2026-06-08');
  assert.equal(d.fromCount, 134);
  assert.equal(d.toCount, 188);
  assert.equal(d.fromCount - d.removed.length + d.added.length, d.toCount);
  const renamedIds = new Set(d.renamed.map((r) => r.entityId));
  assert.ok(d.added.every((a) => !renamedIds.has(a.entityId)) && d.removed.every((r) => !renamedIds.has(r.entityId)));
  const westone = d.renamed.find((r) => /Westone/.test(r.from));
  assert.match(westone?.to ?? '', /CETC Cyberspace Security Technology/);
  assert.ok(d.renamed.some((r) => /ZEMIC/.test(r.from) && /AVIC Chengdu/.test(r.to)));
  assert.ok(d.added.some((a) => /Alibaba/.test(a.name)));
  assert.ok(d.removed.some((r) => /Taiji Computer/.test(r.name)));
  assert.ok(!d.removed.some((r) => /Yangtze Memory|ChangXin/.test(r.name)), 'YMTC and CXMT stay listed');
  assert.deepEqual(d.withdrawn.map((w) => w.date), ['2026-02-13']);
});

test('default diff is the last two effective publications; dates and ids both work; unknown list is NOT_FOUND', async () => {
  const d = await diffList(store, 'us-dod-1260h');
  assert.equal(d.to.date, '2026-06-08');
  assert.equal(d.from.date, '2025-01-07');
  const byId = await diffList(store, 'us-dod-1260h', 'us-dod-1260h/2024-01-31', 'us-dod-1260h/2025-01-07');
  assert.equal(byId.fromCount - byId.removed.length + byId.added.length, byId.toCount);
  assert.equal(byId.toCount, 134);
  const asOf = await diffList(store, 'us-dod-1260h', undefined, undefined, { asOf: '2026-03-01' });
  assert.equal(asOf.to.date, '2025-01-07', 'the withdrawn February 2026 document is never a version of the list');
  await assert.rejects(diffList(store, 'no-such-list'), /NOT_FOUND|not found/);
});

test('lists: publications and the number in force on asOf', async () => {
  const all = await listSummaries(store, '2026-07-01');
  const l1260 = all.find((s) => s.list.id === 'us-dod-1260h')!;
  assert.equal(l1260.activeCount, 188);
  assert.ok(l1260.publications.some((p) => p.kind === 'withdrawn'));
  assert.equal((await listSummary(store, 'us-dod-1260h', '2025-02-01')).activeCount, 134);
  assert.equal((await listSummary(store, 'us-dod-1260h', '2026-03-01')).activeCount, 134);
  const early = await listSummary(store, 'us-dod-1260h', '2022-01-01');
  assert.equal(early.activeCount, 47);
  assert.ok(early.publications.every((p) => p.date <= '2022-01-01'));
  assert.equal((await listSummary(store, 'us-dod-1237', '2022-01-01')).activeCount, 0);
});

test('lists: the size on each publication date is the count in force that day', async () => {
  for (const s of await listSummaries(store, '2026-07-01')) {
    const effective = [...new Set(s.publications.filter((p) => p.kind !== 'withdrawn').map((p) => p.date))].sort();
    assert.deepEqual(s.sizes.map((x) => x.date), effective, s.list.id);
    for (const x of s.sizes) assert.equal(x.activeCount, (await listSummary(store, s.list.id, x.date)).activeCount, `${s.list.id} on ${x.date}`);
  }
  const dod = await listSummary(store, 'us-dod-1260h', '2026-07-01');
  assert.equal(dod.sizes.find((x) => x.date === '2025-01-07')?.activeCount, 134);
});

test('events: filters by list, kind, since and asOf', async () => {
  const all = await listEvents(store, {});
  assert.ok(all.length > 0);
  const suits = await listEvents(store, { kind: 'lawsuit-filed' });
  assert.ok(suits.length > 0 && suits.every((e) => e.kind === 'lawsuit-filed'));
  const since = await listEvents(store, { since: '2026-01-01' });
  assert.ok(since.every((e) => e.date >= '2026-01-01'));
  const upTo = await listEvents(store, { asOf: '2021-12-31' });
  assert.ok(upTo.length > 0 && upTo.every((e) => e.date <= '2021-12-31'));
  const l = await listEvents(store, { listId: 'us-dod-1237' });
  assert.ok(l.every((e) => e.listIds.includes('us-dod-1237')));
});

test('the same answers on PostgreSQL: the 1260H diff reconciles and as-of counts match', async () => {
  const pgLoc = await postgresLocation();
  const pg = await openSeeded(pgLoc);
  try {
    assert.equal(pg.engine, 'postgres');
    const [a, b] = await Promise.all([diffList(pg, 'us-dod-1260h', '2025-01-07', '2026-06-08'), diffList(store, 'us-dod-1260h', '2025-01-07', '2026-06-08')]);
    assert.deepEqual(a, b);
    assert.equal((await listSummary(pg, 'us-dod-1260h', '2025-02-01')).activeCount, 134);
  } finally {
    await pg.close();
    await pgLoc.dispose();
  }
});
