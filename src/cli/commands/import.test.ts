import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportResult } from '../../app/types.js';
import { sharedData } from '../../sources/test-support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CONS = sharedData('ofac_non_sdn_consolidated/watchman_2025-12');
const consFiles = ['cons_prim.csv', 'cons_add.csv', 'cons_alt.csv', 'cons_comments.csv'].map((f) => path.join(CONS, f));

/** Runs the real CLI in a child process on the TypeScript sources. */
function cli(db: string, args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/listwatch.mjs'), '--db', db, ...args], {
    cwd: root,
    env: { ...process.env, LISTWATCH_FROM_SOURCE: '1', DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('listwatch import (end to end)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lw-cli-import-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the OFAC consolidated set, prints per list, then reports it unchanged as JSON', () => {
    const db = path.join(dir, 'db');
    const first = cli(db, ['import', '--format', 'ofac-cons', ...consFiles, '--date', '2025-12-19']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /us-treasury-ns-cmic: imported us-treasury-ns-cmic\/import-2025-12-19-[0-9a-f]{12} — 68 entries/);
    assert.match(first.stdout, /us-ofac-cons-ns-plc: imported .* 78 entries; 78 added, 0 removed/);
    assert.match(first.stderr, /import: cons_prim\.csv \+ cons_add\.csv \+ cons_alt\.csv \+ cons_comments\.csv: 442 records parsed/);
    const again = cli(db, ['--json', 'import', '--format', 'ofac-cons', ...consFiles, '--date', '2025-12-20']);
    assert.equal(again.code, 0, again.stderr);
    const results = JSON.parse(again.stdout) as ImportResult[];
    assert.equal(results.length, 1);
    assert.ok(results[0]!.lists.length >= 10);
    assert.ok(results[0]!.lists.every((l) => l.status === 'unchanged' && l.publicationId === null));
  });

  it('exits 2 naming file and line on a truncated file, and on an unknown format or bad date', () => {
    const db = path.join(dir, 'db');
    const bad = cli(db, ['import', '--format', 'trade-csl', sharedData('trade_csl/watchman_sample_2023-11/csl.csv')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /BAD_FILE: csl\.csv, line 4233: a quoted field/);
    const json = cli(db, ['--json', 'import', '--format', 'trade-csl', sharedData('trade_csl/watchman_sample_2023-11/csl.csv')]);
    assert.equal(json.code, 2);
    assert.equal((JSON.parse(json.stdout) as { code: string }).code, 'BAD_FILE');
    assert.equal(cli(db, ['import', '--format', 'nope', consFiles[0]!]).code, 2);
    assert.equal(cli(db, ['import', '--format', 'ofac-cons', consFiles[0]!, '--date', '2025-13-01']).code, 2);
  });
});
