import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { isListwatchError } from '../../core/errors.js';
import { inputFile, memFile, sharedData } from '../test-support.js';
import { opensanctions1260h } from './index.js';

const FILE = sharedData('dod_1260h/opensanctions/us_dod_chinese_milcorps_sanctions.csv');
const ctx = { sourceId: 'src-test' };

test('imports the latest edition (2026-06-08: 188) into its own list, not us-dod-1260h', async () => {
  const out = await opensanctions1260h.load({ csv: inputFile(FILE) }, ctx);
  const rows = parse(readFileSync(FILE), { columns: true }) as Record<string, string>[];
  assert.equal(out.rowCount, rows.length);
  assert.equal(out.rowCount, 397);
  const slice = out.lists[0]!;
  assert.equal(slice.list.id, 'us-dod-1260h-opensanctions');
  assert.equal(slice.entries.length, rows.filter((r) => r['Start date'] === '2026-06-08').length);
  assert.equal(slice.entries.length, 188);
  const qihoo = slice.entities.find((e) => e.name === '360 Security Technology Inc.')!;
  assert.ok(qihoo.names.some((n) => n.name === 'Qihoo 360' && n.kind === 'alias'));
  assert.match(slice.entries.find((e) => e.entityId === qihoo.id)!.basis!, /1260H\(g\)/);
  // AMEC and IDG: no End date, absent from the latest edition → warned and left out
  const w = out.warnings.join('\n');
  assert.match(w, /Advanced Micro-Fabrication Equipment Inc\. China.*not in the latest edition/);
  assert.match(w, /IDG Capital Partners Co\., Ltd\..*not in the latest edition/);
  assert.ok(!slice.entities.some((e) => e.name.startsWith('IDG Capital')));
});

test('a bad date or header is BAD_FILE with the line', async () => {
  const text = readFileSync(FILE, 'utf8').split('\n');
  const bad = [text[0], text[1], text[2]!.replace('2024-01-31', '31/01/2024')].join('\n') + '\n';
  await assert.rejects(opensanctions1260h.load({ csv: memFile('s.csv', bad) }, ctx), (e) => isListwatchError(e, 'BAD_FILE') && e.where?.line === 3 && e.where.field === 'Start date');
  await assert.rejects(opensanctions1260h.load({ csv: memFile('s.csv', text.slice(1).join('\n')) }, ctx), (e) => isListwatchError(e, 'BAD_FILE') && e.where?.line === 1);
});
