import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../store/open.js';
import { testEngines, type TestLocation } from '../../store/testing.js';
import { sharedData } from '../../sources/test-support.js';
import type { Dossier, ScreenResult } from '../types.js';
import { createApp } from '../../server/app.js';

/**
 * Issue #10: names are versioned with the publication that carried them. The story of the finding,
 * with the real OFAC SDN files of July 2021 through the real CLI, on both engines: A (sdn.csv +
 * alt.csv), then B (alt.csv dropped: refused, then forced) strips the aliases; a screen as of a date
 * before B still finds "AERO-CARIBBEAN" (an alias of AEROCARIBBEAN AIRLINES, ent_num 36) and today's
 * does not; re-importing A restores the aliases from its date on, and the API (screen, batch jobs)
 * answers the same.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SET_2021 = sharedData('ofac_sdn/watchman_bench_2021-07');
const TODAY = '2026-11-21';
const ALIAS = 'AERO-CARIBBEAN';
const ENTITY = 'us-ofac-sdn:36';

function cli(args: string[], where: { db: string; url?: string }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin', 'listwatch.mjs'), '--db', where.db, ...args], {
      cwd: root, maxBuffer: 64 * 2 ** 20,
      env: { ...process.env, LISTWATCH_FROM_SOURCE: '1', DATABASE_URL: where.url ?? '' },
    }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

/** A batch with per-row dates (screened as of 2021-08-15, between B and A again): before B, the batch's date, today. */
const DATED_CSV = `name,as_of\n${ALIAS},2021-07-15\n${ALIAS},\n${ALIAS},${TODAY}\n${ALIAS},2021-08-20\n`;
const DATED_EXPECTED = [true, false, true, false];

/** The hit on ent_num 36 through its alias, if the screen found it that way. */
const viaAlias = (r: ScreenResult) => r.hits.find((h) => h.entityId === ENTITY && h.matchedName === ALIAS);

for (const engine of testEngines) {
  describe(`versioned names, A → B (alt.csv dropped, forced) → A, CLI: ${engine.name}`, () => {
    let dir = '';
    let loc: TestLocation;
    let where: { db: string; url?: string };
    const fileA: string[] = [];
    let fileB = '';
    before(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'lw-vnames-'));
      loc = await engine.location();
      where = { db: path.join(dir, 'db'), ...(loc.opts.databaseUrl ? { url: loc.opts.databaseUrl } : {}) };
      // The first 3,000 records of the 2021 set and their aliases (the whole set takes a minute per import).
      const sdn = readFileSync(path.join(SET_2021, 'sdn.csv'), 'latin1').split('\r\n').slice(0, 3000);
      const ids = new Set(sdn.map((l) => l.slice(0, l.indexOf(','))));
      const alt = readFileSync(path.join(SET_2021, 'alt.csv'), 'latin1').split('\r\n').filter((l) => ids.has(l.slice(0, l.indexOf(','))));
      mkdirSync(path.join(dir, 'a'));
      mkdirSync(path.join(dir, 'b'));
      fileA.push(path.join(dir, 'a', 'sdn.csv'), path.join(dir, 'a', 'alt.csv'));
      writeFileSync(fileA[0]!, Buffer.from(sdn.join('\r\n') + '\r\n', 'latin1'));
      writeFileSync(fileA[1]!, Buffer.from(alt.join('\r\n') + '\r\n', 'latin1'));
      fileB = path.join(dir, 'b', 'sdn.csv');
      writeFileSync(fileB, Buffer.from(sdn.join('\r\n') + '\r\n', 'latin1'));
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await loc.dispose();
    });

    const screen = async (asOf?: string): Promise<ScreenResult> => {
      const r = await cli(['--json', 'screen', ALIAS, ...(asOf ? ['--as-of', asOf] : [])], where);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout) as ScreenResult;
    };

    it('an as-of screen before the forced import still finds the alias; re-importing A restores it from its date', async () => {
      const a = await cli(['import', '--format', 'ofac-sdn', ...fileA, '--date', '2021-07-01'], where);
      assert.equal(a.code, 0, a.stderr);

      const refused = await cli(['import', '--format', 'ofac-sdn', fileB, '--date', '2021-08-01'], where);
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, /aliases/);
      const forced = await cli(['import', '--format', 'ofac-sdn', fileB, '--date', '2021-08-01', '--force'], where);
      assert.equal(forced.code, 0, forced.stderr);
      // The dossier shows the dropped alias as a former name, with its dates, publications and source.
      const show = await cli(['--json', 'show', ENTITY], where);
      assert.equal(show.code, 0, show.stderr);
      const dossier = JSON.parse(show.stdout) as Dossier;
      const former = dossier.formerNames?.find((n) => n.name === ALIAS);
      assert.ok(former, 'former name in the dossier');
      assert.equal(former.from, '2021-07-01');
      assert.equal(former.to, '2021-08-01');
      assert.ok(former.sourceIds.length && former.sourceIds.every((id) => dossier.sources[id]), 'every fact with its source');
      assert.equal(dossier.entity.names.some((n) => n.name === ALIAS), false);

      assert.equal(viaAlias(await screen()), undefined, 'today the aliases are gone (B printed none)');
      const before = viaAlias(await screen('2021-07-15'));
      assert.ok(before, 'as of a date before B: the names as they stood');
      assert.equal(before.explanation.matchedNameKind, 'alias');
      assert.equal(before.designations.find((d) => d.list === 'us-ofac-sdn')?.active, true);

      const again = await cli(['import', '--format', 'ofac-sdn', ...fileA, '--date', '2021-09-01'], where);
      assert.equal(again.code, 0, again.stderr);
      assert.ok(viaAlias(await screen()), 'restored today');
      // A CLI batch dated between B and A again; rows with their own date before B and today use the names as they stood then.
      const input = path.join(dir, 'in.csv');
      const output = path.join(dir, 'out.jsonl');
      writeFileSync(input, DATED_CSV);
      const batch = await cli(['screen', '--input', input, '--output', output, '--as-of', '2021-08-15', '--workers', '1'], where);
      assert.equal(batch.code, 0, batch.stderr);
      assert.deepEqual(readFileSync(output, 'utf8').trim().split('\n').map((l) => Boolean(viaAlias(JSON.parse(l) as ScreenResult))), DATED_EXPECTED, 'CLI batch, per-row dates');

      // The API answers the same from the same store: GET /screen with as_of (the server's as-of indexes)
      // and batch jobs dated before B, between B and A again, and today (the job thread's as-of index).
      const store = await openStore(loc.opts.databaseUrl ? loc.opts : { dbDir: where.db });
      const app = await createApp({ store, today: () => TODAY });
      try {
        const versions = await store.getEntityVersions(ENTITY);
        assert.deepEqual(versions.map((v) => [v.from, v.to, v.entity.names.some((n) => n.name === ALIAS)]), [
          ['2021-07-01', '2021-08-01', true], ['2021-08-01', '2021-09-01', false], ['2021-09-01', null, true],
        ]);
        const api = async (asOf: string) => (await app.inject({ url: '/api/v1/screen', query: { q: ALIAS, as_of: asOf } })).json<ScreenResult>();
        assert.ok(viaAlias(await api('2021-07-01')), 'the day A takes effect');
        assert.equal(viaAlias(await api('2021-08-01')), undefined, 'the day B takes effect');
        assert.equal(viaAlias(await api('2021-08-31')), undefined, 'between B and A again: as B printed it');
        assert.ok(viaAlias(await api('2021-09-01')), 'the day A again takes effect');
        assert.ok(viaAlias(await api(TODAY)));
        const job = async (asOf: string) => {
          const r = await app.inject({ method: 'POST', url: `/api/v1/jobs?as_of=${asOf}`, payload: `name\n${ALIAS}\n`, headers: { 'content-type': 'text/csv' } });
          assert.equal(r.statusCode, 202, r.body);
          await app.jobs.settled();
          const lines = (await app.inject(`/api/v1/jobs/${r.json<{ id: string }>().id}/results?format=jsonl`)).body.trim().split('\n');
          return JSON.parse(lines[0]!) as ScreenResult;
        };
        const dated = await app.inject({ method: 'POST', url: '/api/v1/jobs?as_of=2021-08-15', payload: DATED_CSV, headers: { 'content-type': 'text/csv' } });
        assert.equal(dated.statusCode, 202, dated.body);
        await app.jobs.settled();
        const datedLines = (await app.inject(`/api/v1/jobs/${dated.json<{ id: string }>().id}/results?format=jsonl`)).body.trim().split('\n');
        assert.deepEqual(datedLines.map((l) => Boolean(viaAlias(JSON.parse(l) as ScreenResult))), DATED_EXPECTED, 'job, per-row dates');
        assert.ok(viaAlias(await job('2021-07-15')), 'job dated before B');
        assert.equal(viaAlias(await job('2021-08-15')), undefined, 'job dated between B and A again');
        assert.ok(viaAlias(await job(TODAY)), 'job dated today');
      } finally {
        await app.close();
        await store.close();
      }
    });
  });
}
