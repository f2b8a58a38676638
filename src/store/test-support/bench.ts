/**
 * Store speed figures (not a test): first open and reopen of a PGlite directory, seeding the
 * bundled dataset, and one-transaction import of the real OFAC SDN list (2024-05-03, ~15k
 * entities) on PGlite and on PostgreSQL (DATABASE_URL, or a server started from the harness).
 * Run: `node --import tsx src/store/test-support/bench.ts` — prints one JSON report.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveDesignations } from '../../core/history/designations.js';
import type { Publication } from '../../core/model.js';
import { ensureSeeded } from '../../app/seed.js';
import { ofacSdn } from '../../sources/ofac-sdn/index.js';
import { startTestPostgres } from '../../../scripts/pg-harness.mjs';
import { openStore, type OpenStoreOptions } from '../open.js';
import type { RecordChange } from '../store.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sdnPath = path.resolve(root, '../shared/data/ofac_sdn/jackdwyer_2024-05-03/sdn.csv');

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, Math.round(performance.now() - t0)];
}

async function sdnChange(): Promise<{ change: RecordChange; entities: number; names: number }> {
  const bytes = readFileSync(sdnPath);
  const loaded = await ofacSdn.load({ sdn: { path: sdnPath, name: 'sdn.csv', bytes } }, { sourceId: 'bench-sdn' });
  const slice = loaded.lists[0]!;
  const pub: Publication = { id: 'us-ofac-sdn/2024-05-03', listId: slice.list.id, date: '2024-05-03', kind: 'snapshot', title: 'OFAC SDN', sourceIds: ['bench-sdn'], contentHash: slice.contentHash, entries: slice.entries };
  return {
    change: { sources: [{ id: 'bench-sdn', title: 'sdn.csv', quality: 'P' }], lists: [slice.list], entities: slice.entities, publications: [pub], openDesignations: deriveDesignations([pub]) },
    entities: slice.entities.length,
    names: slice.entities.reduce((n, e) => n + e.names.length, 0),
  };
}

async function importOn(opts: OpenStoreOptions, change: RecordChange): Promise<{ apply: number; readBack: number }> {
  const store = await openStore(opts);
  try {
    const [, apply] = await timed(() => store.apply(change));
    const [, readBack] = await timed(() => store.getEntities());
    return { apply, readBack };
  } finally {
    await store.close();
  }
}

const base = mkdtempSync(path.join(tmpdir(), 'lw-bench-'));
const report: Record<string, unknown> = {};
try {
  const dir = path.join(base, 'db');
  const [first, firstOpen] = await timed(() => openStore({ dbDir: dir }));
  await first.close();
  const [again, reopen] = await timed(() => openStore({ dbDir: dir }));
  const [, seed] = await timed(() => ensureSeeded(again, path.join(root, 'data'), () => undefined));
  const [, seedNoop] = await timed(() => ensureSeeded(again, path.join(root, 'data'), () => undefined));
  await again.close();
  Object.assign(report, { pgliteFirstOpenMs: firstOpen, pgliteReopenMs: reopen, seedDatasetMs: seed, seedUnchangedMs: seedNoop });

  const [sdn, mapMs] = await timed(sdnChange);
  report.sdn = { entities: sdn.entities, names: sdn.names, parseAndMapMs: mapMs };
  report.sdnImportPglite = await importOn({ dbDir: path.join(base, 'sdn') }, sdn.change);
  const pg = process.env.DATABASE_URL ? null : await startTestPostgres();
  try {
    report.sdnImportPostgres = await importOn({ databaseUrl: process.env.DATABASE_URL ?? pg!.url }, sdn.change);
  } finally {
    await pg?.stop();
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}
console.log(JSON.stringify(report, null, 2));
