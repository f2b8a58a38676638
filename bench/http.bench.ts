/**
 * HTTP screening throughput and latency (autocannon against a real server on 127.0.0.1):
 * 8 connections (target p99 < 10 ms) and 200 connections (target >= 5,000 req/s, no errors),
 * with the server's answer cache off (every screen computed) and on (repeated names).
 */
import type { BenchModule } from './types.js';
import { runHttpBench, type HttpBenchReport } from './http.js';

const mod: BenchModule = {
  name: 'http',
  description: 'single-name screens over HTTP at 8 and 200 connections (autocannon, loopback)',
  summary(s) {
    const r = s as HttpBenchReport;
    const out: Record<string, string> = {};
    for (const l of r.levels) out[`${l.mode} ${l.connections} conn`] = `${l.reqPerSec} req/s, p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, errors ${l.errors + l.non2xx} (${l.pass ? 'pass' : 'MISS'})`;
    return out;
  },
  run: (ctx) => runHttpBench({ durationS: 10, log: ctx.log }),
};
export default mod;
