import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forTerminal } from './terminal.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function cli(dir: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin', 'listwatch.mjs'), '--db', path.join(dir, 'db'), ...args], { cwd: root, env: { ...process.env, LISTWATCH_FROM_SOURCE: '1', DATABASE_URL: '', ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('CLI hardening (issue #10)', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'lw-cli-hard-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a batch that fails leaves no output file; the row limit comes from the environment', async () => {
    const input = path.join(dir, 'many.csv');
    const output = path.join(dir, 'out.jsonl');
    writeFileSync(input, 'name\nHuawei\nZTE\nTencent\n');
    const r = await cli(dir, ['screen', '--input', input, '--output', output], { LISTWATCH_BATCH_MAX_ROWS: '2' });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /line 4: more than 2 rows/);
    assert.equal(existsSync(output), false);
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('out.jsonl')), [], 'no partial file either');
  });

  it('batch CSV output escapes formula cells from the input and from listed names', async () => {
    const input = path.join(dir, 'f.csv');
    const output = path.join(dir, 'f.csv.out.csv');
    writeFileSync(input, 'id,name\n=1+1,Huawei Technologies\n@x,-2+3\n');
    const r = await cli(dir, ['screen', '--input', input, '--output', output, '--as-of', '2026-11-21']);
    assert.equal(r.code, 0, r.stderr);
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    assert.ok(lines[1]!.startsWith(`'=1+1,2,Huawei`), lines[1]);
    assert.ok(lines[2]!.startsWith(`'@x,3,'-2+3`), lines[2]);
    assert.ok(!lines.some((l) => /(^|,)[=+@]/.test(l.replace(/"[^"]*"/g, ''))), 'no unescaped formula cell');
  });

  it('a name of 100,000 characters is a skipped row, not a crash', async () => {
    const input = path.join(dir, 'long.csv');
    const output = path.join(dir, 'long.jsonl');
    writeFileSync(input, `name\nHuawei\n${'A'.repeat(100_000)}\n`);
    const r = await cli(dir, ['screen', '--input', input, '--output', output, '--as-of', '2026-11-21']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /line 3: skipped: name is 100000 characters long/);
    assert.equal(readFileSync(output, 'utf8').trim().split('\n').length, 2);
  });
});

describe('terminal output', () => {
  it('strips escape sequences and control characters, keeps text, tabs and line feeds', () => {
    assert.equal(forTerminal('\u001b[31mRED\u001b[0m\tok\nnext'), 'RED\tok\nnext');
    assert.equal(forTerminal('a\u001b]0;title\u0007b\u001b]8;;http://x\u001b\\c'), 'abc');
    assert.equal(forTerminal('x\u0000y\u0008z\r\u009b2Jw'), 'xyzw');
    assert.equal(forTerminal('腾讯控股 Ltd.'), '腾讯控股 Ltd.');
  });
});
