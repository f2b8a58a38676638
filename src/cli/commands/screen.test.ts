import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs the real CLI entry point from source on an embedded store in `dir`. */
function cli(dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin', 'listwatch.mjs'), '--db', path.join(dir, 'db'), ...args], { cwd: root, env: { ...process.env, LISTWATCH_FROM_SOURCE: '1', DATABASE_URL: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('listwatch screen', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'lw-screen-cli-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--json prints the ScreenResult contract', async () => {
    const r = await cli(dir, ['--json', 'screen', 'Tencent Holdings', '--as-of', '2026-11-21']);
    assert.equal(r.code, 0, r.stderr);
    const res = JSON.parse(r.stdout) as { query: string; asOf: string; hits: { entityId: string; name: string; matchedName: string; score: number; designations: { list: string; from: string; to: string | null; active: boolean; source: { publicationId: string } }[]; explanation: { summary: string } }[] };
    assert.equal(res.query, 'Tencent Holdings');
    assert.equal(res.asOf, '2026-11-21');
    const h = res.hits[0];
    assert.ok(h);
    assert.equal(h.entityId, 'tencent-holdings');
    assert.ok(h.score > 0.8 && h.matchedName.length > 0 && h.explanation.summary.length > 0);
    assert.ok(h.designations.some((d) => d.list === 'us-dod-1260h' && d.active && d.source.publicationId.length > 0));
  });

  it('prints a readable table with status, explanation and sources', async () => {
    const r = await cli(dir, ['screen', '騰訊控股', '--as-of', '2020-01-01']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /inactive\s+Tencent Holdings Limited/);
    assert.match(r.stdout, /why: .*traditional characters converted/);
    assert.match(r.stdout, /source: /);
  });

  it('a bad date is a usage error (exit 2)', async () => {
    const r = await cli(dir, ['screen', 'Tencent', '--as-of', '2026-02-30']);
    assert.equal(r.code, 2);
  });

  it('batch: one record per row in order, bad rows reported with their line and skipped', async () => {
    const input = path.join(dir, 'in.csv');
    const output = path.join(dir, 'out.jsonl');
    writeFileSync(input, 'id,name,as_of\n1,Tencent Holdings,\n2,,\n3,Qihoo 360,not-a-date\n4,Ningde Shidai,\n');
    const r = await cli(dir, ['screen', '--input', input, '--output', output, '--as-of', '2026-11-21']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /line 3: skipped: empty name/);
    assert.match(r.stderr, /line 4: skipped: as_of "not-a-date"/);
    const recs = readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; line: number; error?: string; hits?: { entityId: string }[] });
    assert.deepEqual(recs.map((x) => x.id), ['1', '2', '3', '4']);
    assert.equal(recs[0]?.hits?.[0]?.entityId, 'tencent-holdings');
    assert.ok(recs[1]?.error && recs[2]?.error);
    assert.ok((recs[3]?.hits?.length ?? 0) > 0);
  });

  it('each designation carries verified (text and --json), and a statute before its ban reads "named; ban from"', async () => {
    const j = await cli(dir, ['--json', 'screen', 'Xiaomi Corporation', '--as-of', '2026-11-21']);
    assert.equal(j.code, 0, j.stderr);
    const res = JSON.parse(j.stdout) as { hits: { entityId: string; designations: { list: string; verified: boolean; named?: { label: string } }[] }[] };
    const x = res.hits.find((h) => h.entityId === 'xiaomi');
    assert.ok(x && x.designations.length > 0);
    assert.ok(x.designations.every((d) => d.verified === false), 'the 1237 tranche and the vacatur date are UNVERIFIED');
    assert.ok(res.hits.every((h) => h.designations.every((d) => typeof d.verified === 'boolean')));
    const t = await cli(dir, ['screen', 'Contemporary Amperex Technology', '--as-of', '2026-11-21']);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /NAMED +us-ndaa-154 .*\(named; ban from 2027-10-01\)/);
    const u = await cli(dir, ['screen', 'Xiaomi Corporation', '--as-of', '2026-11-21']);
    assert.match(u.stdout, /us-dod-1237 .*\[UNVERIFIED\]/);
  });
});
