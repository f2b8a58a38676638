import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lockDirectory } from './lock.js';

const CHILD = fileURLToPath(new URL('../test-support/lock-race-child.ts', import.meta.url));

interface ChildResult { pid: number; got: string[]; errors: string[] }

/** Starts `n` child processes on the directories, releases them together, and returns what each got. */
async function race(n: number, dirs: string[], work: string, round: number): Promise<ChildResult[]> {
  const list = path.join(work, `dirs-${round}.json`);
  const go = path.join(work, `go-${round}`);
  const stop = path.join(work, `stop-${round}`);
  writeFileSync(list, JSON.stringify(dirs));
  const children = Array.from({ length: n }, () => spawn(process.execPath, ['--import', 'tsx', CHILD, go, list, stop], { stdio: ['ignore', 'pipe', 'inherit'] }));
  const outputs = children.map((c) => {
    let out = '';
    c.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const seen = (mark: string) => new Promise<void>((resolve) => { const t = setInterval(() => { if (out.includes(mark)) { clearInterval(t); resolve(); } }, 5); });
    return { ready: seen('ready'), reported: seen('}'), exited: new Promise<void>((resolve) => c.on('exit', () => resolve())), out: () => out };
  });
  await Promise.all(outputs.map((o) => o.ready));
  writeFileSync(go, '');
  // Every child stays alive holding its locks until all have reported (a dead owner's lock is rightly taken over).
  await Promise.all(outputs.map((o) => o.reported));
  writeFileSync(stop, '');
  await Promise.all(outputs.map((o) => o.exited));
  return outputs.map((o) => o.out()).map((t) => JSON.parse(t.split('\n').find((l) => l.startsWith('{')) ?? '{}') as ChildResult);
}

describe('PGlite directory lock', () => {
  it('two processes racing for 300 directories: each lock granted exactly once, also when taking over dead owners\' locks', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'lw-lock-race-'));
    try {
      const dirs = Array.from({ length: 300 }, (_, i) => path.join(work, `d${i}`));
      for (const d of dirs) mkdirSync(d);
      // Round 3 starts from locks torn by the old create-then-write (empty files).
      const split: string[] = [];
      let contested = false;
      for (let round = 0; round < 3; round++) {
        if (round === 2) for (const d of dirs) writeFileSync(path.join(d, 'listwatch.lock'), '');
        const results = await race(2, dirs, work, round);
        for (const r of results) assert.deepEqual(r.errors, [], `round ${round}`);
        for (const d of dirs) {
          const winners = results.filter((r) => r.got.includes(d));
          assert.equal(winners.length, 1, `round ${round}: ${d} granted to ${winners.length} processes`);
          assert.equal(readFileSync(path.join(d, 'listwatch.lock'), 'utf8'), String(winners[0]!.pid), `round ${round}: the lock file names the winner`);
        }
        split.push(results.map((r) => r.got.length).join('/'));
        contested ||= results.every((r) => r.got.length > 0);
        // The losers' temp files are gone.
        for (const d of dirs.slice(0, 20)) assert.deepEqual(readdirSync(d), ['listwatch.lock']);
      }
      // They really raced: in some round both processes won some directories.
      assert.ok(contested, `locks won per process in each round: ${split.join(', ')}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('in one process: a second open is refused; release frees it; a dead owner\'s lock is taken over', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lw-lock-'));
    try {
      const release = lockDirectory(dir);
      assert.throws(() => lockDirectory(dir), /in use by process/);
      release();
      assert.deepEqual(readdirSync(dir), []);
      writeFileSync(path.join(dir, 'listwatch.lock'), '999999999');
      const again = lockDirectory(dir);
      assert.equal(readFileSync(path.join(dir, 'listwatch.lock'), 'utf8'), String(process.pid));
      again();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
