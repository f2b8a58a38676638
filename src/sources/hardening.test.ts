import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isListwatchError } from '../core/errors.js';
import { memFile, sharedData } from './test-support.js';
import { opensanctions1260h } from './opensanctions-1260h/index.js';
import { tradeCsl } from './trade-csl/index.js';
import { cslList, splitSource } from './trade-csl/lists.js';
import { parseRemarks } from './common/ofac-remarks.js';
import { decodeText } from './common/decode.js';
import { prng } from '../test-support/prng.js';

const OS = sharedData('dod_1260h/opensanctions/us_dod_chinese_milcorps_sanctions.csv');
const CSL = sharedData('trade_csl/watchman_sample_2025-06/consolidated.csv');
const ctx = { sourceId: 'src-test' };
const osText = (): string => readFileSync(OS, 'utf8');
const load = (text: string | Uint8Array) => opensanctions1260h.load({ csv: memFile('s.csv', text) }, ctx);
const summary = (out: Awaited<ReturnType<typeof load>>) => out.lists.map((l) => [l.list.id, l.entries.map((e) => [e.entityId, e.printedName]), l.entities.map((e) => e.names)]);

describe('importers on hostile input (issue #10)', () => {
  it('UTF-16 (LE/BE, with a mark) and UTF-8 with a mark read the same as UTF-8', async () => {
    const text = osText();
    const want = summary(await load(text));
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(Buffer.from(text, 'utf16le')).swap16()]);
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    for (const b of [le, be, bom8]) assert.deepEqual(summary(await load(b)), want);
    assert.equal(decodeText(le, 'x', { latin1Fallback: false }).encoding, 'utf-16le');
    const csl = readFileSync(CSL);
    const cslWant = (await tradeCsl.load({ csl: memFile('c.csv', csl) }, ctx)).lists.map((l) => l.entries);
    const cslLe = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csl.toString('utf8'), 'utf16le')]);
    assert.deepEqual((await tradeCsl.load({ csl: memFile('c.csv', cslLe) }, ctx)).lists.map((l) => l.entries), cslWant);
  });

  it('a mix of CRLF and LF line ends is accepted and reads the same rows', async () => {
    const lines = osText().split('\n');
    const mixed = lines.map((l, i) => (i % 3 === 0 && i < lines.length - 1 ? `${l}\r` : l)).join('\n');
    assert.deepEqual(summary(await load(mixed)), summary(await load(osText())));
  });

  it('NUL and control characters are BAD_FILE naming file, line and column', async () => {
    const lines = osText().split('\n');
    lines[3] = 'A\u0000B,AB,,,,,2024-01-31,,';
    await assert.rejects(load(lines.join('\n')), (e) => isListwatchError(e, 'BAD_FILE') && e.where?.file === 's.csv' && e.where.line === 4 && e.where.field === 'Name' && /U\+0000/.test(e.message));
    lines[3] = lines[3]!.replace('\u0000', '\u001b[2J');
    await assert.rejects(load(lines.join('\n')), (e) => isListwatchError(e, 'BAD_FILE') && e.where?.line === 4 && /U\+001B/.test(e.message));
  });

  it('a 1 MiB field is BAD_FILE with the line, not a store error', async () => {
    const lines = osText().split('\n');
    lines[5] = lines[5]!.replace(/^([^,]*),/, `$1,${'A'.repeat(1 << 20)}`);
    await assert.rejects(load(lines.join('\n')), (e) => isListwatchError(e, 'BAD_FILE') && e.where?.line === 6 && e.where.field === 'Clean Name' && /limit/.test(e.message));
  });

  it('an OpenSanctions file cut anywhere but at a line end is refused', async () => {
    const bytes = Buffer.from(osText());
    const r = prng(10);
    let refused = 0;
    for (let i = 0; i < 60; i++) {
      let cut = 1 + Math.floor(r() * (bytes.length - 2));
      if (bytes[cut - 1] === 0x0a) cut++; // a cut exactly at a line end is a shorter valid file: the 20 % guard's case
      const part = bytes.subarray(0, cut);
      await assert.rejects(load(part), (e) => isListwatchError(e, 'BAD_FILE'), `cut at ${cut}`);
      refused++;
    }
    assert.equal(refused, 60);
  });

  it('the CSL source field is split in linear time, with the same reading as before', () => {
    assert.deepEqual(splitSource('Entity List (EL) - Bureau of Industry and Security'), { full: 'Entity List', abbr: 'EL', agency: 'Bureau of Industry and Security' });
    assert.deepEqual(splitSource('Foo (X) List  -  Agency'), { full: 'Foo List', abbr: 'X', agency: 'Agency' });
    assert.equal(splitSource('no abbreviation - Agency'), null);
    assert.equal(cslList('Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department').id, 'us-treasury-ns-cmic-csl');
    // The shapes that made the old pattern quadratic (159 KB cost 51 s); 2 MB each here.
    const n = 1 << 20;
    assert.equal(splitSource(`(${'a'.repeat(n)}`), null);
    assert.equal(splitSource(`x (y)${' '.repeat(n)}-`), null);
    assert.equal(splitSource(`(a)${' -x'.repeat(n)}`), null);
    assert.equal(cslList(`(${' ('.repeat(n)}`).agency, 'unknown agency');
  });

  it('OFAC remark dates: same reading, linear on long segments', () => {
    const p = parseRemarks('Listing Date (CMIC) 03 Jun 2021; Effective Date (CMIC) 02 Aug 2021; Date of Birth x 1 Jan 2020.');
    assert.deepEqual(p.dates, { 'Listing Date (CMIC)': '2021-06-03', 'Effective Date (CMIC)': '2021-08-02', 'Date of Birth x': '2020-01-01' });
    assert.deepEqual(parseRemarks('Dated 03 Jun 2021').dates, {});
    assert.deepEqual(parseRemarks(`${'Date '.repeat(200_000)}x`).dates, {});
  });
});
