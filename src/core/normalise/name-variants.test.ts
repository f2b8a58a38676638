import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameVariants } from './name-variants.js';
import { analyseName } from './pipeline.js';

test('spellings OFAC gives for one person\'s name word form one group', () => {
  const g = nameVariants('muhammad');
  assert.ok(g?.includes('mohammed') && g.includes('mohamad'), JSON.stringify(g));
  assert.ok(nameVariants('khaled')?.includes('khalid'));
  assert.ok(nameVariants('yousef')?.includes('yusuf'), 'a spelling with a doubled letter written once finds its group');
  assert.equal(nameVariants('rahim')?.includes('rahman') ?? false, false, 'other consonants: another name');
  assert.equal(nameVariants('huawei'), undefined);
});

test('a name word carries its group as alternatives; other words do not', () => {
  const l = analyseName('Khalid Meshal').latin;
  assert.ok(l?.alts[0]?.includes('khaled'), JSON.stringify(l?.alts));
  assert.equal(l?.alts[1] ?? null, null);
});
