import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dossier, ListSummary, PublicationDiff } from '../../app/types.js';
import type { ListEvent } from '../../core/model.js';

// End to end: the real CLI as a child process on a fresh embedded store seeded from data/.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let base: string;
let db: string;
before(() => {
  base = mkdtempSync(path.join(tmpdir(), 'lw-cli-hist-'));
  db = path.join(base, 'db');
});
after(() => rmSync(base, { recursive: true, force: true }));

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, LISTWATCH_FROM_SOURCE: '1' };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [path.join(root, 'bin/listwatch.mjs'), '--db', db, ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}
const json = <T>(...args: string[]): T => {
  const r = cli(...args, '--json');
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as T;
};
const active = (d: Dossier, listId: string): boolean => d.designations.some((x) => x.listId === listId && x.active);

test('show --as-of: Xiaomi, AMEC and Alibaba at the dates that matter', () => {
  assert.equal(active(json<Dossier>('show', 'Xiaomi', '--as-of', '2021-02-01'), 'us-dod-1237'), true);
  assert.equal(active(json<Dossier>('show', 'Xiaomi', '--as-of', '2022-01-01'), 'us-dod-1237'), false);
  assert.equal(active(json<Dossier>('show', 'AMEC', '--as-of', '2024-06-01'), 'us-dod-1260h'), true);
  const amec = json<Dossier>('show', 'AMEC', '--as-of', '2025-02-01');
  assert.equal(active(amec, 'us-dod-1260h'), false);
  assert.equal(amec.designations.find((x) => x.listId === 'us-dod-1260h')?.to, '2024-12-13');
  assert.equal(active(json<Dossier>('show', 'Alibaba', '--as-of', '2026-01-15'), 'us-dod-1260h'), false);
  const ali = json<Dossier>('show', 'alibaba-group-holding', '--as-of', '2026-07-01', '--role', 'dod-contractor');
  assert.equal(active(ali, 'us-dod-1260h'), true);
  assert.ok(ali.obligations?.some((o) => o.status === 'in-force' && o.citation.includes('§805(a)(1)(A)')));
});

test('show: human output marks unverified items; bad role, bad date and ambiguous names exit 2', () => {
  const r = cli('show', 'Xiaomi', '--as-of', '2021-02-01', '--role', 'us-investor');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /As of 2021-02-01: LISTED/);
  assert.match(r.stdout, /\[UNVERIFIED\]/);
  assert.match(r.stdout, /Obligations \(us-investor\)/);
  assert.equal(cli('show', 'Xiaomi', '--role', 'banker').code, 2);
  assert.equal(cli('show', 'Xiaomi', '--as-of', '2021-02-30').code, 2);
  const amb = cli('show', 'China');
  assert.equal(amb.code, 2);
  assert.match(amb.stderr, /matches \d+ entities/);
  assert.equal(cli('show', 'Zzzq Nonexistent Widgets').code, 2);
});

test('diff: 1260H 2025 → 2026 reconciles; the default pair is the last two; human output states the sum', () => {
  const d = json<PublicationDiff>('diff', 'us-dod-1260h', '2025-01-07', '2026-06-08');
  assert.equal(d.fromCount - d.removed.length + d.added.length, 188);
  assert.equal(d.fromCount, 134);
  assert.ok(d.renamed.length > 0);
  assert.equal(d.withdrawn.length, 1);
  const def = json<PublicationDiff>('diff', 'us-dod-1260h');
  assert.deepEqual([def.from.date, def.to.date], ['2025-01-07', '2026-06-08']);
  const h = cli('diff', 'us-dod-1260h');
  assert.equal(h.code, 0, h.stderr);
  assert.match(h.stdout, new RegExp(`134 − ${d.removed.length} removed \\+ ${d.added.length} added = 188`));
  assert.match(h.stdout, /Withdrawn documents in between \(no legal effect, not removals\)/);
  assert.equal(cli('diff', 'no-such-list').code, 2);
});

test('lists --as-of and events filters', () => {
  const l = json<ListSummary[]>('lists', '--as-of', '2025-02-01');
  assert.equal(l.find((s) => s.list.id === 'us-dod-1260h')?.activeCount, 134);
  const h = cli('lists', '--as-of', '2026-07-01');
  assert.match(h.stdout, /us-dod-1260h\s+DoD Section 1260H[^\n]*\s188\s/);
  assert.match(h.stdout, /WITHDRAWN \(no legal effect\)/);
  const ev = json<ListEvent[]>('events', '--kind', 'lawsuit-filed', '--list', 'us-dod-1260h', '--since', '2024-01-01');
  assert.ok(ev.length > 0 && ev.every((e) => e.kind === 'lawsuit-filed' && e.date >= '2024-01-01' && e.listIds.includes('us-dod-1260h')));
  assert.ok(ev.every((e) => e.sourceIds.length > 0));
  assert.equal(cli('events', '--kind', 'party').code, 2);
});
