#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm install`'s prepare step) for a fast cold start;
// falls back to the TypeScript sources through tsx in a checkout that has not been built.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'dist', 'src', 'cli', 'main.js');
// A closed pipe (e.g. `listwatch lists | head`) is a normal end of output, not a crash.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// A batch screen streams millions of rows through this thread (CSV in, JSON out) while worker
// threads do the matching. V8 lets that garbage pile up to hundreds of MB before it collects
// unless the heap is bounded, and the bound can only be set on the command line: so a batch
// re-runs itself once with a bounded main-thread heap (measured: peak RSS 510 → 406 MB for
// 200,000 rows, same speed). The flag also caps every worker thread's heap (it overrides their
// resourceLimits), and a worker holds the whole index: about 270 MB while it builds the index of
// the bundled record + the full CSL (25,921 rows). At 256 MB such a batch died with
// ERR_WORKER_OUT_OF_MEMORY; 512 MB leaves room for that and still bounds the main thread.
const HEAP_MB = 512;
// TurboFan inlining off for a batch: V8 then compiles the matcher's functions each on its own,
// instead of inlining them into a few large ones that it throws away and compiles again whenever
// a rare branch (a join, initials, a typo) first runs in a worker. Measured on 200,000 rows with
// two workers, alternating with the default: faster in 10 of 11 runs (about 5 % more names/s,
// 3-8 % less CPU). A single screen is not re-run and keeps V8's default. (bench/batch-run.ts
// gives its batch child the same flags.)
const BATCH_V8_FLAGS = ['--no-turbo-inlining'];
const argv = process.argv.slice(2);
if (argv.includes('screen') && argv.includes('--input') && !process.execArgv.some((a) => a.startsWith('--max-old-space-size'))) {
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${HEAP_MB}`, ...BATCH_V8_FLAGS, fileURLToPath(import.meta.url), ...argv], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await run();
}

async function run() {
let mod;
if (existsSync(compiled) && !process.env.LISTWATCH_FROM_SOURCE) {
  mod = await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(pathToFileURL(path.join(root, 'src', 'cli', 'main.ts')).href);
}
process.exitCode = await mod.runCli(argv);
}
