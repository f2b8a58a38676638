/**
 * The shipped legal-form table (legal-form-table.generated.ts) is exactly what the rules work out
 * from the published GLEIF and SDN tables with today's normalisation: a change to either leaves
 * this test failing until `node --import tsx scripts/legal-forms/table.ts` writes it again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLegalFormTable } from './legal-form-table.js';
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
