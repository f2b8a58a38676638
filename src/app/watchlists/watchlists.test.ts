import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import nodemailer from 'nodemailer';
import { isListwatchError } from '../../core/errors.js';
import { testEngines, freshStore } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
import { ensureSeeded } from '../seed.js';
import { bundledData } from '../test-support.js';
import { addItems, listAlerts, listWatchlists, readWatchCsv, rescreenAll, watchlistStatus } from './index.js';
import { addHook, alertsAtom, deliverPending, deliveries } from '../alerts/index.js';
import { recordDecision } from '../decisions/decisions.js';

const clock = (today: string) => ({ today, now: () => `${today}T08:00:00.000Z` });

for (const engine of testEngines) {
  describe(`watchlists and alerts on ${engine.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const dir = mkdtempSync(path.join(tmpdir(), 'lw-watch-'));
    before(async () => {
      const f = await freshStore(engine);
      store = f.store;
      dispose = f.dispose;
      await ensureSeeded(store, bundledData, () => undefined);
    });
    after(async () => {
      await dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('bad input is refused with a clear error and nothing is created', async () => {
      const noName = path.join(dir, 'no-name.csv');
      writeFileSync(noName, 'company,country\nHuawei,CN\n');
      await assert.rejects(readWatchCsv({ path: noName }), (e) => isListwatchError(e, 'BAD_INPUT') && /no "name" column/.test(e.message));
      const big = path.join(dir, 'big.csv');
      writeFileSync(big, 'name\n' + Array.from({ length: 12 }, (_, i) => `Company ${i}`).join('\n'));
      await assert.rejects(readWatchCsv({ path: big }, 10), (e) => isListwatchError(e, 'TOO_LARGE') && /at most 10/.test(e.message));
      await assert.rejects(addItems(store, 'x', [{ name: 'A' }, { name: 'B' }, { name: 'C' }], { ...clock('2026-05-01'), maxItems: 2 }), (e) => isListwatchError(e, 'TOO_LARGE'));
      await assert.rejects(addItems(store, 'bad name!', [{ name: 'A' }], clock('2026-05-01')), (e) => isListwatchError(e, 'BAD_INPUT'));
      await assert.rejects(addItems(store, 'y', [{ name: 'A', isin: 'XX' }], clock('2026-05-01')), (e) => isListwatchError(e, 'BAD_INPUT') && e.where?.field === 'isin');
      assert.deepEqual(await listWatchlists(store), []);
      const bad = path.join(dir, 'bad-isin.csv');
      writeFileSync(bad, 'name,isin\nGood Co,US0378331005\nBad Co,NOPE\n');
      await assert.rejects(readWatchCsv({ path: bad }), (e) => isListwatchError(e, 'BAD_INPUT') && e.where?.line === 3 && /line 3/.test(e.message));
    });

    it('a watchlist from CSV: each counterparty\'s status; the first screen is a baseline without alerts', async () => {
      const csv = path.join(dir, 'suppliers.csv');
      writeFileSync(csv, 'name,country,ref,isin\n"Huawei Technologies Co., Ltd.",CN,S-1,\nAcme Widgets GmbH,DE,S-2,\n');
      const items = await readWatchCsv({ path: csv });
      const r = await addItems(store, 'suppliers', items, { ...clock('2026-05-01'), settings: { role: 'dod-contractor', noticeDays: 45 } });
      assert.deepEqual([r.created, r.added, r.total, r.alerts], [true, 2, 2, 0]);
      const st = await watchlistStatus(store, 'suppliers');
      assert.deepEqual(st.items.map((i) => [i.ref, i.status]), [['S-1', 'hit'], ['S-2', 'clear']]);
      const hw = st.items[0]!.result!;
      assert.ok(hw.hits[0]!.lists.some((l) => l.listId === 'us-dod-1260h'));
      assert.ok(!hw.obligations.some((o) => o.ruleId === '1260h-805-a1a-entity'), 'the §805 prohibition is 60 days away: outside 45 days of notice');
      assert.equal((await listWatchlists(store))[0]!.hits, 1);
      // The same file again changes nothing and raises nothing.
      const again = await addItems(store, 'suppliers', items, clock('2026-05-01'));
      assert.deepEqual([again.created, again.added, again.updated, again.alerts], [false, 0, 2, 0]);
    });

    it('a rule coming into force within the notice days raises one obligation-due alert, once, with its sources', async () => {
      await addHook(store, 'suppliers', 'http://127.0.0.1:9/hook', 'secret-123456', '2026-05-20T08:00:00.000Z');
      const [r] = await rescreenAll(store, clock('2026-05-20'));
      const due = r!.alerts.filter((a) => a.kind === 'obligation-due');
      assert.ok(due.some((a) => a.date === '2026-06-30' && a.entity?.id === 'huawei-technologies'), JSON.stringify(r!.alerts.map((a) => a.title)));
      assert.ok(due.every((a) => a.sources.length > 0 && a.publication !== null));
      const [again] = await rescreenAll(store, clock('2026-05-21'));
      assert.equal(again!.alerts.length, 0);
      assert.equal((await listAlerts(store, { watchlist: 'suppliers' })).length, r!.alerts.length);
      const pending = await deliveries(store, { status: 'pending' });
      assert.equal(pending.length, r!.alerts.length);
      const xml = alertsAtom('suppliers', await listAlerts(store, { watchlist: 'suppliers' }), { selfUrl: 'http://127.0.0.1/feed', siteUrl: 'http://127.0.0.1/', updated: new Date('2026-05-20T08:00:00Z') });
      assert.equal((xml.match(/<entry>/g) ?? []).length, r!.alerts.length);
      assert.match(xml, /2026-06-30/);
    });

    it('e-mail: alerts of a watchlist with an address are sent over SMTP (a local smtp-server)', async () => {
      const got: { to: string; data: string }[] = [];
      const smtp = new SMTPServer({
        authOptional: true, disabledCommands: ['STARTTLS'],
        onData(stream, session, cb) {
          let data = '';
          stream.on('data', (c: Buffer) => (data += c.toString()));
          stream.on('end', () => { got.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data }); cb(); });
        },
      });
      await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
      const port = (smtp.server.address() as AddressInfo).port;
      try {
        const items = [{ name: 'Huawei Technologies Co., Ltd.', ref: 'M-1' }];
        await addItems(store, 'mailed', items, { ...clock('2026-05-01'), settings: { role: 'dod-contractor', noticeDays: 45, email: 'compliance@example.com' } });
        const [r] = await rescreenAll(store, { ...clock('2026-05-20'), names: ['mailed'] });
        assert.ok(r!.alerts.length >= 1);
        const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
        const res = await deliverPending(store, { nowMs: () => Date.parse('2026-05-20T08:00:01Z'), mail: { transport, from: 'listwatch@example.com' } });
        transport.close();
        const mails = got.filter((g) => g.to === 'compliance@example.com');
        assert.equal(mails.length, r!.alerts.length);
        assert.deepEqual(new Set(mails.map((m) => /x-listwatch-alert-id:\s*([0-9a-f]+)/i.exec(m.data)?.[1])), new Set(r!.alerts.map((a) => a.id)));
        assert.ok(mails.every((m) => /Subject: \[listwatch\] mailed: obligation-due/.test(m.data)));
        assert.ok(res.delivered >= r!.alerts.length);
        assert.ok((await deliveries(store)).filter((d) => d.channel === 'email').every((d) => d.status === 'delivered'));
      } finally {
        await new Promise<void>((r) => smtp.close(() => r()));
      }
    });

    it('a hit decided a false positive (decisions) raises no alert while its listing is unchanged', async () => {
      const name = 'Huawei Technologies Co., Ltd.';
      await addItems(store, 'decided', [{ name, ref: 'D-1' }], { ...clock('2026-05-01'), settings: { role: 'dod-contractor', noticeDays: 45 } });
      await recordDecision(store, { query: name, entityId: 'huawei-technologies', verdict: 'false-positive', note: 'test: another Huawei', actor: 'local:test', now: '2026-05-02T08:00:00.000Z' });
      const [r] = await rescreenAll(store, { ...clock('2026-05-20'), names: ['decided'] });
      assert.equal(r!.alerts.filter((a) => a.entity?.id === 'huawei-technologies').length, 0);
    });

    it('a large re-screen reports its progress every 1,000 counterparties and at the end', async () => {
      const items = Array.from({ length: 2345 }, (_, i) => ({ name: i % 5 === 0 ? 'Hikvision' : `Supplier Number ${i} GmbH`, ref: `P-${i}` }));
      await addItems(store, 'progress', items, clock('2026-05-01'));
      const seen: { watchlist: string; screened: number; total: number }[] = [];
      const [r] = await rescreenAll(store, { ...clock('2026-05-20'), names: ['progress'], onProgress: (p) => seen.push(p) });
      assert.equal(r!.screened, 2345);
      assert.deepEqual(seen, [1000, 2000, 2345].map((screened) => ({ watchlist: 'progress', screened, total: 2345 })));
    });
  });
}
