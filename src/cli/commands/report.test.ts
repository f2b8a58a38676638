import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CJK_FONT } from '../../app/report/pdf.js';
import { pdfText } from '../../test-support/pdf-text.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function cli(dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin', 'listwatch.mjs'), '--db', path.join(dir, 'db'), ...args], { cwd: root, env: { ...process.env, LISTWATCH_FROM_SOURCE: '1', DATABASE_URL: '', USER: 'report-test' } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('listwatch screen --report and decisions', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'lw-report-cli-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a decision shows beside the hit; --report writes a PDF whose text carries it', { skip: !existsSync(DEFAULT_CJK_FONT) && 'fonts-wqy-microhei not installed' }, async () => {
    const d = await cli(dir, ['decisions', 'add', '--query', '華為技術', '--entity', 'huawei-technologies', '--verdict', 'true-match', '--note', 'parent company confirmed']);
    assert.equal(d.code, 0, d.stderr);
    const out = path.join(dir, 'evidence.pdf');
    const r = await cli(dir, ['screen', '華為技術', '--as-of', '2026-11-21', '--role', 'exporter', '--report', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /decision: TRUE-MATCH by local:report-test at .*: parent company confirmed/);
    assert.match(r.stderr, /evidence report → .*evidence\.pdf \(audit entry #2\)/);
    const text = pdfText(readFileSync(out)).replace(/\s+/g, ' ');
    for (const s of ['Query: 華為技術', 'By: local:report-test', 'Role: exporter', 'Audit entry: #2', 'TRUE MATCH by local:report-test', 'parent company confirmed']) {
      assert.ok(text.includes(s), `PDF lacks "${s}"`);
    }
    const html = path.join(dir, 'evidence.html');
    assert.equal((await cli(dir, ['screen', 'Huawei', '--report', html])).code, 0);
    assert.match(readFileSync(html, 'utf8'), /<h1>Screening evidence<\/h1>/);
    assert.equal((await cli(dir, ['decisions', 'add', '--query', 'x', '--entity', 'no-such', '--verdict', 'true-match', '--note', 'n'])).code, 2);
  });
});
