/**
 * `npm run bench [-- NAME…]`: runs every benchmark module in bench/ (files `*.bench.ts`, each
 * default-exporting a `BenchModule`), or only the named ones, one after the other, and writes
 * `bench/reports/bench-<date>.json` with one section per module plus the machine it ran on
 * (a run of named modules replaces only their sections), then prints a summary. A module that throws is reported as failed; the others still run.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, sharedPath } from './dataset.js';
import type { BenchContext, BenchModule } from './types.js';

const only = process.argv.slice(2);
const today = new Date().toISOString().slice(0, 10);
const ctx: BenchContext = { repoRoot, sharedPath, today, log: (m) => process.stderr.write(`[bench] ${m}\n`) };
const dir = path.join(repoRoot, 'bench');
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
const modules: BenchModule[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { default?: BenchModule };
  if (mod.default && (!only.length || only.includes(mod.default.name))) modules.push(mod.default);
}
if (!modules.length) {
  console.error(`no benchmark matched ${only.join(', ')} (have: ${files.join(', ')})`);
  process.exit(1);
}

const report: Record<string, unknown> = {
  date: today,
  startedAt: new Date().toISOString(),
  machine: { node: process.version, cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? null, memoryGb: Math.round(totalmem() / 2 ** 30), loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100) },
  sections: {} as Record<string, unknown>,
};
const sections = report.sections as Record<string, unknown>;
const summaries: string[] = [];
let failed = 0;
for (const m of modules) {
  ctx.log(`${m.name}: ${m.description}`);
  const t0 = performance.now();
  try {
    const section = await m.run(ctx);
    sections[m.name] = section;
    const s = m.summary(section);
    summaries.push(`${m.name} (${((performance.now() - t0) / 1000).toFixed(1)} s)`, ...Object.entries(s).map(([k, v]) => `  ${k}: ${v}`));
  } catch (e) {
    failed++;
    sections[m.name] = { failed: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    summaries.push(`${m.name}: FAILED: ${e instanceof Error ? e.message : String(e)}`);
  }
}
report.finishedAt = new Date().toISOString();
const outDir = path.join(dir, 'reports');
mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, `bench-${today}.json`);
// A run of some modules updates their sections in the day's report and keeps the others.
if (only.length && existsSync(out)) {
  try {
    const prev = JSON.parse(readFileSync(out, 'utf8')) as { sections?: Record<string, unknown> };
    report.sections = { ...(prev.sections ?? {}), ...sections };
  } catch {
    // an unreadable old report is replaced
  }
}
writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
console.log(summaries.join('\n'));
console.log(`report: ${path.relative(repoRoot, out)}`);
process.exit(failed ? 1 : 0);
