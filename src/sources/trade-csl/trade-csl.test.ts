import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isListwatchError } from '../../core/errors.js';
import { inputFile, memFile, sharedData } from '../test-support.js';
import { tradeCsl } from './index.js';
import { cslList } from './lists.js';

const Y2023 = sharedData('trade_csl/watchman_sample_2023-11/csl.csv');
const Y2025 = sharedData('trade_csl/watchman_sample_2025-06/consolidated.csv');
const ctx = { sourceId: 'src-test' };

/** The 2023 sample ends in the middle of a quoted address: everything before its last record. */
function complete2023(): string {
  const text = readFileSync(Y2023, 'utf8');
  return text.slice(0, text.lastIndexOf('\n"') + 1);
}

test('the real 2023 CSL sample is refused: its last record is cut inside a quoted field', async () => {
  const lines = readFileSync(Y2023, 'utf8').split('\n').length;
  await assert.rejects(tradeCsl.load({ csl: inputFile(Y2023) }, ctx), (e) => {
    assert.ok(isListwatchError(e, 'BAD_FILE'), String(e));
    assert.equal(e.where?.file, 'csl.csv');
    assert.equal(e.where?.line, lines);
    assert.match(e.message, /never closed/);
    return true;
  });
});

test('2023 sample without the cut record: repeated header skipped with a warning, split per source', async () => {
  const out = await tradeCsl.load({ csl: memFile('csl.csv', complete2023()) }, ctx);
  assert.equal(out.rowCount, 4226);
  assert.ok(out.warnings.some((w) => w === 'csl.csv, line 2: repeated header line skipped'), out.warnings.join('\n'));
  const by = Object.fromEntries(out.lists.map((l) => [l.list.id, l.entries.length]));
  assert.equal(by['us-bis-entity-list'], 919);
  assert.equal(by['us-treasury-ns-cmic-csl'], 68);
  assert.equal(by['us-ofac-sdn-csl'], 1737); // 1,738 in the README counts the cut record, an SDN row
  assert.equal(by['us-bis-dpl'], 577);
  assert.equal(by['us-state-isn'], 144);
  assert.equal(Object.values(by).reduce((a, b) => a + b, 0), 4226);
  const cmic = out.lists.find((l) => l.list.id === 'us-treasury-ns-cmic-csl')!;
  const telecom = cmic.entities.find((e) => e.id === 'us-treasury-ns-cmic-csl:30882')!;
  assert.ok(telecom.names.some((n) => n.kind === 'alias' && n.name === 'CHINA TELECOM CORP LTD'));
  assert.ok(telecom.identifiers.some((i) => i.scheme === 'uscc' && i.value === '9111000071093019X7'));
  assert.ok(telecom.identifiers.some((i) => i.scheme === 'ofac-ent-num' && i.value === '30882'));
  assert.equal(telecom.country, 'CN');
  assert.match(cmic.entries.find((e) => e.entityId === telecom.id)!.basis!, /Listing Date \(CMIC\) 2021-06-03/);
  const el = out.lists.find((l) => l.list.id === 'us-bis-entity-list')!;
  const ghoura = el.entries.find((e) => e.printedName === 'Abdul Satar Ghoura')!;
  assert.match(ghoura.basis!, /Federal Register: 76 FR 71867; Start date 2011-11-21; License requirement: For all items subject to the EAR/);
});

test('2025 sample: 13 rows in the current 29-column format, one list per source', async () => {
  const out = await tradeCsl.load({ csl: inputFile(Y2025) }, ctx);
  assert.equal(out.rowCount, 13);
  assert.equal(out.warnings.length, 0, out.warnings.join('\n'));
  const ids = out.lists.map((l) => l.list.id).sort();
  assert.deepEqual(ids, ['us-bis-dpl', 'us-bis-entity-list', 'us-bis-meu', 'us-bis-uvl', 'us-ofac-fse-csl', 'us-ofac-plc-csl', 'us-ofac-sdn-csl', 'us-ofac-ssi-csl', 'us-state-dtc', 'us-state-isn']);
  const el = out.lists.find((l) => l.list.id === 'us-bis-entity-list')!;
  assert.ok(el.entities[0]!.names.some((n) => n.name === 'HSRI'));
});

test('CSL source names map to list ids; Treasury lists get -csl copies', () => {
  assert.equal(cslList('Entity List (EL) - Bureau of Industry and Security').id, 'us-bis-entity-list');
  assert.equal(cslList('Specially Designated Nationals (SDN) - Treasury Department').id, 'us-ofac-sdn-csl');
  assert.equal(cslList('Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department').id, 'us-ofac-ns-mbs-csl');
  assert.equal(cslList('Military End User (MEU) List - Bureau of Industry and Security').id, 'us-bis-meu');
});

test('broken CSL files are BAD_FILE naming file and line', async () => {
  const header = readFileSync(Y2025, 'utf8').split('\n')[0]!;
  const row = readFileSync(Y2025, 'utf8').split('\n')[1]!;
  const cases: [string, string | Uint8Array, number][] = [
    ['wrong column count', `${header}\n${row}\n"a","b","c"\n`, 3],
    ['not the CSL header', `${header.replace('alt_names', 'aliases')}\n${row}\n`, 1],
    ['invalid UTF-8', Buffer.concat([Buffer.from(`${header}\n${row}\n"x`), Buffer.from([0xff, 0xfe]), Buffer.from('"\n')]), 3],
    ['last record cut after a closing quote', `${header}\n${row}\n${row.slice(0, row.indexOf('","', 200) + 1)}`, 3],
  ];
  for (const [what, content, line] of cases) {
    await assert.rejects(tradeCsl.load({ csl: memFile('c.csv', content) }, ctx), (e) => {
      assert.ok(isListwatchError(e, 'BAD_FILE'), `${what}: ${String(e)}`);
      assert.equal(e.where?.line, line, `${what}: ${e.message}`);
      return true;
    });
  }
});
