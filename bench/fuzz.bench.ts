import { runFuzz } from '../src/sources/fuzz.js';
import type { BenchModule } from './types.js';

/** The long fuzz run (issue #10): FUZZ_RUNS cases (default 2,000) per importer and for the batch CSV reader. */
const fuzz: BenchModule = {
  name: 'fuzz',
  description: 'fast-check over every importer and the batch CSV reader: every case loads or is refused with a typed error',
  summary: (s) => {
    const r = s as { runsPerTarget: number; seconds: number; findings: number };
    return { 'runs per target': r.runsPerTarget, 'fuzz seconds': r.seconds, 'fuzz findings': r.findings };
  },
  async run(ctx) {
    const runs = Number(process.env.FUZZ_RUNS ?? 2000);
    const t0 = Date.now();
    let findings = 0;
    let outcomes: unknown = null;
    let finding: string | null = null;
    try {
      outcomes = await runFuzz(runs, Number(process.env.FUZZ_SEED ?? 42));
    } catch (e) {
      findings = 1;
      finding = e instanceof Error ? e.message.slice(0, 2000) : String(e);
      ctx.log(`fuzz finding: ${finding}`);
    }
    return { runsPerTarget: runs, seconds: (Date.now() - t0) / 1000, findings, finding, outcomes };
  },
};
export default fuzz;
