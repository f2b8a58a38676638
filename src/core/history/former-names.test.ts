import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity, EntityVersion } from '../model.js';
import { formerNames } from './former-names.js';

const ent = (name: string, aliases: string[], src: string): Entity =>
  ({ id: 'e', name, type: 'organization', identifiers: [], names: aliases.map((a) => ({ name: a, kind: 'alias', sourceIds: [src], verified: true })) });
const v = (from: string | null, to: string | null, e: Entity, n: number): EntityVersion =>
  ({ entity: e, from, fromPublication: from ? `p${n}` : null, to, toPublication: to ? `p${n + 1}` : null });

describe('former names from entity versions', () => {
  it('a dropped alias and a former canonical name carry their interval and their sources then', () => {
    const vs = [
      v('2021-07-01', '2021-08-01', ent('AERO CORP', ['AERO-C', 'AC'], 's1'), 1),
      v('2021-08-01', null, ent('AERO CORPORATION', ['AC'], 's2'), 2),
    ];
    assert.deepEqual(formerNames(vs), [
      { name: 'AERO-C', kind: 'alias', sourceIds: ['s1'], verified: true, from: '2021-07-01', fromPublication: 'p1', to: '2021-08-01', toPublication: 'p2' },
      { name: 'AERO CORP', kind: 'printed', sourceIds: [], verified: true, from: '2021-07-01', fromPublication: 'p1', to: '2021-08-01', toPublication: 'p2' },
    ]);
  });

  it('a name dropped and carried again is current, not former; one version has none', () => {
    const a = ent('X', ['Y'], 's');
    const b = ent('X', [], 's');
    assert.deepEqual(formerNames([v('2021-01-01', '2021-02-01', a, 1), v('2021-02-01', '2021-03-01', b, 2), v('2021-03-01', null, a, 3)]), []);
    assert.deepEqual(formerNames([v(null, null, a, 1)]), []);
    assert.deepEqual(formerNames([]), []);
  });
});
