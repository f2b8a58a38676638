/**
 * The shipped legal-form table (legal-form-table.generated.ts) is exactly what the rules work out
 * from the published GLEIF and SDN tables with today's normalisation: a change to either leaves
 * this test failing until `node --import tsx scripts/legal-forms/table.ts` writes it again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLegalFormTable, initialsForm, pairedForm, shortens } from './legal-form-table.js';
import { LEGAL_FORM_TABLE } from './legal-form-table.generated.js';
import { legalFormOf, sameJurisdictionForms } from './legal-forms.js';

test('the generated legal-form table equals what the rules work out from the published lists', () => {
  const built = buildLegalFormTable();
  assert.ok(built.phrases.length > 1000, `${built.phrases.length} phrases`);
  assert.deepEqual(JSON.parse(JSON.stringify(LEGAL_FORM_TABLE)), JSON.parse(JSON.stringify(built)), 'stale: run node --import tsx scripts/legal-forms/table.ts');
});

test('the table read back answers as before: forms of several jurisdictions and their countries', () => {
  assert.equal(legalFormOf('aktiengesellschaft'), 'ag');
  assert.equal(legalFormOf('gesellschaft mit beschrankter haftung'), 'gmbh');
  assert.equal(legalFormOf('limited liability company'), 'llc');
  assert.equal(legalFormOf('spzoo'), 'spzoo');
  assert.equal(legalFormOf('ooo'), 'ooo');
  assert.equal(legalFormOf('open joint stock company'), 'ojsc');
  assert.equal(legalFormOf('technology'), undefined);
  assert.equal(sameJurisdictionForms('gmbh', 'ag'), true);
});

test('a word shortens another when its letters appear in order from the first', () => {
  assert.equal(shortens('pvt', 'private'), true);
  assert.equal(shortens('pty', 'proprietary'), true);
  assert.equal(shortens('ltd', 'limited'), true);
  assert.equal(shortens('ltd', 'ltd'), false, 'not shorter');
  assert.equal(shortens('ptv', 'private'), false, 'letters out of order');
  assert.equal(shortens('ltd', 'trading'), false, 'another first letter');
});

test('a form of two short words stands for its spelled-out spellings only when the row spells it out word by word', () => {
  const known = new Map([['ltd', 'ltd'], ['pty', 'pty']]);
  const t = (s: string): string[] => s.split(' ');
  const india = pairedForm([t('pvt ltd')], [t('private limited company')], known);
  assert.deepEqual(india?.form, 'pvt ltd');
  assert.deepEqual(new Set(india?.phrases), new Set(['private limited company', 'private limited', 'pvt ltd']));
  const au = pairedForm([t('proprietary limited'), t('pty limited'), t('pty ltd')], [t('limited proprietary company')], known);
  assert.deepEqual(new Set(au?.phrases), new Set(['proprietary limited', 'pty limited', 'pty ltd']), 'the name does not start with the spelled-out words');
  assert.equal(pairedForm([t('cvba so')], [t('cooperatieve vennootschap met beperkte aansprakelijkheid')], known), null, 'nothing spells it out word by word');
  assert.equal(pairedForm([t('pty ltd')], [t('proprietary limited')], new Map([['pty ltd', 'x']])), null, 'a phrase already');
});

test('a full name without an abbreviation counts by its initials only when they are a known form', () => {
  const known = new Map([['as', 'as'], ['sro', 'spolsro']]);
  assert.equal(initialsForm(['akciova', 'spolecnost'], known), 'as');
  assert.equal(initialsForm(['spolecnost', 's', 'rucenim', 'omezenym'], known), 'spolsro', 'one-letter words aside');
  assert.equal(initialsForm(['obecny', 'urad'], known), undefined, 'ou is no known form');
  assert.equal(initialsForm(['aktiengesellschaft'], known), undefined, 'one word');
});
