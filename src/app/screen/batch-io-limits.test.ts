import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { ListwatchError } from '../../core/errors.js';
import { readBatchCsv, recordToCsv, decodeBatchBytes, batchLimitsFromEnv, DEFAULT_BATCH_LIMITS, type BatchLimits } from './batch-io.js';
import { rowProblem, type BatchRow } from './batch-core.js';
import { fromColumns, toColumns } from './batch-columns.js';

async function read(chunks: (Buffer | string)[], limits?: Partial<BatchLimits>): Promise<{ rows: BatchRow[]; error?: ListwatchError }> {
  const rows: BatchRow[] = [];
  try {
    for await (const r of readBatchCsv(Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))), 'in.csv', { ...DEFAULT_BATCH_LIMITS, ...limits })) rows.push(r);
    return { rows };
  } catch (e) {
    assert.ok(e instanceof ListwatchError, String(e));
    return { rows, error: e };
  }
}

describe('batch input limits (issue #10: denial of service at the edges)', () => {
  it('a 100,000-character name is a per-row error; the rows around it are read', async () => {
    const long = 'A'.repeat(100_000);
    const { rows, error } = await read([`id,name\n1,Huawei\n2,${long}\n3,ZTE\n`]);
    assert.equal(error, undefined);
    assert.deepEqual(rows.map((r) => r.id), ['1', '2', '3']);
    assert.equal(rowProblem(rows[0]!), null);
    assert.match(rowProblem(rows[1]!) ?? '', /100000 characters long; the limit is 1000/);
    assert.ok(rows[1]!.name.length < 300, 'the record keeps only the start of the name');
    // The problem survives the trip to a worker thread.
    assert.deepEqual(fromColumns(toColumns(rows, { asOf: '2026-01-01' })), rows);
  });

  it('names with control characters (NUL of a mis-decoded file, escape sequences) are per-row errors', async () => {
    const { rows } = await read(['name\nA\u0000B\n\u001b[31mRed\nplain\ttab\n']);
    assert.match(rowProblem(rows[0]!) ?? '', /control characters/);
    assert.match(rowProblem(rows[1]!) ?? '', /control characters/);
    assert.equal(rowProblem(rows[2]!), null);
  });

  it('more rows than the limit is BAD_FILE naming the first row over it', async () => {
    const { rows, error } = await read(['name\n', 'a\nb\nc\n', 'd\ne\nf\n'], { maxRows: 4 });
    assert.equal(error?.code, 'BAD_FILE');
    assert.equal(error?.where?.line, 6);
    assert.match(error?.message ?? '', /more than 4 rows/);
    assert.ok(rows.length <= 4);
  });

  it('a line over the byte limit is BAD_FILE with its line, without reading the rest of it', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from('name\nok\n');
      for (;;) {
        pulled++;
        yield Buffer.alloc(16 * 1024, 0x61); // one line that never ends
      }
    }
    const rows: BatchRow[] = [];
    await assert.rejects(async () => {
      for await (const r of readBatchCsv(Readable.from(endless()), 'in.csv', { ...DEFAULT_BATCH_LIMITS, maxLineBytes: 64 * 1024 })) rows.push(r);
    }, (e: ListwatchError) => e.code === 'BAD_FILE' && e.where?.line === 3 && /longer than 65536 bytes/.test(e.message));
    assert.ok(pulled < 10, `read ${pulled} chunks of the long line`);
  });

  it('a long record inside quotes (csv-parse path) is refused the same way', async () => {
    const { error } = await read([`name\n"${'x'.repeat(3000)}\n${'y'.repeat(3000)}"\n`], { maxLineBytes: 4096 });
    assert.equal(error?.code, 'BAD_FILE');
    assert.match(error?.message ?? '', /line 3: a record longer than the limit/);
  });

  it('UTF-16 LE/BE, with or without a byte-order mark, read as the same rows as UTF-8', async () => {
    const text = 'id,name\n1,Huawei Technologies\n2,腾讯控股\n';
    const want = (await read([text])).rows;
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const [label, bytes] of [['LE+BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), le])], ['LE', le], ['BE+BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), be])], ['BE', be], ['UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]] as const) {
      // Split at odd offsets so a code unit is cut between chunks.
      const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 7), bytes.subarray(7)];
      assert.deepEqual((await read(chunks)).rows, want, label);
      assert.equal(decodeBatchBytes(bytes).replace(/^\uFEFF/, ''), text, label);
    }
  });

  it('limits come from the environment; a bad value names the variable', () => {
    assert.deepEqual(batchLimitsFromEnv({}), DEFAULT_BATCH_LIMITS);
    assert.equal(batchLimitsFromEnv({ LISTWATCH_BATCH_MAX_ROWS: '5' }).maxRows, 5);
    assert.throws(() => batchLimitsFromEnv({ LISTWATCH_BATCH_MAX_NAME: '0x10' }), (e: ListwatchError) => e.code === 'BAD_INPUT' && e.where?.field === 'LISTWATCH_BATCH_MAX_NAME');
  });
});

describe('batch CSV output (issue #10: output injection)', () => {
  it('cells starting with = + - @ are escaped; numbers are not', () => {
    const line = recordToCsv({ line: 2, id: '=1+1', query: '@SUM(A1)', error: '-cmd|x' });
    // The 14 result columns, then the 9 audit columns (empty without an audit context).
    assert.equal(line, `'=1+1,2,'@SUM(A1),,'-cmd|x,,,,,,,,,` + ',,,,,,,,,');
    const hit = recordToCsv({
      line: -3, id: '+x', query: 'q', asOf: '2026-01-01', threshold: 0.8,
      hits: [{ entityId: 'e', name: '=HYPERLINK("http://x","y")', matchedName: 'm', score: 0.9, active: true, designations: [], explanation: { summary: 's' } }],
    } as unknown as Parameters<typeof recordToCsv>[0]);
    const cells = hit.split(',');
    assert.equal(cells[0], `'+x`);
    assert.equal(cells[1], '-3', 'a number stays a number');
    assert.ok(hit.includes(`"'=HYPERLINK(""http://x""`), hit);
  });
});
