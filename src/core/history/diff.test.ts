import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity, Publication } from '../model.js';
import { diffPublications } from './diff.js';
import { lastTwoEffective, membershipAfter, resolvePublicationRef } from './membership.js';
import { formerNamesIn, nameSimilarity, sameName } from './names.js';

const pub = (id: string, date: string, kind: Publication['kind'], entries: [string, string, string?][], extra: Partial<Publication> = {}): Publication => ({
  id: `l/${id}`, listId: 'l', date, kind, title: id, sourceIds: ['s'], ...extra,
  entries: entries.map(([entityId, printedName, basis]) => ({ entityId, printedName, ...(basis ? { basis } : {}) })),
});

const ent = (id: string, name: string, previous: string[] = []): Entity => ({
  id, name, type: 'organization', identifiers: [],
  names: [{ name, kind: 'printed', sourceIds: [], verified: true }, ...previous.map((p) => ({ name: p, kind: 'previous' as const, sourceIds: [], verified: true }))],
});

test('names: form differences are not renames; former names are read from the text', () => {
  assert.equal(sameName('Zhonghang Electronic Measuring Instruments Company Limited (ZEMIC)*', 'zhonghang electronic measuring instruments company limited'), true);
  assert.equal(sameName('Hesai Technology', 'Hesai Group'), false);
  assert.deepEqual(formerNamesIn("AVIC Xi'an Aircraft Co., Ltd. (formerly Xi'an Aircraft Industry Group Co., Ltd.)"), ["Xi'an Aircraft Industry Group Co., Ltd."]);
  assert.deepEqual(formerNamesIn('AVIC Chengdu Aircraft Co., Ltd. (formerly Zhonghang Electronic Measuring Instruments Company Limited (ZEMIC))'), ['Zhonghang Electronic Measuring Instruments Company Limited (ZEMIC)']);
  assert.deepEqual(formerNamesIn('Hesai Group; formerly Hesai Technology Co., Ltd.; listed 2024'), ['Hesai Technology Co., Ltd.']);
  assert.ok(nameSimilarity('Shenzhen DJI Innovation Technology Co., Ltd.', 'Shenzhen DJI Technology Co., Ltd.') >= 0.8);
  assert.ok(nameSimilarity('Phoenix Optics', 'China Mobile Limited') < 0.2);
});

const pubs: Publication[] = [
  pub('e1', '2024-01-31', 'edition', [['a', 'Alpha Co.'], ['b', 'Beta Ltd.'], ['c', 'Cheng Du Westone'], ['d', 'Delta Corp.*'], ['x', 'Xian Aircraft Industry Group Co., Ltd.'], ['k', 'Kilo Shipyard']]),
  pub('rm', '2024-12-13', 'removal', [['b', 'Beta Ltd.']]),
  pub('w', '2026-02-13', 'withdrawn', [['a', 'Alpha Co.']], { note: 'withdrawn an hour later' }),
  pub('e2', '2026-06-08', 'edition', [
    ['a', 'Alpha Co.', 'basis (g)(3)(E)'],
    ['c', 'CETC Cyberspace Security Technology (formerly Cheng Du Westone)'],
    ['d', 'Delta Corp.'],
    ['x2', "AVIC Xi'an Aircraft Co. (formerly Xian Aircraft Industry Group Co., Ltd.)"],
    ['k2', 'Kilo Heavy Industry'],
    ['n', 'New One'],
  ]),
];
const entities = new Map([['k2', ent('k2', 'Kilo Heavy Industry', ['Kilo Shipyard'])]]);

test('membership replays publications; withdrawn documents change nothing', () => {
  assert.deepEqual([...membershipAfter(pubs, 'l/rm').keys()].sort(), ['a', 'c', 'd', 'k', 'x']);
  assert.deepEqual([...membershipAfter(pubs, 'l/w').keys()].sort(), ['a', 'c', 'd', 'k', 'x']);
  assert.equal(resolvePublicationRef(pubs, '2026-03-01').id, 'l/rm');
  assert.equal(resolvePublicationRef(pubs, 'l/e1').id, 'l/e1');
  assert.throws(() => resolvePublicationRef(pubs, '2020-01-01'), /no publication/);
  assert.deepEqual(lastTwoEffective(pubs)?.map((p) => p.id), ['l/rm', 'l/e2']);
});

test('diff: renames by id, by "formerly", by recorded previous name; counts reconcile', () => {
  const d = diffPublications({ publications: pubs, fromId: 'l/e1', toId: 'l/e2', entities });
  assert.equal(d.fromCount, 6);
  assert.equal(d.toCount, 6);
  assert.deepEqual(d.added.map((x) => x.entityId), ['n']);
  assert.deepEqual(d.removed.map((x) => x.entityId), ['b']);
  assert.equal(d.fromCount - d.removed.length + d.added.length, d.toCount);
  const r = new Map(d.renamed.map((x) => [x.entityId, x]));
  assert.match(r.get('c')?.evidence ?? '', /formerly Cheng Du Westone/);
  assert.equal(r.get('x2')?.previousEntityId, 'x');
  assert.match(r.get('x2')?.evidence ?? '', /the list notes "formerly/);
  assert.equal(r.get('k2')?.previousEntityId, 'k');
  assert.match(r.get('k2')?.evidence ?? '', /previous name/);
  assert.deepEqual(d.changed.map((x) => x.entityId).sort(), ['a', 'd']);
  assert.deepEqual(d.withdrawn.map((x) => x.id), ['l/w']);
});

test('diff: similar names with different ids pair only above the threshold', () => {
  const p2 = [
    pub('e1', '2025-01-07', 'edition', [['h1', 'Shenzhen DJI Innovation Technology Co., Ltd.'], ['z', 'Zeta Labs']]),
    pub('e2', '2026-06-08', 'edition', [['h2', 'Shenzhen DJI Technology Co., Ltd.'], ['y', 'Yankee Motors']]),
  ];
  const d = diffPublications({ publications: p2, fromId: 'l/e1', toId: 'l/e2' });
  assert.equal(d.renamed.length, 1);
  assert.match(d.renamed[0]!.evidence, /name similarity/);
  assert.deepEqual(d.removed.map((x) => x.entityId), ['z']);
  assert.deepEqual(d.added.map((x) => x.entityId), ['y']);
  const strict = diffPublications({ publications: p2, fromId: 'l/e1', toId: 'l/e2', similarityThreshold: 0.95 });
  assert.equal(strict.renamed.length, 0);
  assert.equal(strict.removed.length, 2);
});
