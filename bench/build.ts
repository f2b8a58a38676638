import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BenchContext } from './types.js';

function newest(dir: string): number {
  let m = 0;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, f.name);
    m = Math.max(m, f.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return m;
}

/**
 * Makes sure dist/ holds a build of the current screening and CLI sources (what users run),
 * running `npm run build` when it is missing or older. Returns whether a build ran and worked.
 */
export function ensureBuilt(ctx: BenchContext): { built: boolean; ok: boolean } {
  const main = path.join(ctx.repoRoot, 'dist', 'src', 'cli', 'main.js');
  // Any source file newer than the oldest compiled module's build means dist/ is stale (a batch
  // screen and a job worker load most of src/).
  const srcNewest = newest(path.join(ctx.repoRoot, 'src'));
  if (existsSync(main) && statSync(main).mtimeMs >= srcNewest) return { built: false, ok: true };
  ctx.log('building dist/ (npm run build)');
  const b = spawnSync('npm', ['run', 'build'], { cwd: ctx.repoRoot, encoding: 'utf8' });
  if (b.status !== 0) ctx.log(`build failed (using what dist/ has): ${(b.stdout + b.stderr).slice(-500)}`);
  return { built: true, ok: b.status === 0 };
}
