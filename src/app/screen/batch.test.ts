import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../../sources/dataset/index.js';
import { buildSnapshot, indexFromSnapshot, snapshotTokens } from '../../core/match/build-index.js';
import { indexSourceFromDataset } from './index-source.js';
import { screenBatch, screenBatchChunks, type BatchRecord, type BatchRow } from './batch.js';
import { tokensOfSnapshotJson } from '../../core/match/snapshot-json.js';
import { BatchWriter, readBatchCsv } from './batch-io.js';
import { screenWithIndex } from './screen.js';
import { chunkFromJsonl, chunkRows, jsonlOf, screenChunk, screenChunkJsonl, screenChunkLines, toChunk, type BatchChunk } from './batch-core.js';
import { fromColumns, toColumns } from './batch-columns.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const snapshot = buildSnapshot(indexSourceFromDataset(await loadDataset(path.join(repoRoot, 'data'))));
const index = indexFromSnapshot(snapshot);
const TODAY = '2026-11-21';

const NAMES = ['Tencent Holdings', '腾讯', 'Acme Widgets Ltd', 'Ningde Shidai', 'Advanced Micro-Fabrication Equipment Inc. China'];

async function collect(rows: BatchRow[], workers: number, chunkSize: number): Promise<BatchRecord[]> {
  const out: BatchRecord[] = [];
  for await (const r of screenBatch(rows, { snapshot, asOf: TODAY, workers, chunkSize })) out.push(r);
  return out;
}

test('batch on worker threads keeps input order and equals one-by-one screening', async () => {
  const rows: BatchRow[] = Array.from({ length: 230 }, (_, i) => ({ line: i + 2, id: `r${i}`, name: NAMES[i % NAMES.length] ?? '' }));
  const got = await collect(rows, 2, 25);
  assert.equal(got.length, rows.length);
  got.forEach((r, i) => {
    assert.equal(r.line, i + 2);
    assert.equal(r.id, `r${i}`);
    assert.equal(r.error, undefined);
    const one = screenWithIndex(index, rows[i]?.name ?? '', { asOf: TODAY });
    assert.deepEqual(r.error === undefined ? r.hits.map((h) => h.entityId) : null, one.hits.map((h) => h.entityId));
  });
});

test('a snapshot given as JSON text: its tokens are read without parsing it, and workers answer as with the object', async () => {
  const json = JSON.stringify(snapshot);
  // The shared deletion table is made from these; workers refuse one made from other tokens.
  assert.deepEqual(tokensOfSnapshotJson(json), snapshotTokens(snapshot));
  const rows: BatchRow[] = Array.from({ length: 120 }, (_, i) => ({ line: i + 2, id: `r${i}`, name: NAMES[i % NAMES.length] ?? '' }));
  const fromText: string[] = [];
  for await (const c of screenBatchChunks(rows, { snapshot: json, asOf: TODAY, workers: 2, chunkSize: 25 })) fromText.push(...c.lines);
  const fromObject: string[] = [];
  for await (const c of screenBatchChunks(rows, { snapshot, asOf: TODAY, workers: 1 })) fromObject.push(...c.lines);
  assert.deepEqual(fromText, fromObject);
});

test('bad rows become error records (empty name, bad date), the rest is screened; per-row as_of counts', async () => {
  const rows: BatchRow[] = [
    { line: 2, name: 'Tencent Holdings', asOf: '2020-01-01' },
    { line: 3, name: '   ' },
    { line: 4, name: 'Tencent Holdings', asOf: '2026-02-30' },
    { line: 5, name: 'Tencent Holdings' },
  ];
  const got = await collect(rows, 1, 10);
  assert.deepEqual(got.map((r) => r.error ?? 'ok'), ['ok', 'empty name', 'as_of "2026-02-30" is not a date YYYY-MM-DD', 'ok']);
  const first = got[0];
  const last = got[3];
  assert.ok(first && first.error === undefined && last && last.error === undefined);
  assert.equal(first.asOf, '2020-01-01');
  assert.equal(first.hits[0]?.active, false);
  assert.equal(last.hits[0]?.active, true);
});

test('batches on one index with other dates or options never reuse each other\'s answers', () => {
  // The answer memo is per index and keyed by name under the batch's own question (date and
  // options): a second batch asking on another date, or with another threshold, must not get
  // the first batch's answers; rows with a date of their own neither.
  const rows: BatchRow[] = [
    { line: 2, name: 'Tencent Holdings' },
    { line: 3, name: 'Tencent Holdings', asOf: '2020-01-01' },
    { line: 4, name: 'Tencent Holdings' },
  ];
  const hitsOf = (line: string): { active: boolean }[] => {
    const r = JSON.parse(line) as BatchRecord;
    return 'hits' in r ? r.hits : [];
  };
  const activeOf = (lines: string[]): (boolean | null)[] => lines.map((l) => hitsOf(l)[0]?.active ?? null);
  assert.deepEqual(activeOf(screenChunkLines(index, rows, { asOf: TODAY }).lines), [true, false, true]);
  assert.deepEqual(activeOf(screenChunkLines(index, rows, { asOf: '2020-01-01' }).lines), [false, false, false]);
  assert.deepEqual(activeOf(screenChunkLines(index, rows, { asOf: TODAY }).lines), [true, false, true]);
  const strict = screenChunkLines(index, [{ line: 2, name: 'Tencent Holding Ltd' }], { asOf: TODAY, threshold: 0.999 }).lines;
  const one = screenWithIndex(index, 'Tencent Holding Ltd', { asOf: TODAY, threshold: 0.999 });
  assert.equal(hitsOf(strict[0] ?? '{}').length, one.hits.length);
  assert.notEqual(one.hits.length, screenWithIndex(index, 'Tencent Holding Ltd', { asOf: TODAY }).hits.length);
});

test('CSV in, JSONL out: header by name, lines numbered as in the file, chunks carry their errors', async () => {
  const csv = 'id,as_of,name\na1,,Tencent Holdings\na2,,\n"a3",2021-01-01,"Qihoo 360"\n';
  const chunks = [];
  for await (const c of screenBatchChunks(readBatchCsv(Readable.from([csv]), 'in.csv'), { snapshot, asOf: TODAY, workers: 1 })) chunks.push(c);
  const lines = chunks.flatMap((c) => c.lines.map((l) => JSON.parse(l) as BatchRecord));
  assert.deepEqual(lines.map((r) => [r.id, r.line]), [['a1', 2], ['a2', 3], ['a3', 4]]);
  assert.deepEqual(chunks.flatMap((c) => c.errors.map((e) => e.line)), [3]);
  let text = '';
  const sink = new Writable({ write(ch, _e, cb) { text += String(ch); cb(); } });
  const w = new BatchWriter(sink, 'csv');
  for (const r of lines) await w.write(r);
  await w.end();
  const out = text.trim().split('\n');
  assert.equal(out.length, 4);
  assert.match(out[0] ?? '', /^id,line,query,as_of,error/);
  assert.match(out[1] ?? '', /^a1,2,Tencent Holdings,2026-11-21,,1,true,tencent-holdings/);
  assert.match(out[2] ?? '', /^a2,3,,,empty name/);
});

test('a CSV without a name column is a BAD_FILE error', async () => {
  const run = async (): Promise<void> => {
    for await (const r of readBatchCsv(Readable.from(['id,company\n1,x\n']), 'x.csv')) void r;
  };
  await assert.rejects(run, (e: unknown) => (e as { code?: string }).code === 'BAD_FILE');
});

test('screenChunkLines gives the same lines as toChunk(screenChunk(...)), byte for byte', () => {
  const rows: BatchRow[] = [
    { line: 2, id: 'a', name: 'Tencent Holdings' },
    { line: 3, name: 'Acme Widgets "Quoted" Ltd \\ back' },
    { line: 4, id: '', name: '   ' },
    { line: 5, id: 'd', name: 'Tencent Holdings', asOf: ' 2020-01-01 ' },
    { line: 6, id: 'e', name: 'Tencent', asOf: '2026-02-30' },
    { line: 7, id: 'f\u2028g', name: '腾讯控股 \u0000 x', asOf: '' },
    { line: 8, id: 'h', name: 'Northwind Supply LLC' },
    // Repeated names (answered again from the batch's memo of answers): same date, other date, no id.
    { line: 9, id: 'i', name: 'Tencent Holdings' },
    { line: 10, id: 'j', name: 'Tencent Holdings', asOf: '2020-01-01' },
    { line: 11, name: 'Northwind Supply LLC' },
  ];
  for (const opts of [{ asOf: TODAY }, { asOf: TODAY, threshold: 0.5, limit: 2, includeInactive: false }]) {
    assert.deepEqual(screenChunkLines(index, rows, opts), toChunk(screenChunk(index, rows, opts)));
    // Twice: every answer of the second run comes from the memo.
    assert.deepEqual(screenChunkLines(index, rows, opts), toChunk(screenChunk(index, rows, opts)));
  }
});

test('screenChunkJsonl writes the bytes of screenChunkLines\' lines, also past its first buffer', () => {
  // An error record carries its name: 120,000 × 'é' (2 bytes each) outgrows the 256 KB first buffer.
  const rows: BatchRow[] = [
    { line: 2, id: 'a', name: 'Tencent Holdings' },
    { line: 3, id: 'b', name: '腾讯控股 😀 \u2028', asOf: '2020-01-01' },
    { line: 4, name: 'é'.repeat(120_000), asOf: 'not a date' },
    { line: 5, id: '', name: '  ' },
    { line: 6, name: 'Northwind Supply LLC' },
  ];
  for (let run = 0; run < 2; run++) {
    const want = screenChunkLines(index, rows, { asOf: TODAY });
    const got = screenChunkJsonl(index, rows, { asOf: TODAY });
    assert.equal(Buffer.from(got.jsonl).toString('utf8'), want.lines.join('\n') + '\n');
    assert.deepEqual([got.rows, got.errors, got.withHits], [5, want.errors, want.withHits]);
    assert.deepEqual(chunkFromJsonl(got.jsonl, got.rows, got.errors, got.withHits).lines, want.lines);
  }
});

test('rows survive the column form workers receive: absent id and date stay absent, empty ones stay empty', () => {
  const rows: BatchRow[] = [
    { line: 2, name: 'A' },
    { line: 3, id: '', name: '', asOf: '' },
    { line: 4, id: 'x', name: '腾讯', asOf: '2020-01-01' },
  ];
  const back = fromColumns(structuredClone(toColumns(rows, { asOf: TODAY })));
  assert.deepEqual(back, rows);
  assert.deepEqual(back.map((r) => Object.keys(r).sort()), rows.map((r) => Object.keys(r).sort()));
});

/** What a BatchWriter writes for these chunks (JSONL, the first record carrying `coverage`). */
async function jsonlWritten(chunks: readonly BatchChunk[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const sink = new Writable({ write(ch: Buffer | string, _e, cb) { parts.push(Buffer.from(ch)); cb(); } });
  const w = new BatchWriter(sink, 'jsonl', { audit: { screenedAt: '2026-11-21T00:00:00Z', revision: 'r1', coverage: { asOf: TODAY, maxAgeDays: 365, lists: [], warnings: [] } } });
  for (const c of chunks) await w.writeChunk(c);
  await w.end();
  return Buffer.concat(parts);
}

test('worker chunks come back as moved JSONL bytes: the same lines, and the writer writes the same bytes', async () => {
  const names = [...NAMES, 'Ünïcödé Trading GmbH \u2028', '😀 Emoji Holdings', 'Quote " and \\ backslash'];
  const rows: BatchRow[] = Array.from({ length: 130 }, (_, i) => ({ line: i + 2, id: `r${i}`, name: i === 7 ? '' : names[i % names.length] ?? '' }));
  const threaded: BatchChunk[] = [];
  for await (const c of screenBatchChunks(rows, { snapshot, asOf: TODAY, workers: 2, chunkSize: 25 })) threaded.push(c);
  const inProcess: BatchChunk[] = [];
  for await (const c of screenBatchChunks(rows, { snapshot, asOf: TODAY, workers: 1, chunkSize: 25 })) inProcess.push(c);
  assert.ok(threaded.every((c) => jsonlOf(c) !== undefined) && inProcess.every((c) => jsonlOf(c) === undefined));
  assert.deepEqual(threaded.map(chunkRows), [25, 25, 25, 25, 25, 5]);
  // Written before its lines are read (bytes as they came), then compared line by line.
  assert.equal((await jsonlWritten(threaded)).toString('utf8'), (await jsonlWritten(inProcess)).toString('utf8'));
  assert.deepEqual(threaded.map((c) => [[...c.lines], c.errors, c.withHits]), inProcess.map((c) => [c.lines, c.errors, c.withHits]));
});

/** Lines as JSONL bytes, each followed by a newline (the form a worker sends back). */
const jsonlBytes = (lines: readonly string[]): Uint8Array => Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');

test('a JSONL chunk: lines decoded on demand and frozen; a copy with other lines is written with its own lines', async () => {
  const lines = ['{"line":2,"query":"腾讯"}', '{"line":3,"query":"a\\nb"}', '{"line":4,"query":"😀"}'];
  const chunk = chunkFromJsonl(jsonlBytes(lines), lines.length, [], 0);
  assert.equal(chunkRows(chunk), 3);
  assert.deepEqual(chunk.lines, lines);
  assert.throws(() => { chunk.lines[0] = 'x'; }, TypeError);
  assert.deepEqual(chunkFromJsonl(jsonlBytes([]), 0, [], 0).lines, []);
  const copy: BatchChunk = { ...chunkFromJsonl(jsonlBytes(lines), 3, [], 0), lines: ['{"line":2,"query":"other"}', ...lines.slice(1)] };
  assert.equal(jsonlOf(copy), undefined);
  assert.match((await jsonlWritten([copy])).toString('utf8'), /^\{"line":2,"query":"other","coverage":/);
});
