/**
 * Fuzz harness (fast-check) over every importer and the batch CSV reader: mutated real files
 * and arbitrary bytes must either load or be refused with a typed ListwatchError (never a
 * TypeError, RangeError or a hang). The test suite runs it briefly (`fuzz.test.ts`); the bench
 * runs it long (`FUZZ_RUNS`).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { ListwatchError } from '../core/errors.js';
import type { SourceFormat } from './format.js';
import { ofacSdn } from './ofac-sdn/index.js';
import { ofacCons } from './ofac-cons/index.js';
import { opensanctions1260h } from './opensanctions-1260h/index.js';
import { tradeCsl } from './trade-csl/index.js';
import { memFile, sharedData } from './test-support.js';
import { readBatchCsv } from '../app/screen/batch-io.js';

/** One fuzz target: a format, the role of its one file, and a real seed file (first bytes only). */
interface Target { name: string; format: SourceFormat; role: string; file: string; seed: Buffer }

function seed(rel: string, bytes: number): Buffer {
  const b = readFileSync(sharedData(rel));
  if (b.length <= bytes) return b;
  // Whole lines, so an unmutated seed loads and the mutations (not the slicing) decide the outcome.
  const head = b.subarray(0, bytes);
  return head.subarray(0, head.lastIndexOf(0x0a) + 1);
}

/** The importers, each with a slice of a real file to mutate. */
export function fuzzTargets(): Target[] {
  return [
    { name: 'ofac-sdn', format: ofacSdn, role: 'sdn', file: 'sdn.csv', seed: seed('ofac_sdn/jackdwyer_2024-05-03/sdn.csv', 4000) },
    { name: 'ofac-cons', format: ofacCons, role: 'prim', file: 'cons_prim.csv', seed: seed('ofac_non_sdn_consolidated/watchman_2025-12/cons_prim.csv', 4000) },
    { name: 'opensanctions-1260h', format: opensanctions1260h, role: 'csv', file: 'sanctions.csv', seed: seed('dod_1260h/opensanctions/us_dod_chinese_milcorps_sanctions.csv', 4000) },
    { name: 'trade-csl', format: tradeCsl, role: 'csl', file: 'consolidated.csv', seed: readFileSync(sharedData('trade_csl/watchman_sample_2025-06/consolidated.csv')) },
  ];
}

const SPECIAL = [0x00, 0x0a, 0x0d, 0x22, 0x2c, 0x1a, 0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x1b, 0x80];

/** Byte mutations of a seed: cut, flip, insert special bytes, duplicate a slice. */
export function mutated(seedBytes: Buffer): fc.Arbitrary<Buffer> {
  const n = seedBytes.length;
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(n) }),
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(Math.max(0, n - 1)), byte: fc.oneof(fc.constantFrom(...SPECIAL), fc.nat(255)) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(n), bytes: fc.uint8Array({ maxLength: 8 }) }),
    fc.record({ kind: fc.constant('dup' as const), at: fc.nat(n), len: fc.nat(200) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let b = Buffer.from(seedBytes);
    for (const e of edits) {
      const at = Math.min(e.at, b.length);
      if (e.kind === 'cut') b = b.subarray(0, at);
      else if (e.kind === 'set') { if (b.length) b[Math.min(at, b.length - 1)] = e.byte; }
      else if (e.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(e.bytes), b.subarray(at)]);
      else b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + e.len), b.subarray(at)]);
    }
    return b;
  });
}

/** Runs a load and says how it ended: ok, or the ListwatchError code. Anything else is rethrown (a finding). */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof ListwatchError) return e.code;
    throw e;
  }
}

/** Fuzzes every importer and the batch reader for `runs` cases each. Resolves with outcome counts; rejects on a finding. */
export async function runFuzz(runs: number, seedValue = 42): Promise<Record<string, Record<string, number>>> {
  const counts: Record<string, Record<string, number>> = {};
  const tally = (t: string, o: string) => ((counts[t] ??= {})[o] = ((counts[t] ?? {})[o] ?? 0) + 1);
  for (const t of fuzzTargets()) {
    await fc.assert(fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: mutated(t.seed) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((u) => Buffer.from(u)) }), async (bytes) => {
      const o = await outcome(t.format.load({ [t.role]: memFile(t.file, bytes) }, { sourceId: 'fuzz' }));
      if (o !== 'ok' && o !== 'BAD_FILE' && o !== 'BAD_INPUT') throw new Error(`${t.name}: ${o}`);
      tally(t.name, o);
    }), { numRuns: runs, seed: seedValue });
  }
  const batchSeed = Buffer.from('id,name,as_of\n1,"Huawei Technologies Co., Ltd.",2024-01-01\n2,腾讯控股,\n3,"say ""hi""",\n');
  await fc.assert(fc.asyncProperty(mutated(batchSeed), fc.nat(40), async (bytes, chunk) => {
    const size = chunk + 1;
    const pieces: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
    const o = await outcome((async () => { for await (const r of readBatchCsv(Readable.from(pieces), 'fuzz.csv')) void r; })());
    if (o !== 'ok' && o !== 'BAD_FILE') throw new Error(`batch: ${o}`);
    tally('batch-csv', o);
  }), { numRuns: runs, seed: seedValue });
  return counts;
}
