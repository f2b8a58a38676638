import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Relation } from '../model.js';
import { ancestors, indexRelations, listedParents, listedSubsidiaries } from './graph.js';

const rel = (entityId: string, parentId: string): Relation => ({ entityId, parentId, kind: 'subsidiary-of', sourceIds: ['s'] });
// us-sub → sub → holding → group; group → us-sub closes a cycle; other → holding
const idx = indexRelations([rel('us-sub', 'sub'), rel('sub', 'holding'), rel('holding', 'group'), rel('group', 'us-sub'), rel('other', 'holding')]);

test('listed parents walk up through unlisted parents, with the path, and stop on cycles', () => {
  const listed = new Set(['group', 'sub']);
  const got = listedParents('us-sub', idx, (id) => listed.has(id));
  assert.deepEqual(got.map((r) => [r.entityId, r.path]), [
    ['sub', ['us-sub', 'sub']],
    ['group', ['us-sub', 'sub', 'holding', 'group']],
  ]);
  assert.equal(ancestors('us-sub', idx).length, 3, 'the cycle back to us-sub is not followed');
  assert.deepEqual(listedParents('us-sub', idx, (id) => listed.has(id), 1).map((r) => r.entityId), ['sub']);
});

test('listed subsidiaries walk down any depth', () => {
  const listed = new Set(['us-sub', 'other']);
  assert.deepEqual(listedSubsidiaries('holding', idx, (id) => listed.has(id)).map((r) => [r.entityId, r.path]), [
    ['other', ['holding', 'other']],
    ['us-sub', ['holding', 'sub', 'us-sub']],
  ]);
  assert.deepEqual(listedSubsidiaries('nobody', idx, () => true), []);
});
