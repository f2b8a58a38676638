import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../../sources/dataset/index.js';
import { testEngines } from '../../store/testing.js';
import type { InitSummary } from './init.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs the real CLI entry point from source; resolves with its exit code and output. */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin', 'listwatch.mjs'), ...args], { cwd: root, env: { ...process.env, LISTWATCH_FROM_SOURCE: '1', ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

for (const engine of testEngines) {
  describe(`listwatch init: ${engine.name}`, () => {
    it('seeds once, then reports the same record without reseeding', async () => {
      const loc = await engine.location();
      try {
        const args = loc.opts.databaseUrl ? [] : ['--db', loc.opts.dbDir!];
        const env = loc.opts.databaseUrl ? { DATABASE_URL: loc.opts.databaseUrl } : { DATABASE_URL: '' };
        const ds = await loadDataset(path.join(root, 'data'));

        const first = await cli([...args, '--json', 'init'], env);
        assert.equal(first.code, 0, first.stderr);
        assert.match(first.stderr, /loading bundled dataset/);
        const summary = JSON.parse(first.stdout) as InitSummary;
        assert.equal(summary.engine, engine.name);
        assert.equal(summary.entities, ds.entities.length);
        assert.deepEqual(summary.lists.map((l) => l.id), ds.lists.map((l) => l.id).sort());
        const withPubs = new Set(ds.publications.filter((p) => p.kind !== 'withdrawn').map((p) => p.listId));
        for (const l of summary.lists) assert.equal(l.publications > 0, withPubs.has(l.id), l.id);

        const second = await cli([...args, 'init'], env);
        assert.equal(second.code, 0, second.stderr);
        assert.doesNotMatch(second.stderr, /bundled dataset/);
        assert.match(second.stdout, new RegExp(`store ready \\(${engine.name}\\): ${ds.entities.length} entities, ${ds.lists.length} lists`));
      } finally {
        await loc.dispose();
      }
    });
  });
}
