/**
 * Cold start of the CLI for one screen: `node bin/listwatch.mjs screen "Tencent Holdings"` as a
 * fresh process, which runs the compiled dist/ (built here first with `npm run build` when
 * dist/ is older than the sources). The first run on a new store seeds it and caches the index
 * snapshot; the figures are the runs after it (a user's everyday cold start).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchModule } from './types.js';
import { ensureBuilt } from './build.js';

const RUNS = 7;

interface ColdSection {
  command: string;
  built: boolean;
  firstRunMs: number;
  runsMs: number[];
  medianMs: number;
  minMs: number;
  loadAverage: number[];
  exitCodes: number[];
}

const mod: BenchModule = {
  name: 'coldstart',
  description: 'fresh `listwatch screen "Tencent Holdings"` processes on the compiled CLI',
  summary(s) {
    const c = s as ColdSection;
    return { 'first run (seeding) ms': c.firstRunMs, 'cold start median / min ms': `${c.medianMs} / ${c.minMs}`, 'load average': c.loadAverage.join(' ') };
  },
  async run(ctx) {
    const main = path.join(ctx.repoRoot, 'dist', 'src', 'cli', 'main.js');
    const { built } = ensureBuilt(ctx);
    if (!existsSync(main)) throw new Error('dist/ could not be built');
    const dir = mkdtempSync(path.join(tmpdir(), 'listwatch-cold-'));
    const args = [path.join(ctx.repoRoot, 'bin', 'listwatch.mjs'), '--db', path.join(dir, 'db'), 'screen', 'Tencent Holdings'];
    const once = (): { ms: number; code: number } => {
      const t = performance.now();
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, LISTWATCH_FROM_SOURCE: '' } });
      return { ms: Math.round(performance.now() - t), code: r.status ?? -1 };
    };
    try {
      const first = once();
      const runs = Array.from({ length: RUNS }, once);
      const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
      const section: ColdSection = {
        command: `node bin/listwatch.mjs --db <tmp> screen "Tencent Holdings"`,
        built,
        firstRunMs: first.ms,
        runsMs: runs.map((r) => r.ms),
        medianMs: ms[Math.floor(ms.length / 2)] ?? 0,
        minMs: ms[0] ?? 0,
        loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
        exitCodes: [first.code, ...runs.map((r) => r.code)],
      };
      return section;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default mod;
