// FollowTheMoney round trip: the seeded record exported as FtM JSON lines and imported into an
// empty store gives every list the same members in force, with their names and identifiers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportFtm } from '../../app/interop/ftm.js';
import { importFiles } from '../../app/import/service.js';
import { freshStore, pgliteLocation } from '../../store/testing.js';
import { serverFixture, TODAY } from '../../server/test-support/app.js';
import type { ServerFixture } from '../../server/test-support/app.js';
import { parseFtm } from './parse.js';

let fx: ServerFixture;
let dir: string;
before(async () => {
  fx = await serverFixture({ name: 'pglite', location: pgliteLocation });
  dir = mkdtempSync(path.join(tmpdir(), 'lw-ftm-'));
});
after(async () => {
  await fx?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test('export then import: the same members in force on every list, names and identifiers kept', async () => {
  let text = '';
  for await (const l of exportFtm(fx.store, TODAY)) text += l;
  const file = path.join(dir, 'record.ftm.jsonl');
  writeFileSync(file, text);
  const target = await freshStore({ name: 'pglite', location: pgliteLocation });
  try {
    const results = await importFiles(target.store, 'ftm', [file], { today: TODAY, date: TODAY });
    const imported = results.flatMap((r) => r.lists);
    const inForce = (await fx.store.getDesignations()).filter((d) => d.to === null);
    const byList = new Map<string, Set<string>>();
    for (const d of inForce) byList.set(d.listId, (byList.get(d.listId) ?? new Set()).add(d.entityId));
    assert.equal(imported.length, byList.size, 'one imported list per list with members in force');
    for (const [listId, members] of byList) {
      const got = new Set((await target.store.getDesignations({ listId })).filter((d) => d.to === null).map((d) => d.entityId));
      assert.deepEqual([...got].sort(), [...members].sort(), `${listId}: same members in force`);
    }
    const some = [...byList.values()][0]!;
    for (const id of [...some].slice(0, 20)) {
      const a = (await fx.store.getEntity(id))!;
      const b = (await target.store.getEntity(id))!;
      assert.equal(b.name, a.name);
      for (const n of a.names) assert.ok(b.names.some((x) => x.name === n.name), `${id}: name ${n.name} kept`);
      for (const i of a.identifiers.filter((x) => x.scheme === 'ticker' || x.scheme === 'isin')) assert.ok(b.identifiers.some((x) => x.value === i.value), `${id}: identifier ${i.value} kept`);
    }
    // Importing the same file again is a no-op.
    const again = await importFiles(target.store, 'ftm', [file], { today: TODAY, date: TODAY });
    assert.ok(again.flatMap((r) => r.lists).every((l) => l.status === 'unchanged'));
  } finally {
    await target.dispose();
  }
});

test('a broken line is refused naming the file and line', () => {
  assert.throws(() => parseFtm({ path: 'x.jsonl', name: 'x.jsonl', bytes: new TextEncoder().encode('{"id":"a","schema":"Company","properties":{}}\n{oops\n') }), /x\.jsonl, line 2/);
  assert.throws(() => parseFtm({ path: 'x.jsonl', name: 'x.jsonl', bytes: new TextEncoder().encode('{"schema":"Company"}\n') }), /line 1: an FtM entity needs/);
});
