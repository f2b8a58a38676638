/**
 * Store-reading routes under load (issue #10): screen, dossier, lists, one list, diff and events
 * mixed, at 50 and 200 connections, on PGlite and on PostgreSQL, with /health probed during the
 * load; each route kind alone at 50 connections too. Targets of the mixed runs: >= 1,000 req/s,
 * p99 < 100 ms, 0 time-outs, /health p99 < 50 ms.
 */
import type { BenchModule } from './types.js';
import { runMixedBench, type MixedBenchReport } from './http-mixed.js';

const mod: BenchModule = {
  name: 'http-mixed',
  description: 'mixed store reads + screens over HTTP at 50 and 200 connections, PGlite and PostgreSQL, /health during the load',
  summary(s) {
    const r = s as MixedBenchReport;
    const out: Record<string, string> = {};
    for (const l of r.levels) {
      out[`${l.engine} ${l.load} ${l.connections} conn`] = `${l.reqPerSec} req/s, p99 ${l.p99Ms} ms, time-outs ${l.timeouts}, errors ${l.errors + l.non2xx}, /health p99 ${l.health.p99Ms} ms, load ${l.loadAvg1}${l.pass === undefined ? '' : l.pass ? ' (pass)' : ' (MISS)'}`;
    }
    return out;
  },
  run: (ctx) => runMixedBench({ durationS: 10, routes: true, log: ctx.log }),
};
export default mod;
