#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm install`'s prepare step) for a fast cold start;
// falls back to the TypeScript sources through tsx in a checkout that has not been built.
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
let mod;
if (existsSync(compiled) && !process.env.LISTWATCH_FROM_SOURCE) {
  mod = await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(pathToFileURL(path.join(root, 'src', 'cli', 'main.ts')).href);
}
process.exitCode = await mod.runCli(process.argv.slice(2));
