// The UI's pure text functions: match explanation in words, the verdict, and the CSV export.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { csvCell, diffToCsv, DIFF_CSV_HEADER } from './csv.js';
import { verdictOf } from './verdict.js';
import type { VerdictEvent } from './verdict.js';
import { matchInWords } from './words.js';

describe('matchInWords', () => {
  test('all words match, legal form differs', () => {
    const s = matchInWords({ queryForm: 'latin: Tencent Holdings', matchedNameKind: 'printed', features: [
      { feature: 'query_coverage', weight: 0.5, value: 1 }, { feature: 'name_coverage', weight: 0.4, value: 0.985 },
      { feature: 'token_order', weight: 0.03, value: 1 }, { feature: 'legal_form_agreement', weight: 0.03, value: 0.5 },
    ] });
    assert.equal(s, 'All words of the name match; legal form differs.');
  });

  test('generic words only: says so', () => {
    const s = matchInWords({ queryForm: 'latin: China Technology Group', matchedNameKind: 'printed', features: [
      { feature: 'query_coverage', weight: 0.5, value: 1 }, { feature: 'generic_words_only', weight: -0.1, value: 1 },
    ] });
    assert.equal(s, 'All words of the name match; only generic business words match, and the listed name has another word between them.');
  });

  test('says which name matched and how, for Chinese and aliases', () => {
    const s = matchInWords({ queryForm: 'han: 腾讯', matchedName: '腾讯控股有限公司', matchedNameKind: 'zh-hans', features: [{ feature: 'han_core', weight: 1, value: 1 }] });
    assert.match(s, /^Matched its Chinese name “腾讯控股有限公司”, compared in Chinese characters: the Chinese characters match exactly\.$/);
  });

  test('an unknown feature is described by its detail, or its name, and never breaks the sentence', () => {
    assert.match(matchInWords({ features: [{ feature: 'registration_number_match', weight: 0.2, value: 1, detail: 'the USCC code agrees' }] }), /the USCC code agrees/i);
    assert.match(matchInWords({ features: [{ feature: 'brand_new_signal', weight: 0.1, value: 0.4 }] }), /brand new signal \(0\.40\)/i);
    assert.equal(matchInWords({ features: [] }), 'The name is close to a listed name.');
    fc.assert(fc.property(fc.array(fc.record({ feature: fc.string(), weight: fc.double({ noNaN: true }), value: fc.double({ noNaN: true }), detail: fc.option(fc.string(), { nil: undefined }) })), (features) => {
      const s = matchInWords({ features });
      return typeof s === 'string' && s.endsWith('.') && s.length > 1;
    }));
  });
});

describe('verdictOf', () => {
  const suit: VerdictEvent = { id: 'lawsuit-x', date: '2021-01-29', kind: 'lawsuit-filed', title: 'X sues DoD', court: 'D.D.C.', docket: '1:21-cv-00280', verified: false, sourceIds: ['s1'] };
  const ruling: VerdictEvent = { id: 'ruling-x', date: '2021-03-12', kind: 'court-ruling', title: 'Court enjoins the designation', verified: true, sourceIds: ['s2'] };
  const des = { listName: 'DoD 1237 list', from: '2021-01-14', to: '2021-05-25', active: false, notice: { title: 'Tranche', citation: 'DoD release', date: '2021-01-14' } };

  test('listed today: lists, since when, by which notice; role line from the in-force obligation', () => {
    const v = verdictOf({
      asOf: '2026-11-21', today: '2026-11-21', role: { id: 'dod-contractor', label: 'DoD contractor' },
      designations: [{ listName: '1260H', from: '2025-01-07', to: null, active: true, notice: { title: 'Jan 2025', citation: 'FR Doc 2025-00070', date: '2025-01-07' } }],
      events: [], obligations: [{ status: 'in-force', effect: 'DoD may not contract with it. More text.', citation: 'FY2024 NDAA §805', effectiveFrom: '2026-06-30' }],
    });
    assert.equal(v.listed, true);
    assert.equal(v.headline, 'Listed today on 1260H');
    assert.deepEqual(v.lines, ['1260H: since 2025-01-07 by FR Doc 2025-00070.']);
    assert.equal(v.challenge, 'No court challenge recorded.');
    assert.equal(v.forRole, 'For a DoD contractor: DoD may not contract with it. (FY2024 NDAA §805)');
  });

  test('a suit and a ruling are flagged, only those on or before the date asked', () => {
    const on = verdictOf({ asOf: '2021-02-01', today: '2026-11-21', designations: [{ ...des, to: '2021-05-25', active: true }], events: [suit, ruling] });
    assert.equal(on.headline, 'Listed on 2021-02-01 on DoD 1237 list');
    assert.equal(on.challenge, 'Under challenge: suit filed 2021-01-29 (D.D.C., 1:21-cv-00280).');
    assert.deepEqual(on.flags.map((f) => f.kind), ['challenge']);
    const later = verdictOf({ asOf: '2026-11-21', today: '2026-11-21', designations: [des], events: [ruling, suit] });
    assert.equal(later.headline, 'Not listed today (listed before)');
    assert.match(later.lines[0]!, /^Was on DoD 1237 list from 2021-01-14 to 2021-05-25/);
    assert.match(later.challenge, /^Challenged in court: suit filed 2021-01-29 .*latest ruling 2021-03-12: Court enjoins/);
    assert.equal(later.forRole, null);
  });

  test('the role line leads with the first rule whose kind binds, not with a note listed before it', () => {
    const v = verdictOf({
      asOf: '2026-11-21', today: '2026-11-21', role: { id: 'exporter', label: 'Exporter' },
      designations: [{ listName: 'Entity List', from: '2019-05-21', to: null, active: true }], events: [],
      obligations: [
        { kind: 'information', status: 'in-force', effect: 'Affiliates must be checked separately. Not covered unless listed.', citation: '15 CFR 744.11', effectiveFrom: '2019-05-21' },
        { kind: 'requirement', status: 'in-force', effect: 'A licence for all items subject to the EAR.', citation: '15 CFR 744 Supp. 4', effectiveFrom: '2019-05-21' },
      ],
    });
    assert.equal(v.forRole, 'For an Exporter (2 rules in force): A licence for all items subject to the EAR. (15 CFR 744 Supp. 4)');
    const none = verdictOf({
      asOf: '2026-11-21', today: '2026-11-21', role: { id: 'exporter', label: 'Exporter' },
      designations: [{ listName: 'Entity List', from: '2019-05-21', to: null, active: true }], events: [],
      obligations: [{ kind: 'information', status: 'in-force', effect: 'A note only.', citation: 'c', effectiveFrom: '2019-05-21' }],
    });
    assert.equal(none.forRole, 'For an Exporter: A note only. (c)');
    const us = verdictOf({ asOf: '2026-11-21', today: '2026-11-21', role: { id: 'us-investor', label: 'US investor' }, designations: [], events: [], obligations: [] });
    assert.match(us.forRole ?? '', /^For a US investor: no obligation/);
  });

  test('never listed, with a role: says no obligation', () => {
    const v = verdictOf({ asOf: '2026-11-21', today: '2026-11-21', role: { id: 'exporter', label: 'Exporter' }, designations: [], events: [], obligations: [] });
    assert.equal(v.headline, 'Not listed today');
    assert.match(v.forRole ?? '', /no obligation/);
  });
});

describe('diff CSV', () => {
  test('cells that a spreadsheet would run as a formula are escaped; the CSV parses back', () => {
    for (const c of ['=1+1', '+cmd', '-2', '@SUM(A1)']) assert.equal(csvCell(c), `'${c}`);
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    const diff = {
      listId: 'l', from: { id: 'l/1', date: '2024-01-31', kind: 'edition' as const, title: 'A' }, to: { id: 'l/2', date: '2025-01-07', kind: 'edition' as const, title: 'B' },
      fromCount: 2, toCount: 2,
      added: [{ entityId: 'e1', name: '=cmd|" /C calc"!A0' }], removed: [{ entityId: 'e2', name: 'Foo, Ltd.', note: 'folded' }],
      renamed: [{ entityId: 'e3', from: 'Old', to: '-New', evidence: 'formerly Old', verified: true }], changed: [], withdrawn: [],
    };
    const rows = parse(diffToCsv(diff)) as string[][];
    assert.deepEqual(rows[0], [...DIFF_CSV_HEADER]);
    assert.equal(rows.length, 4);
    assert.equal(rows[1]![2], `'=cmd|" /C calc"!A0`);
    assert.equal(rows[2]![2], 'Foo, Ltd.');
    assert.deepEqual(rows[3]!.slice(0, 5), ['renamed', 'e3', "'-New", 'Old', 'formerly Old']);
    fc.assert(fc.property(fc.string(), (s) => {
      const cell = (parse(csvCell(s) + '\r\n', { relax_quotes: false }) as string[][])[0]?.[0] ?? '';
      return !/^[=+\-@\t\r]/.test(cell) && (cell === s || cell === `'${s}`);
    }));
  });
});
