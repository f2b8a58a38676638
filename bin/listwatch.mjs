#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm install`'s prepare step) for a fast cold start;
// falls back to the TypeScript sources through tsx in a checkout that has not been built.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { BATCH_NODE_ARGS } from './batch-node-args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'dist', 'src', 'cli', 'main.js');
// A closed pipe (e.g. `listwatch lists | head`) is a normal end of output, not a crash.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// A batch screen re-runs itself once with BATCH_NODE_ARGS (a bounded heap, TurboFan inlining off: see there).
const argv = process.argv.slice(2);
if (argv.includes('screen') && argv.includes('--input') && !process.execArgv.some((a) => a.startsWith('--max-old-space-size'))) {
  const child = spawn(process.execPath, [...process.execArgv, ...BATCH_NODE_ARGS, fileURLToPath(import.meta.url), ...argv], { stdio: 'inherit' });
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
