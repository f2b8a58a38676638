import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseLatin, expandToken, stripBranch, tokenKind } from './latin.js';

test('tokenKind: legal forms, structure words, places, filler and name words', () => {
  assert.equal(tokenKind('ltd'), 'legal');
  assert.equal(tokenKind('corporation'), 'legal');
  assert.equal(tokenKind('group'), 'structure');
  assert.equal(tokenKind('holding'), 'structure');
  assert.equal(tokenKind('hangzhou'), 'place'); // derived from 杭州 through pinyin-pro
  assert.equal(tokenKind('shenzhen'), 'place');
  assert.equal(tokenKind('of'), 'stop');
  assert.equal(tokenKind('hikvision'), 'core');
});
test('expandToken: abbreviations expand, ambiguous ones keep their alternatives', () => {
  assert.deepEqual(expandToken('tech'), { token: 'technology', alts: ['technology', 'technical'] });
  assert.equal(expandToken('intl').token, 'international');
  assert.equal(expandToken('natl').token, 'national');
  assert.equal(expandToken('mfg').token, 'manufacturing');
  assert.deepEqual(expandToken('elec').alts, ['electronic', 'electric', 'electrical']);
  assert.equal(expandToken('electronics').token, 'electronic');
});
test('stripBranch: "<place> Branch" and "(Branch Office)" at the end are dropped', () => {
  assert.deepEqual(stripBranch(['360', 'security', 'technology', 'beijing', 'branch']), { tokens: ['360', 'security', 'technology'], removed: ['beijing', 'branch'] });
  assert.deepEqual(stripBranch(['amec', 'china', 'branch', 'office']).tokens, ['amec', 'china']);
  assert.deepEqual(stripBranch(['acme', 'representative', 'office']).tokens, ['acme']);
});
test('stripBranch: "Branch" inside a longer name stays', () => {
  assert.deepEqual(stripBranch(['branch', 'line', 'holdings']).tokens, ['branch', 'line', 'holdings']);
});
test('analyseLatin: the whole pipeline on a supplier-file spelling', () => {
  const a = analyseLatin('China INTL ENG Consulting CORP Shanghai Branch');
  assert.deepEqual(a.tokens, ['china', 'international', 'engineering', 'consulting', 'corporation']);
  assert.deepEqual(a.kinds, ['core', 'core', 'core', 'core', 'legal']);
  assert.ok(a.notes.some((n) => n.includes('branch')));
});
test('analyseLatin: Hong Kong stays one (weak) place token', () => {
  const a = analyseLatin('China Unicom (Hong Kong) Limited');
  assert.deepEqual(a.tokens, ['china', 'unicom', 'hongkong', 'limited']);
  assert.equal(a.kinds[2], 'place');
});
