import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cyrillicSpellings, hasCyrillic } from './cyrillic.js';
import { analyseName } from './pipeline.js';

test('a Cyrillic word carries its spellings in the published romanisations', () => {
  const m = cyrillicSpellings('Евгений Пригожин');
  assert.deepEqual(new Set(m.get('evgenii')), new Set(['yevgeny', 'yevgeniy', 'evgeniy']));
  assert.equal(m.has('prigozhin'), false, 'every system spells it as any-ascii does');
  assert.equal(cyrillicSpellings('Gazprom').size, 0);
  assert.equal(hasCyrillic('ООО Газпром'), true);
  assert.equal(hasCyrillic('OOO Gazprom'), false);
});

test('the spellings are alternatives of the name token, which stays any-ascii\'s reading', () => {
  const l = analyseName('Юрий Ковальчук').latin;
  assert.deepEqual(l?.tokens, ['yurii', 'kovalchuk']);
  assert.ok(l?.alts[0]?.includes('yury') && l.alts[0].includes('yuriy') && l.alts[0].includes('iurii'), JSON.stringify(l?.alts));
  assert.equal(analyseName('Yuri Kovalchuk').latin?.alts[0] ?? null, null, 'a Latin name gets none');
});
