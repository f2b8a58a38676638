import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { buildIndex, type IndexSource } from '../src/core/match/build-index.js';
import { DEFAULT_THRESHOLD } from '../src/core/match/match.js';
import type { ScreenIndex } from '../src/core/match/types.js';
import { screenWithIndex } from '../src/app/screen/screen.js';
import type { BenchContext, BenchModule } from './types.js';

/** One row of ../shared/eval/external-dev.csv. */
export interface ExternalRow {
  case_id: string;
  origin: string;
  query: string;
  candidate: string;
  expect: 'match' | 'nomatch';
  note: string;
}

/** Reads the external name pairs. */
export function readExternalRows(file: string): ExternalRow[] {
  return parse(readFileSync(file), { columns: true, skip_empty_lines: true, bom: true }) as ExternalRow[];
}

/** Pass counts of one group of pairs. */
export interface PassRate {
  pairs: number;
  passed: number;
  /** passed ÷ pairs, 3 decimals (null without pairs). */
  rate: number | null;
}

/** What the external module reports. */
export interface ExternalScore {
  threshold: number;
  candidates: number;
  overall: PassRate;
  match: PassRate;
  nomatch: PassRate;
  /** By the `kind=` of the note (org, person, vessel). */
  byKind: Record<string, PassRate>;
  failures: string[];
}

/**
 * The index the README asks for: every distinct candidate an entity of one list (the
 * entity's only name is the candidate as printed), all in one index so they compete.
 */
export function candidateIndex(rows: readonly ExternalRow[]): { index: ScreenIndex; idOf: Map<string, string> } {
  const idOf = new Map<string, string>();
  for (const r of rows) if (!idOf.has(r.candidate)) idOf.set(r.candidate, `x-${idOf.size}`);
  const listId = 'external-dev';
  const src: IndexSource = {
    entities: [...idOf].map(([name, id]) => ({ id, name, type: 'organization' as const, names: [], identifiers: [] })),
    designations: [...idOf].map(([name, id]) => ({ entityId: id, listId, from: '2000-01-01', to: null, addedBy: 'external-dev/1', endedBy: null, printedName: name })),
    publications: [],
    lists: [],
  };
  return { index: buildIndex(src), idOf };
}

function rate(pairs: number, passed: number): PassRate {
  return { pairs, passed, rate: pairs ? Math.round((passed / pairs) * 1000) / 1000 : null };
}

/**
 * Scores the pairs as the eval README says: screen every query at the default threshold
 * against the one index; a `match` pair passes when its candidate's entity is among the
 * hits (all of them, no display limit), a `nomatch` pair when it is not.
 */
export function scoreExternal(rows: readonly ExternalRow[], today: string, threshold = DEFAULT_THRESHOLD): ExternalScore {
  const { index, idOf } = candidateIndex(rows);
  const counts = { all: [0, 0], match: [0, 0], nomatch: [0, 0] } as Record<string, [number, number]>;
  const byKind = new Map<string, [number, number]>();
  const failures: string[] = [];
  const answers = new Map<string, ReturnType<typeof screenWithIndex>>();
  for (const r of rows) {
    let res = answers.get(r.query);
    if (!res) answers.set(r.query, (res = screenWithIndex(index, r.query, { asOf: today, threshold, limit: idOf.size })));
    const id = idOf.get(r.candidate);
    const hit = res.hits.find((h) => h.entityId === id);
    const pass = r.expect === 'match' ? hit !== undefined : hit === undefined;
    const kind = /kind=(\w+)/.exec(r.note)?.[1] ?? 'other';
    for (const c of [counts.all, counts[r.expect], byKind.get(kind) ?? (byKind.set(kind, [0, 0]), byKind.get(kind))]) {
      if (!c) continue;
      c[0]++;
      if (pass) c[1]++;
    }
    if (!pass) {
      const top = res.hits.slice(0, 2).map((h) => `${h.name} ${h.score}`).join(' | ');
      failures.push(`${r.expect === 'match' ? 'MISS' : 'FALSE'} ${r.case_id} "${r.query}" vs "${r.candidate}"${hit ? ` (${hit.score})` : ''} → ${top || 'no hit'}`);
    }
  }
  const toRate = (c: [number, number] | undefined): PassRate => rate(c?.[0] ?? 0, c?.[1] ?? 0);
  return {
    threshold,
    candidates: idOf.size,
    overall: toRate(counts.all),
    match: toRate(counts.match),
    nomatch: toRate(counts.nomatch),
    byKind: Object.fromEntries([...byKind].map(([k, c]) => [k, toRate(c)])),
    failures,
  };
}

/**
 * A bench module that scores a file of name pairs in the external-dev.csv format (`fileOf` gives
 * its path) as `scoreExternal` does, and prints the pass rates: the `external` and `kinds` modules.
 */
export function passRateModule(name: string, description: string, fileOf: (ctx: BenchContext) => string): BenchModule {
  return {
    name,
    description,
    summary(s) {
      const e = s as ExternalScore;
      return {
        threshold: e.threshold,
        'pass rate (all / match / nomatch)': `${e.overall.rate} / ${e.match.rate} / ${e.nomatch.rate}`,
        pairs: `${e.overall.pairs} (${e.match.pairs} match, ${e.nomatch.pairs} nomatch) against ${e.candidates} candidates`,
        'by kind': Object.entries(e.byKind).map(([k, r]) => `${k} ${r.rate} (${r.pairs})`).join('; '),
      };
    },
    async run(ctx) {
      return scoreExternal(readExternalRows(fileOf(ctx)), ctx.today);
    },
  };
}
