import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../store/store.js';
import { useSeededStore } from '../test-support.js';
import type { ScreenHit } from '../types.js';
import { getDossier } from './dossier.js';
import { enrichHits } from './enrich.js';
import { resolveEntity } from './resolve.js';

let store: Store;
useSeededStore((s) => {
  store = s;
});

const listedOn = async (name: string, asOf: string, listId: string): Promise<boolean> => {
  const d = await getDossier({ store }, name, { asOf });
  return d.designations.some((x) => x.listId === listId && x.active);
};

test('as of: Xiaomi on §1237 in Feb 2021, not in 2022', async () => {
  assert.equal(await listedOn('Xiaomi', '2021-02-01', 'us-dod-1237'), true);
  assert.equal(await listedOn('Xiaomi', '2022-01-01', 'us-dod-1237'), false);
});

test('as of: AMEC on 1260H in June 2024, removed by the December 2024 notice', async () => {
  assert.equal(await listedOn('AMEC', '2024-06-01', 'us-dod-1260h'), true);
  const d = await getDossier({ store }, 'AMEC', { asOf: '2025-02-01' });
  const des = d.designations.find((x) => x.listId === 'us-dod-1260h')!;
  assert.equal(des.active, false);
  assert.equal(des.to, '2024-12-13');
  assert.equal(des.endedByPublication?.kind, 'removal');
  assert.ok(d.timeline.some((s) => s.kind === 'removal' && s.date === '2024-12-13' && s.sourceIds.length > 0));
});

test('as of: Alibaba not listed in January 2026 (the withdrawn draft is no listing), listed in July 2026', async () => {
  const jan = await getDossier({ store }, 'Alibaba', { asOf: '2026-01-15' });
  assert.equal(jan.designations.some((x) => x.listId === 'us-dod-1260h' && x.active), false);
  assert.equal(await listedOn('Alibaba', '2026-03-01', 'us-dod-1260h'), false);
  assert.equal(await listedOn('Alibaba', '2026-07-01', 'us-dod-1260h'), true);
  const jul = await getDossier({ store }, 'Alibaba', { asOf: '2026-07-01', role: 'dod-contractor' });
  assert.ok(jul.timeline.some((s) => s.kind === 'withdrawn-publication' && s.date === '2026-02-13' && /Named for addition/.test(s.title)));
  assert.ok(jul.timeline.some((s) => s.kind === 'lawsuit-filed'));
  const a1a = jul.obligations?.find((o) => o.ruleId === '1260h-805-a1a-entity');
  assert.equal(a1a?.status, 'in-force');
  assert.equal(jul.obligations?.find((o) => o.ruleId === '1260h-805-a1b-goods')?.status, 'coming');
  for (const id of a1a!.sourceIds) assert.ok(jul.sources[id], `source ${id} is in the dossier`);
});

test('timeline is ordered, sourced, and spans every list; names keep their sources and verified flags', async () => {
  const d = await getDossier({ store }, 'xiaomi', { asOf: '2026-11-21', role: 'us-investor' });
  const dates = d.timeline.map((s) => s.date);
  assert.deepEqual(dates, [...dates].sort());
  assert.ok(d.timeline.every((s) => s.sourceIds.length > 0));
  assert.ok(d.timeline.some((s) => s.kind === 'court-ruling'));
  assert.ok(d.entity.names.some((n) => /小米/.test(n.name)));
  const ban = d.obligations?.find((o) => o.ruleId === '1237-eo13959-later');
  assert.equal(ban?.status, 'ended');
  assert.match(ban?.note ?? '', /never took effect/);
});

test('relations: a listed U.S. subsidiary shows its listed parent, and §805 reaches it through control', async () => {
  const d = await getDossier({ store }, 'Cirrus Design Corporation', { asOf: '2026-07-01', role: 'dod-contractor' });
  const parent = d.relations.parents.find((p) => p.active);
  assert.ok(parent, 'a listed parent');
  assert.equal(parent.path?.[0], d.entity.id);
  const avic = await getDossier({ store }, parent.entityId, { asOf: '2026-07-01' });
  assert.ok(avic.relations.subsidiaries.some((s) => s.entityId === d.entity.id && s.active));
  const hits: ScreenHit[] = [{ entityId: d.entity.id, name: d.entity.name, matchedName: d.entity.name, score: 1, designations: [], active: true, explanation: { summary: '', matchedName: '', matchedNameKind: 'printed', matchedNameVerified: true, queryForm: '', features: [], discounted: [] } }];
  const [hit] = await enrichHits({ store }, hits, { asOf: '2026-07-01', role: 'dod-contractor' });
  assert.ok(hit?.parents?.some((p) => p.entityId === parent.entityId && p.active));
  assert.ok(hit?.obligations?.some((o) => o.ruleId === '1260h-805-a1a-entity' && o.status === 'in-force'));
  const [noRole] = await enrichHits({ store }, hits, { asOf: '2026-07-01' });
  assert.equal(noRole?.obligations, undefined);
});

test('resolution: id, exact name, Chinese name; ambiguous and unknown names are input errors', async () => {
  assert.equal((await resolveEntity(store, 'xiaomi')).id, 'xiaomi');
  assert.equal((await resolveEntity(store, 'Xiaomi Corporation')).id, 'xiaomi');
  assert.equal((await resolveEntity(store, '小米集团')).id, 'xiaomi');
  await assert.rejects(resolveEntity(store, 'No Such Company Zzzq'), /NOT_FOUND|no entity/);
  await assert.rejects(resolveEntity(store, '中国移动'), (e: Error & { code?: string }) => e.code === 'BAD_INPUT' && /china-mobile-communications-group/.test(e.message) && /china-mobile \(/.test(e.message));
});
