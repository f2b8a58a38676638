// The real CLI: `batch --input … --report`, the CSV audit columns with --bom, coverage in the
// JSONL outputs, and a queued job audited at finish (`batch status --json`, `batch results`, `batch report`).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { DEFAULT_CJK_FONT } from '../../app/report/pdf.js';
import { AUDIT_CSV_COLUMNS } from '../../app/screen/batch-audit-columns.js';
import { pdfText } from '../../test-support/pdf-text.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function cli(dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin', 'listwatch.mjs'), '--db', path.join(dir, 'db'), ...args], { cwd: root, env: { ...process.env, LISTWATCH_FROM_SOURCE: '1', DATABASE_URL: '', USER: 'batch-test' }, maxBuffer: 64 * 2 ** 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const INPUT = 'id,name\nb1,Huawei Technologies\nb2,"@SUM(A1)"\nb3,Acme Bakery Inc\nb4,\nb5,Hoshine Silicon Industry\n';
const sha = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

describe('CLI batch outputs: audit columns, coverage, summary report, audit at finish', () => {
  let dir = '';
  let input = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lw-batch-report-'));
    input = path.join(dir, 'in.csv');
    writeFileSync(input, INPUT);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('batch --input --output FILE.csv --bom --report writes audit columns and a summary report', async () => {
    const out = path.join(dir, 'out.csv');
    const report = path.join(dir, 'summary.pdf');
    const r = await cli(dir, ['batch', '--input', input, '--output', out, '--bom', '--role', 'exporter', '--as-of', '2026-11-01', '--report', report, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { rows: number; outcomes: Record<string, number>; audit: { seq: number; hash: string; answerDigest: string } };
    assert.equal(summary.rows, 5);
    assert.equal(summary.outcomes.error, 1);
    const bytes = readFileSync(out);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(sha(bytes), summary.audit.answerDigest, 'the audit entry digests the output file');
    const rows = parse(bytes.toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((x) => x.id), ['b1', 'b2', 'b3', 'b4', 'b5'], 'one row per input row, in order');
    const header = Object.keys(rows[0]!);
    assert.deepEqual(header.slice(0, 14), ['id', 'line', 'query', 'as_of', 'error', 'hit_count', 'active', 'entity_id', 'name', 'matched_name', 'score', 'lists', 'explanation', 'hits_json']);
    assert.deepEqual(header.slice(14), [...AUDIT_CSV_COLUMNS]);
    assert.equal(rows[1]!.query, "'@SUM(A1)");
    const huawei = rows[0]!;
    const lists = huawei.list!.split('; ');
    assert.equal(huawei.designation_start!.split('; ').length, lists.length);
    assert.equal(huawei.fr_citation!.split('; ').length, lists.length);
    assert.equal(huawei.source_url!.split('; ').length, lists.length);
    assert.equal(huawei.threshold, '0.8');
    assert.ok(rows.every((x) => x.screened_at === huawei.screened_at && x.revision === huawei.revision && x.revision !== ''));
    const coverage = JSON.parse(huawei.coverage!) as { role: string; asOf: string; warnings: { message: string }[] };
    assert.equal(coverage.role, 'exporter');
    assert.equal(coverage.asOf, '2026-11-01');
    assert.equal(huawei.coverage_warnings, coverage.warnings.map((w) => w.message).join('; '));
    assert.ok(rows.slice(1).every((x) => x.coverage === ''));

    if (existsSync(DEFAULT_CJK_FONT)) {
      const text = pdfText(readFileSync(report)).replace(/\s+/g, ' ');
      for (const s of ['Batch screening summary', `Input file hash: ${sha(INPUT)}`, 'By: local:batch-test', 'As of: 2026-11-01', 'Role: exporter', 'Rows: 5', 'error: 1',
        `hit-active: ${summary.outcomes['hit-active']}`, `Audit entry: #${summary.audit.seq} (screen.batch), hash ${summary.audit.hash}`, `Answer digest: ${summary.audit.answerDigest}`, 'BIS Entity List']) {
        assert.ok(text.includes(s), `PDF lacks "${s}"`);
      }
    }
    assert.equal((await cli(dir, ['screen', '--input', input, '--output', path.join(dir, 'x.jsonl'), '--bom'])).code, 2, '--bom is for CSV');
  });

  it('a job: audited at finish; status carries coverage; the JSONL download matches the digest; CSV with BOM; report', async () => {
    const html = path.join(dir, 'job.html');
    const sub = await cli(dir, ['batch', 'submit', input, '--role', 'importer', '--as-of', '2026-11-01', '--report', html, '--json']);
    assert.equal(sub.code, 0, sub.stderr);
    const { id } = JSON.parse(sub.stdout) as { id: string };
    const st = await cli(dir, ['batch', 'status', id, '--json']);
    assert.equal(st.code, 0, st.stderr);
    const job = JSON.parse(st.stdout) as { state: string; coverage: { role: string; lists: unknown[] }; outcomes: Record<string, number>; audit: { seq: number; answerDigest: string } };
    assert.equal(job.state, 'done');
    assert.equal(job.coverage.role, 'importer');
    assert.ok(job.coverage.lists.length > 5);
    assert.equal(Object.values(job.outcomes).reduce((a, b) => a + b, 0), 5);
    assert.equal((job.outcomes['hit-active'] ?? 0) >= 1, true, 'Hoshine is on the UFLPA list');

    const jsonl = path.join(dir, 'r.jsonl');
    assert.equal((await cli(dir, ['batch', 'results', id, '--output', jsonl])).code, 0);
    const text = readFileSync(jsonl);
    assert.equal(sha(text), job.audit.answerDigest, 'sha256 of the JSONL download = the finish entry\'s answer digest');
    const recs = text.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; coverage?: { role: string } });
    assert.deepEqual(recs.map((x) => x.id), ['b1', 'b2', 'b3', 'b4', 'b5']);
    assert.equal(recs[0]!.coverage?.role, 'importer');

    const csv = path.join(dir, 'r.csv');
    assert.equal((await cli(dir, ['batch', 'results', id, '--output', csv, '--bom'])).code, 0);
    const c = readFileSync(csv);
    assert.deepEqual([...c.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(c.toString('utf8').split('\n')[0]!.endsWith(AUDIT_CSV_COLUMNS.join(',')));

    const page = readFileSync(html, 'utf8');
    for (const s of [`${id} (done)`, 'Role</dt><dd>importer', `#${job.audit.seq} (screen.batch.finish)`, job.audit.answerDigest]) assert.ok(page.includes(s), `report lacks ${s}`);
    const v = await cli(dir, ['audit', 'verify']);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });
});
