import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { isListwatchError } from '../../core/errors.js';
import { inputFile, memFile, sharedData } from '../test-support.js';
import { ofacSdn } from './index.js';

const BENCH = sharedData('ofac_sdn/watchman_bench_2021-07');
const Y2024 = sharedData('ofac_sdn/jackdwyer_2024-05-03/sdn.csv');
const ctx = { sourceId: 'src-test' };
const set = (names: string[]) => Object.fromEntries(names.map((n) => [n.replace('sdn_', '').replace('.csv', ''), inputFile(path.join(BENCH, n))]));

test('2024 sdn.csv alone: every record, -0- emptied, trailing 0x1A ignored', async () => {
  const out = await ofacSdn.load({ sdn: inputFile(Y2024) }, ctx);
  const lines = readFileSync(Y2024, 'latin1').split('\r\n').filter((l) => /^\d+,/.test(l)).length;
  assert.equal(out.rowCount, lines);
  assert.equal(out.rowCount, 14965);
  const [slice] = out.lists;
  assert.equal(slice!.list.id, 'us-ofac-sdn');
  assert.equal(slice!.entries.length, 14965);
  const cuba = slice!.entities.find((e) => e.id === 'us-ofac-sdn:36')!;
  assert.equal(cuba.name, 'AEROCARIBBEAN AIRLINES');
  assert.equal(cuba.type, 'organization');
  assert.ok(!JSON.stringify(slice).includes('-0-'));
  assert.equal(slice!.entries.find((e) => e.entityId === 'us-ofac-sdn:36')!.basis, 'Programs: CUBA');
  // USCC parsed from the remarks of a Chinese company
  const raybeam = slice!.entities.find((e) => e.id === 'us-ofac-sdn:22685')!;
  assert.deepEqual(raybeam.identifiers.filter((i) => i.scheme === 'uscc').map((i) => i.value), ['9113100033607322XK']);
  assert.equal(out.warnings.length, 0);
});

test('2021 set with add/alt/comments: aliases by type, remarks continued from sdn_comments.csv', async () => {
  const out = await ofacSdn.load(set(['sdn.csv', 'add.csv', 'alt.csv', 'sdn_comments.csv']), ctx);
  assert.equal(out.rowCount, 8976);
  const slice = out.lists[0]!;
  const withAlias = slice.entities.filter((e) => e.names.some((n) => n.kind === 'alias'));
  const withPrevious = slice.entities.filter((e) => e.names.some((n) => n.kind === 'previous'));
  assert.ok(withAlias.length > 3000, `aliases on ${withAlias.length}`);
  assert.ok(withPrevious.length > 100, `previous names on ${withPrevious.length}`);
  // 28264's remarks continue in sdn_comments.csv with an a.k.a. and an identification number
  const e = slice.entities.find((x) => x.id === 'us-ofac-sdn:28264')!;
  assert.ok(e.names.some((n) => n.name === 'khaleesi' && n.kind === 'alias'), JSON.stringify(e.names));
  assert.ok(e.identifiers.some((i) => i.value === 'Identification Number 210302198701102136 (China)'));
  const comments = ofacSdn.group([path.join(BENCH, 'sdn_comments.csv'), path.join(BENCH, 'sdn.csv')]);
  assert.equal(comments.length, 1);
  assert.deepEqual(Object.keys(comments[0]!.files).sort(), ['comments', 'sdn']);
});

test('a companion file without its sdn.csv is BAD_INPUT', () => {
  assert.throws(() => ofacSdn.group([path.join(BENCH, 'alt.csv')]), (e) => isListwatchError(e, 'BAD_INPUT'));
});

const ROW = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n';

test('broken SDN files are BAD_FILE naming file and line', async () => {
  const cases: [string, string, number][] = [
    ['wrong column count', ROW + '173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA"\r\n', 2],
    ['last line cut (no line end)', ROW + '173,"ANGLO",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0', 2],
    ['quoted field open at EOF', ROW + '173,"ANGLO-CARIBBEAN CO., LTD.,-0- ,"CUBA",-0- \r\n', 2],
    ['ent_num not a number', ROW + 'x1,"A",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n', 2],
    ['repeated ent_num', ROW + ROW, 2],
  ];
  for (const [what, text, line] of cases) {
    await assert.rejects(ofacSdn.load({ sdn: memFile('sdn.csv', text) }, ctx), (e) => {
      assert.ok(isListwatchError(e, 'BAD_FILE'), `${what}: ${String(e)}`);
      assert.equal(e.where?.file, 'sdn.csv', what);
      assert.equal(e.where?.line, line, `${what}: ${e.message}`);
      return true;
    });
  }
});

test('Windows-1252 bytes decode with a warning (OFAC legacy files may be Windows-1252)', async () => {
  const bytes = Buffer.concat([Buffer.from('36,"CAF'), Buffer.from([0xc9]), Buffer.from('",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'), Buffer.from([0x1a])]);
  const out = await ofacSdn.load({ sdn: memFile('sdn.csv', bytes) }, ctx);
  assert.equal(out.lists[0]!.entities[0]!.name, 'CAFÉ');
  assert.match(out.warnings.join('\n'), /^sdn\.csv, line 1: not valid UTF-8.*Windows-1252/);
});
