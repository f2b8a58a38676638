import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { openStore } from '../../store/open.js';
import { pgliteLocation, type TestLocation } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
import { sharedData } from '../../sources/test-support.js';
import { prng } from '../../test-support/prng.js';
import { importFiles } from '../import/index.js';
import { addItems, listAlerts } from '../watchlists/index.js';
import type { WatchItemInput } from '../watchlists/types.js';
import { addHook } from './hooks.js';
import { deliverPending, deliveries, replayDeliveries } from './deliver.js';

const OLD = sharedData('ofac_sdn/watchman_bench_2021-07');
const NEW = sharedData('ofac_sdn/jackdwyer_2024-05-03');
const SECRET = 'e2e-secret-0123456789';

/** ent_num → primary name of an OFAC legacy CSV, read with csv-parse (not listwatch's parser). */
function sdnNames(file: string): Map<string, string> {
  const text = readFileSync(file, 'latin1').replace(/\x1a\s*$/, '');
  const rows = parse(text, { relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  return new Map(rows.filter((r) => /^\d+$/.test(r[0]!.trim())).map((r) => [r[0]!.trim(), r[1]!.trim()]));
}

const tokens = (name: string): string[] => name.toUpperCase().split(/[^A-Z0-9]+/).filter((t) => t.length >= 4);

/**
 * Names whose every long token belongs to this entity alone in both files (names and 2021 aliases),
 * so the only listed entity such a counterparty can match is its own: the oracle below is then the
 * lists' difference, computed from the raw files, not from listwatch.
 */
function isolation(oldN: Map<string, string>, newN: Map<string, string>, aliases: [string, string][]) {
  const owners = new Map<string, Set<string>>();
  const add = (id: string, name: string) => { for (const t of tokens(name)) { const s = owners.get(t) ?? new Set(); s.add(id); owners.set(t, s); } };
  for (const [id, n] of oldN) add(id, n);
  for (const [id, n] of newN) add(id, n);
  for (const [id, n] of aliases) add(id, n);
  return (id: string, name: string): boolean => tokens(name).length >= 2 && tokens(name).every((t) => owners.get(t)!.size === 1 && owners.get(t)!.has(id));
}

interface Received { id: string; ok: boolean }

describe('end to end: a 1,000-name watchlist, the 2024 SDN import, signed webhook delivery', () => {
  let loc: TestLocation;
  let store: Store;
  let server: Server;
  let url = '';
  const received: Received[] = [];
  let failFirst = 0;
  const attemptsById = new Map<string, number>();
  const badSignatures: string[] = [];
  const expected = new Set<string>();
  let clock = Date.UTC(2026, 11, 1, 10, 0, 0);
  const nowIso = () => new Date(clock).toISOString();

  before(async () => {
    loc = await pgliteLocation();
    store = await openStore(loc.opts);
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        // The receiver checks the signature itself: HMAC-SHA256(secret, t + "." + body).
        const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['x-listwatch-signature'] ?? ''));
        const want = m ? createHmac('sha256', SECRET).update(`${m[1]}.${body}`).digest('hex') : '';
        const id = (JSON.parse(body) as { alert: { id: string } }).alert.id;
        if (!m || m[2] !== want) { badSignatures.push(id); res.statusCode = 401; res.end(); return; }
        const n = (attemptsById.get(id) ?? 0) + 1;
        attemptsById.set(id, n);
        const ok = n > failFirst;
        received.push({ id, ok });
        res.statusCode = ok ? 204 : 500;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  after(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await store.close();
    await loc.dispose();
  });

  it('importing the newer file raises exactly the alerts the two files imply, each with its publication and source', async () => {
    // sdn.csv alone in both years (the 2024 copy has no companion files), so names compare like with like.
    await importFiles(store, 'ofac-sdn', [path.join(OLD, 'sdn.csv')], { today: '2026-12-01', date: '2021-07-07' });

    const oldN = sdnNames(path.join(OLD, 'sdn.csv'));
    const newN = sdnNames(path.join(NEW, 'sdn.csv'));
    const aliases = (parse(readFileSync(path.join(OLD, 'alt.csv'), 'latin1').replace(/\x1a\s*$/, ''), { relax_quotes: true, relax_column_count: true }) as string[][])
      .filter((r) => /^\d+$/.test(r[0]!.trim())).map((r) => [r[0]!.trim(), r[3]!.trim()] as [string, string]);
    const isolated = isolation(oldN, newN, aliases);
    const rnd = prng(12);
    const pick = <T>(xs: T[], n: number): T[] => { const a = [...xs]; for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [a[i], a[j]] = [a[j]!, a[i]!]; } return a.slice(0, n); };

    const added = pick([...newN].filter(([id, n]) => !oldN.has(id) && isolated(id, n)), 60);
    const removed = pick([...oldN].filter(([id, n]) => !newN.has(id) && isolated(id, n)), 30);
    const renamed = pick([...oldN].filter(([id, n]) => newN.has(id) && newN.get(id) !== n && isolated(id, n) && isolated(id, newN.get(id)!)), 15);
    const stable = pick([...oldN].filter(([id, n]) => newN.get(id) === n && isolated(id, n)), 40);
    assert.ok(added.length === 60 && removed.length === 30 && stable.length === 40, `${added.length}/${removed.length}/${stable.length}`);
    for (const [id] of added) expected.add(`new-hit|us-ofac-sdn:${id}`);
    for (const [id] of removed) expected.add(`designation-ended|us-ofac-sdn:${id}`);
    for (const [id] of renamed) expected.add(`renamed|us-ofac-sdn:${id}`);

    // Counterparties: the picks (by the name of the file that lists them first) and made-up names.
    const syl = ['qua', 'zor', 'vex', 'lim', 'dra', 'kol', 'pyr', 'thu', 'wen', 'bax', 'gri', 'mox'];
    const word = () => Array.from({ length: 3 }, () => syl[Math.floor(rnd() * syl.length)]).join('');
    const items: WatchItemInput[] = [...added, ...removed, ...renamed, ...stable].map(([id, n], i) => ({ name: n, ref: `S${i}-${id}` }));
    while (items.length < 1000) items.push({ name: `${word()} ${word()} ${word()} Industries`, ref: `F${items.length}` });
    const r = await addItems(store, 'suppliers', items, { today: '2026-12-01', now: nowIso });
    assert.equal(r.total, 1000);
    assert.equal(r.alerts, 0); // the first result is the baseline
    await addHook(store, 'suppliers', url, SECRET, nowIso());

    const { rescreenAll } = await import('../watchlists/index.js');
    const [imp] = await importFiles(store, 'ofac-sdn', [path.join(NEW, 'sdn.csv')], { today: '2026-12-01', date: '2024-05-03' });
    const pubId = imp!.lists[0]!.publicationId!;
    const rs = await rescreenAll(store, { today: '2026-12-01', now: nowIso, cause: 'import' });
    assert.equal(rs[0]!.screened, 1000);
    const alerts = await listAlerts(store, { watchlist: 'suppliers' });
    assert.deepEqual(new Set(alerts.map((a) => `${a.kind}|${a.entity!.id}`)), expected);
    assert.equal(alerts.length, expected.size);
    for (const a of alerts) {
      assert.equal(a.publication?.id, pubId, a.title);
      assert.ok(a.sources.length >= 1 && a.sources[0]!.title.includes('sdn.csv'), JSON.stringify(a.sources));
    }
    // Raised once: re-screening again (and again) raises nothing new.
    const again = await rescreenAll(store, { today: '2026-12-01', now: nowIso });
    assert.equal(again[0]!.alerts.length, 0);
    assert.equal((await listAlerts(store, { watchlist: 'suppliers' })).length, expected.size);
  });

  it('each alert is delivered once to the webhook, signed; deliver again sends nothing', async () => {
    const r = await deliverPending(store, { nowMs: () => clock, baseDelayMs: 1_000 });
    assert.equal(r.delivered, expected.size);
    assert.equal(badSignatures.length, 0);
    const alerts = await listAlerts(store, { watchlist: 'suppliers' });
    assert.deepEqual(received.map((x) => x.id).sort(), alerts.map((a) => a.id).sort());
    const r2 = await deliverPending(store, { nowMs: () => clock, baseDelayMs: 1_000 });
    assert.equal(r2.attempted, 0);
  });

  it('replayed, they are delivered once more after the receiver answers 500 twice (backoff honoured)', async () => {
    received.length = 0;
    attemptsById.clear();
    failFirst = 2;
    const n = await replayDeliveries(store, { all: true }, nowIso());
    assert.equal(n, expected.size);
    const opts = { nowMs: () => clock, baseDelayMs: 1_000, maxAttempts: 5 };
    assert.equal((await deliverPending(store, opts)).failed, expected.size);
    assert.equal((await deliverPending(store, opts)).attempted, 0); // not due before the backoff
    clock += 1_000;
    assert.equal((await deliverPending(store, opts)).failed, expected.size);
    clock += 1_500;
    assert.equal((await deliverPending(store, opts)).attempted, 0); // second wait is 2 s
    clock += 500;
    assert.equal((await deliverPending(store, opts)).delivered, expected.size);
    const okIds = received.filter((x) => x.ok).map((x) => x.id);
    assert.equal(new Set(okIds).size, okIds.length);
    assert.equal(okIds.length, expected.size);
    assert.ok([...attemptsById.values()].every((k) => k === 3));
    assert.ok((await deliveries(store)).every((d) => d.status === 'delivered' && d.attempts === 3));
  });

  it('a receiver that keeps failing dead-letters after K attempts; replay sends them again', async () => {
    failFirst = Number.POSITIVE_INFINITY;
    await replayDeliveries(store, { all: true }, nowIso());
    const opts = { nowMs: () => clock, baseDelayMs: 0, maxAttempts: 2 };
    await deliverPending(store, opts);
    assert.equal((await deliverPending(store, opts)).dead, expected.size);
    assert.equal((await deliverPending(store, opts)).attempted, 0);
    failFirst = 0;
    attemptsById.clear();
    assert.equal(await replayDeliveries(store, {}, nowIso()), expected.size);
    assert.equal((await deliverPending(store, opts)).delivered, expected.size);
  });
});
