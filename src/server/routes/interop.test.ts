// Interop over real HTTP (in process): yente-shaped /match requests (as yente's own tests send them),
// OpenRefine reconciliation, and the FollowTheMoney export.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Entity } from '../../core/model.js';
import { pgliteLocation } from '../../store/testing.js';
import { serverFixture } from '../test-support/app.js';
import type { ServerFixture } from '../test-support/app.js';

type Result = { id: string; caption: string; schema: string; properties: Record<string, string[]>; datasets: string[]; score: number; match: boolean; features: Record<string, number> };
type MatchBody = { responses: Record<string, { status: number; results: Result[]; total: { value: number }; query: { id?: string; schema: string; properties: Record<string, string[]> } }> };

const DOD = 'us-dod-1260h';

describe('interop: yente /match, reconciliation, FtM export', () => {
  let fx: ServerFixture;
  let app: FastifyInstance;
  let listed: Entity;

  before(async () => {
    fx = await serverFixture({ name: 'pglite', location: pgliteLocation });
    app = await fx.app();
    const des = (await fx.store.getDesignations({ listId: DOD })).filter((d) => d.to === null);
    const entities = await fx.store.getEntities(des.map((d) => d.entityId));
    listed = entities.find((e) => e.identifiers.length > 0 && e.type === 'organization') ?? entities[0]!;
  });
  after(async () => {
    await app?.close();
    await fx?.dispose();
  });

  test('POST /match/default answers yente-shaped queries, one response per key', async () => {
    // Shaped like yente's tests: several keys, name as a list, country as a bare string, an id passed through.
    const q = { schema: 'Company', properties: { name: [listed.name], country: listed.country ?? 'cn' } };
    const r = await app.inject({ method: 'POST', url: '/match/default', payload: { queries: { vv: q, xx: { ...q, id: 'my-id' }, zz: { schema: 'LegalEntity', properties: { name: 'Zzyzx Bakery of Ohio' } } } } });
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json<MatchBody>();
    assert.deepEqual(Object.keys(body.responses).sort(), ['vv', 'xx', 'zz']);
    const vv = body.responses['vv']!;
    assert.equal(vv.query.schema, 'Company');
    assert.deepEqual(vv.query.properties['country'], [(listed.country ?? 'cn').toLowerCase()]);
    const top = vv.results[0]!;
    assert.equal(top.id, listed.id);
    assert.equal(top.caption, listed.name);
    assert.equal(top.schema, 'Company');
    assert.ok(top.properties['name']!.includes(listed.name));
    assert.ok(top.datasets.includes(DOD));
    assert.equal(top.match, true);
    assert.ok(top.score > 0.8 && top.score <= 1);
    assert.ok(Object.keys(top.features).length > 0 && Object.values(top.features).every((v) => typeof v === 'number'));
    assert.equal(body.responses['xx']!.query.id, 'my-id');
    assert.equal(body.responses['zz']!.results.filter((x) => x.match).length, 0, 'an unknown bakery matches nothing');
  });

  test('a person query does not return companies; a list dataset restricts; a wrong country lowers the score', async () => {
    const asPerson = await app.inject({ method: 'POST', url: '/match/default', payload: { queries: { p: { schema: 'Person', properties: { name: [listed.name] } } } } });
    assert.ok(asPerson.json<MatchBody>().responses['p']!.results.every((x) => x.schema === 'Person'));
    const onList = await app.inject({ method: 'POST', url: `/match/${DOD}`, payload: { queries: { a: { schema: 'Company', properties: { name: [listed.name] } } } } });
    assert.ok(onList.json<MatchBody>().responses['a']!.results.every((x) => x.datasets.includes(DOD)));
    if (listed.country) {
      const wrong = await app.inject({ method: 'POST', url: '/match/default', payload: { queries: { a: { schema: 'Company', properties: { name: [listed.name], country: ['zz'] } } } } });
      const right = await app.inject({ method: 'POST', url: '/match/default', payload: { queries: { a: { schema: 'Company', properties: { name: [listed.name], country: [listed.country] } } } } });
      const w = wrong.json<MatchBody>().responses['a']!.results.find((x) => x.id === listed.id);
      const ok = right.json<MatchBody>().responses['a']!.results.find((x) => x.id === listed.id)!;
      assert.ok(!w || (w.score < ok.score && w.features['country_mismatch'] === 1));
    }
  });

  test('a registration number equal to the entity’s identifier raises the score', async () => {
    const id = listed.identifiers[0];
    if (!id) return;
    const r = await app.inject({ method: 'POST', url: '/match/default', payload: { queries: { a: { schema: 'Company', properties: { name: [listed.name], registrationNumber: [id.value] } } } } });
    const top = r.json<MatchBody>().responses['a']!.results.find((x) => x.id === listed.id)!;
    assert.equal(top.features['identifier_match'], 1);
    assert.ok(top.score >= 0.95);
  });

  test('bad queries are refused naming the problem; an unknown dataset is 404', async () => {
    const noSchema = await app.inject({ method: 'POST', url: '/match/default', payload: { queries: { fail: { properties: { name: 'Banana' } } } } });
    assert.equal(noSchema.statusCode, 400);
    assert.match(noSchema.json<{ error: { message: string } }>().error.message, /queries\.fail\.schema/);
    const badSchema = await app.inject({ method: 'POST', url: '/match/default', payload: { queries: { fail: { schema: 'xxx', properties: { name: 'Banana' } } } } });
    assert.equal(badSchema.statusCode, 400);
    const noName = await app.inject({ method: 'POST', url: '/match/default', payload: { queries: { fail: { schema: 'Company', properties: {} } } } });
    assert.equal(noName.statusCode, 400);
    const unknown = await app.inject({ method: 'POST', url: '/match/no-such-list', payload: { queries: {} } });
    assert.equal(unknown.statusCode, 404);
  });

  test('OpenRefine reconciliation: manifest, form-posted queries, invalid query', async () => {
    const m = await app.inject('/reconcile/default');
    assert.equal(m.statusCode, 200);
    const manifest = m.json<{ versions: string[]; identifierSpace: string; schemaSpace: string; defaultTypes: { id: string }[]; view: { url: string } }>();
    assert.ok(manifest.versions.includes('0.2'));
    assert.ok(manifest.identifierSpace.startsWith('http'));
    assert.ok(manifest.defaultTypes.some((t) => t.id === 'Company'));
    assert.match(manifest.view.url, /\{\{id\}\}/);
    const queries = JSON.stringify({ q0: { query: listed.name, type: 'Company' }, q1: { query: 'Zzyzx Bakery of Ohio' } });
    const r = await app.inject({ method: 'POST', url: '/reconcile/default', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ queries }).toString() });
    assert.equal(r.statusCode, 200, r.body);
    const res = r.json<Record<string, { result: { id: string; name: string; score: number; match: boolean; type: { id: string }[] }[] }>>();
    assert.equal(res['q0']!.result[0]!.id, listed.id);
    assert.equal(res['q0']!.result[0]!.match, true);
    assert.ok(res['q1']!.result.every((x) => !x.match));
    const viaGet = await app.inject({ url: `/reconcile/default?queries=${encodeURIComponent(queries)}` });
    assert.equal(viaGet.json<typeof res>()['q0']!.result[0]!.id, listed.id);
    const bad = await app.inject({ method: 'POST', url: '/reconcile/default', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ queries: JSON.stringify({ mutti: { query: 37473874 } }) }).toString() });
    assert.equal(bad.statusCode, 400);
  });

  test('FtM export: entities, sanctions with dates and sources, ownership links, all consistent with the record', async () => {
    const r = await app.inject('/api/v1/export/ftm?as_of=2026-11-21');
    assert.equal(r.statusCode, 200);
    assert.match(r.headers['content-type'] as string, /ndjson/);
    const lines = r.body.trim().split('\n').map((l) => JSON.parse(l) as { id: string; schema: string; properties: Record<string, string[]> });
    const ids = new Set(lines.map((l) => l.id));
    assert.equal(ids.size, lines.length, 'ids are unique');
    const sanctions = lines.filter((l) => l.schema === 'Sanction');
    const designations = await fx.store.getDesignations();
    assert.equal(sanctions.length, designations.length, 'one Sanction per designation');
    for (const s of sanctions) {
      assert.ok(ids.has(s.properties['entity']![0]!), 'the sanctioned entity is exported');
      assert.match(s.properties['startDate']![0]!, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(s.properties['programId']?.length);
    }
    assert.ok(sanctions.some((s) => s.properties['endDate']?.length), 'ended designations carry an end date');
    assert.ok(sanctions.filter((s) => s.properties['sourceUrl']?.length).length > sanctions.length / 2, 'sanctions cite their sources');
    const mine = lines.find((l) => l.id === listed.id)!;
    assert.deepEqual(mine.properties['topics'], ['sanction']);
    const relations = await fx.store.getRelations();
    const owns = lines.filter((l) => l.schema === 'Ownership');
    if (relations.length) assert.ok(owns.length > 0 && owns.every((o) => ids.has(o.properties['owner']![0]!) && ids.has(o.properties['asset']![0]!)));
  });
});
