/**
 * Test helper process (not product code): waits until the file `argv[2]` exists, then tries to
 * lock each directory of the JSON list in `argv[3]`, keeping every lock it gets, and prints the
 * directories it got as JSON. Stays alive (holding them) until the file `argv[4]` exists, then exits
 * without releasing, so its locks are left stale for the next round.
 */
import { existsSync, readFileSync } from 'node:fs';
import { lockDirectory } from '../pglite/lock.js';

const [go, list, stop] = process.argv.slice(2) as [string, string, string];
const dirs = JSON.parse(readFileSync(list, 'utf8')) as string[];
process.stdout.write('ready\n');
while (!existsSync(go)); // spin: both processes start within microseconds of each other
const got: string[] = [];
const errors: string[] = [];
for (const d of dirs) {
  try {
    lockDirectory(d);
    got.push(d);
  } catch (e) {
    if (!/in use by process/.test((e as Error).message)) errors.push((e as Error).message);
  }
}
process.stdout.write(JSON.stringify({ pid: process.pid, got, errors }) + '\n');
while (!existsSync(stop)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
process.exit(0);
