import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../store/open.js';
import { sharedData } from '../../sources/test-support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CONS = sharedData('ofac_non_sdn_consolidated/watchman_2025-12');
const consFiles = ['cons_prim.csv', 'cons_add.csv', 'cons_alt.csv', 'cons_comments.csv'].map((f) => path.join(CONS, f));

/** Runs the real CLI entry point from source on an embedded store in `dir`. */
function cli(dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin', 'listwatch.mjs'), '--db', path.join(dir, 'db'), ...args], { cwd: root, env: { ...process.env, LISTWATCH_FROM_SOURCE: '1', DATABASE_URL: '', USER: 'auditor-test' } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('listwatch audit', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'lw-audit-cli-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('records each screen; verify passes; export gives it as JSONL and CSV', async () => {
    for (const q of ['Tencent Holdings', '华为']) {
      const r = await cli(dir, ['screen', q, '--as-of', '2026-11-21']);
      assert.equal(r.code, 0, r.stderr);
    }
    const input = path.join(dir, 'names.csv');
    writeFileSync(input, 'name\nTencent Holdings\nAcme Widgets\n');
    const b = await cli(dir, ['screen', '--input', input, '--output', path.join(dir, 'out.jsonl'), '--as-of', '2026-11-21', '--workers', '1']);
    assert.equal(b.code, 0, b.stderr);
    const imp = await cli(dir, ['import', '--format', 'ofac-cons', ...consFiles, '--date', '2025-12-19']);
    assert.equal(imp.code, 0, imp.stderr);
    const v = await cli(dir, ['audit', 'verify']);
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout, /intact: 4 entries/);
    const j = await cli(dir, ['audit', 'export', '--since', '2000-01-01', '--format', 'jsonl']);
    assert.equal(j.code, 0, j.stderr);
    const entries = j.stdout.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; actor: string; action: string; subject: string; revision: string; listVersions: Record<string, string>; answerDigest: string; options: { asOf: string } });
    assert.deepEqual(entries.slice(0, 2).map((e) => [e.seq, e.action, e.subject, e.actor]), [[1, 'screen', 'Tencent Holdings', 'local:auditor-test'], [2, 'screen', '华为', 'local:auditor-test']]);
    const batch = entries[2] as unknown as { action: string; subject: string; answerDigest: string; details: { rows: number; fileHash: string } };
    assert.deepEqual([batch.action, batch.subject, batch.details.rows], ['screen.batch', input, 2]);
    assert.equal(batch.details.fileHash, `sha256:${createHash('sha256').update(readFileSync(input)).digest('hex')}`);
    assert.equal(batch.answerDigest, `sha256:${createHash('sha256').update(readFileSync(path.join(dir, 'out.jsonl'))).digest('hex')}`);
    const imported = entries[3] as unknown as { action: string; options: { format: string }; listVersions: Record<string, string> };
    assert.deepEqual([imported.action, imported.options.format], ['import', 'ofac-cons']);
    assert.match(imported.listVersions['us-treasury-ns-cmic'] ?? '', /^us-treasury-ns-cmic\/import-2025-12-19-/);
    assert.ok(entries[0]!.listVersions['us-dod-1260h'] && /^sha256:[0-9a-f]{64}$/.test(entries[0]!.answerDigest) && entries[0]!.revision);
    assert.equal(entries[0]!.options.asOf, '2026-11-21');
    const out = path.join(dir, 'audit.csv');
    const c = await cli(dir, ['audit', 'export', '--format', 'csv', '--output', out]);
    assert.equal(c.code, 0, c.stderr);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    assert.equal(lines.length, 5);
    assert.match(lines[2]!, /^2,[^,]+,local:auditor-test,screen,华为,/);
    const bad = await cli(dir, ['audit', 'export', '--since', 'yesterday']);
    assert.equal(bad.code, 2);
  });

  it('verify exits 1 naming the entry altered directly in the database', async () => {
    const store = await openStore({ dbDir: path.join(dir, 'db') });
    try {
      await store.sql.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await store.sql.query(`UPDATE audit_log SET actor = 'local:someone-else' WHERE seq = 1`);
    } finally {
      await store.close();
    }
    const v = await cli(dir, ['audit', 'verify']);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /entry 1 .*was altered/);
    const j = await cli(dir, ['--json', 'audit', 'verify']);
    assert.equal(j.code, 1);
    const p = (JSON.parse(j.stdout) as { ok: boolean; problem: { seq: number; kind: string } });
    assert.deepEqual([p.ok, p.problem.seq, p.problem.kind], [false, 1, 'altered']);
  });
});
