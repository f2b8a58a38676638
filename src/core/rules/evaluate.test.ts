import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Designation } from '../model.js';
import { obligationsFor, type ParentLink } from './evaluate.js';
import type { RuleRole } from './types.js';
import { validateRules } from './validate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Source ids the rules may cite: the dataset's sources (or, before it lands, the facts index) and rules-sources.json. */
function knownSources(): Set<string> {
  const ids = new Set<string>();
  const ds = path.join(root, 'data/sources.json');
  if (existsSync(ds)) for (const s of JSON.parse(readFileSync(ds, 'utf8')) as { id: string }[]) ids.add(s.id);
  else for (const m of readFileSync(path.join(root, '../shared/facts/lists.md'), 'utf8').matchAll(/^- \[S(\d+)\]/gm)) ids.add(`facts-S${m[1]}`);
  for (const s of JSON.parse(readFileSync(path.join(root, 'data/rules-sources.json'), 'utf8')) as { id: string }[]) ids.add(s.id);
  return ids;
}
const rules = validateRules(JSON.parse(readFileSync(path.join(root, 'data/rules.json'), 'utf8')), { knownSourceIds: knownSources() });

const des = (listId: string, from: string, to: string | null = null, entityId = 'e'): Designation => ({ entityId, listId, from, to, addedBy: `${listId}/${from}`, endedBy: to ? `${listId}/${to}` : null, printedName: entityId });

/** The status of one rule's obligation for an entity listed on `listId` from `from`, seen on `asOf`. */
function status(ruleId: string, role: RuleRole, d: Designation, asOf: string, parents?: ParentLink[]) {
  const obs = obligationsFor({ rules, role, asOf, entityId: d.entityId, designations: parents ? [] : [d], ...(parents ? { parents } : {}), includeEnded: true });
  return obs.find((o) => o.ruleId === ruleId);
}
const st = (...a: Parameters<typeof status>): string | undefined => status(...a)?.status;

test('every rule has a boundary case below, and cites known sources', () => {
  assert.ok(rules.rules.length >= 20);
  for (const r of rules.rules) assert.ok(BOUNDARIES.has(r.id), `no boundary test for ${r.id}`);
});

/** rule id → [role, listId, listed on, day before start, start day] */
const BOUNDARIES = new Map<string, [RuleRole, string, string, string, string]>([
  ['1260h-not-a-sanction', ['us-investor', 'us-dod-1260h', '2025-01-07', '2025-01-06', '2025-01-07']],
  ['1260h-805-a1a-entity', ['dod-contractor', 'us-dod-1260h', '2025-01-07', '2026-06-29', '2026-06-30']],
  ['1260h-805-a1b-goods', ['dod-contractor', 'us-dod-1260h', '2025-01-07', '2027-06-29', '2027-06-30']],
  ['1260h-lobbyist-4663', ['dod-contractor', 'us-dod-1260h', '2025-01-07', '2026-06-29', '2026-06-30']],
  ['1260h-biosecure', ['federal-contractor', 'us-dod-1260h', '2025-01-07', '2025-12-17', '2025-12-18']],
  ['ns-cmic-purchase-sale-annex', ['us-investor', 'us-treasury-ns-cmic', '2021-06-03', '2021-08-01', '2021-08-02']],
  ['ns-cmic-purchase-sale-later', ['us-investor', 'us-treasury-ns-cmic', '2021-12-16', '2022-02-13', '2022-02-14']],
  ['ns-cmic-divestment-annex', ['us-investor', 'us-treasury-ns-cmic', '2021-06-03', '2021-06-02', '2021-06-03']],
  ['ns-cmic-divestment-later', ['us-investor', 'us-treasury-ns-cmic', '2021-12-16', '2021-12-15', '2021-12-16']],
  ['1237-eo13959-initial', ['us-investor', 'us-dod-1237', '2020-06-24', '2021-01-10', '2021-01-11']],
  ['1237-eo13959-later', ['us-investor', 'us-dod-1237', '2021-01-14', '2021-03-14', '2021-03-15']],
  ['entity-list-licence', ['exporter', 'us-bis-entity-list', '2024-05-09', '2024-05-08', '2024-05-09']],
  ['entity-list-affiliates-2025', ['exporter', 'us-bis-entity-list', '2024-05-09', '2025-09-28', '2025-09-29']],
  ['entity-list-affiliates-after-suspension', ['exporter', 'us-bis-entity-list', '2024-05-09', '2026-11-09', '2026-11-10']],
  ['entity-list-affiliates-not-covered', ['exporter', 'us-bis-entity-list', '2019-05-21', '2019-05-20', '2019-05-21']],
  ['entity-list-entry-terms', ['exporter', 'us-bis-entity-list', '2020-12-22', '2020-12-21', '2020-12-22']],
  ['entity-list-removal-request', ['exporter', 'us-bis-entity-list', '2021-11-26', '2021-11-25', '2021-11-26']],
  ['uflpa-rebuttable-presumption', ['importer', 'us-dhs-uflpa', '2024-05-17', '2024-05-16', '2024-05-17']],
  ['uflpa-removal-request', ['importer', 'us-dhs-uflpa', '2022-06-21', '2022-06-20', '2022-06-21']],
  ['sdn-blocking', ['exporter', 'us-ofac-sdn', '2024-05-01', '2024-04-30', '2024-05-01']],
  ['fcc-usf', ['federal-contractor', 'us-fcc-covered', '2021-03-12', '2021-03-11', '2021-03-12']],
  ['fcc-equipment-authorization', ['exporter', 'us-fcc-covered', '2021-03-12', '2022-11-10', '2022-11-11']],
  ['ndaa-889-a1a', ['federal-contractor', 'us-ndaa-889', '2018-08-13', '2019-08-12', '2019-08-13']],
  ['ndaa-889-a1b', ['federal-contractor', 'us-ndaa-889', '2018-08-13', '2020-08-12', '2020-08-13']],
  ['ndaa-5949', ['dod-contractor', 'us-ndaa-5949', '2022-12-23', '2027-12-22', '2027-12-23']],
  ['ndaa-154-batteries', ['dod-contractor', 'us-ndaa-154', '2023-12-22', '2027-09-30', '2027-10-01']],
]);

for (const [ruleId, [role, listId, listed, before, start]] of BOUNDARIES) {
  test(`rule ${ruleId}: not in force the day before ${start}, in force on it`, () => {
    const d = des(listId, listed);
    const b = st(ruleId, role, d, before);
    assert.ok(b === undefined || b === 'coming', `${ruleId} on ${before}: ${b}`);
    assert.equal(st(ruleId, role, d, start), 'in-force');
    const rule = rules.rules.find((r) => r.id === ruleId)!;
    const o = status(ruleId, role, d, start)!;
    assert.equal(o.verified, rule.verified);
    assert.equal(o.citation, rule.citation);
    if (!rule.verified) assert.ok(o.note, 'an unverified obligation carries its note');
  });
}

test('windows end on their last day: divestment, the affiliates rule, the end of the 1237 list', () => {
  assert.equal(st('ns-cmic-divestment-annex', 'us-investor', des('us-treasury-ns-cmic', '2021-06-03'), '2022-06-02'), 'in-force');
  assert.equal(st('ns-cmic-divestment-annex', 'us-investor', des('us-treasury-ns-cmic', '2021-06-03'), '2022-06-03'), 'ended');
  assert.equal(st('ns-cmic-divestment-later', 'us-investor', des('us-treasury-ns-cmic', '2021-12-16'), '2022-12-15'), 'in-force');
  assert.equal(st('ns-cmic-divestment-later', 'us-investor', des('us-treasury-ns-cmic', '2021-12-16'), '2022-12-16'), 'ended');
  const parent: ParentLink = { parentId: 'p', parentName: 'Parent', path: ['e', 'p'], designations: [des('us-bis-entity-list', '2024-05-09', null, 'p')] };
  assert.equal(st('entity-list-affiliates-2025', 'exporter', des('x', '2000-01-01'), '2025-11-09', [parent]), 'in-force');
  assert.equal(st('entity-list-affiliates-2025', 'exporter', des('x', '2000-01-01'), '2025-11-10', [parent]), 'ended');
  const d = des('us-dod-1237', '2020-06-24', '2021-06-03');
  assert.equal(st('1237-eo13959-initial', 'us-investor', d, '2021-06-02'), 'in-force');
  assert.equal(st('1237-eo13959-initial', 'us-investor', d, '2021-06-03'), 'ended');
  assert.equal(obligationsFor({ rules, role: 'us-investor', asOf: '2021-06-03', entityId: 'e', designations: [d] }).length, 0, 'ended obligations are left out by default');
});

test('annex-only and later-only rules do not cross', () => {
  assert.equal(st('ns-cmic-purchase-sale-later', 'us-investor', des('us-treasury-ns-cmic', '2021-06-03'), '2021-09-01'), undefined);
  assert.equal(st('ns-cmic-purchase-sale-annex', 'us-investor', des('us-treasury-ns-cmic', '2021-12-16'), '2022-09-01'), undefined);
});

test('court orders: Xiaomi and Luokung never came under the EO 13959 ban', () => {
  const x = des('us-dod-1237', '2021-01-14', '2021-05-25', 'xiaomi');
  assert.equal(st('1237-eo13959-later', 'us-investor', x, '2021-02-01'), 'coming');
  const after = status('1237-eo13959-later', 'us-investor', x, '2021-03-15')!;
  assert.equal(after.status, 'ended');
  assert.match(after.note ?? '', /never took effect/);
  assert.ok(after.sourceIds.includes('facts-S27'));
  const l = des('us-dod-1237', '2021-01-14', '2021-06-03', 'luokung-technology');
  assert.equal(status('1237-eo13959-later', 'us-investor', l, '2021-04-01')?.effectiveFrom, '2021-05-08');
  assert.equal(st('1237-eo13959-later', 'us-investor', l, '2021-05-05'), 'ended');
});

test('reach: §805 covers controlled entities, NS-CMIC does not (no 50 % rule), SDN with an ownership caution', () => {
  const via = (listId: string): ParentLink[] => [{ parentId: 'p', parentName: 'Parent Group', path: ['e', 'p'], designations: [des(listId, '2025-01-07', null, 'p')] }];
  const o = status('1260h-805-a1a-entity', 'dod-contractor', des('x', '2000-01-01'), '2026-07-01', via('us-dod-1260h'))!;
  assert.equal(o.status, 'in-force');
  assert.deepEqual(o.via, { parentId: 'p', parentName: 'Parent Group', path: ['e', 'p'] });
  assert.equal(status('1260h-lobbyist-4663', 'dod-contractor', des('x', '2000-01-01'), '2026-07-01', via('us-dod-1260h')), undefined);
  assert.equal(status('ns-cmic-purchase-sale-annex', 'us-investor', des('x', '2000-01-01'), '2022-01-01', [{ ...via('us-treasury-ns-cmic')[0]!, designations: [des('us-treasury-ns-cmic', '2021-06-03', null, 'p')] }]), undefined);
  assert.match(status('sdn-blocking', 'us-investor', des('x', '2000-01-01'), '2026-01-01', via('us-ofac-sdn'))?.note ?? '', /50 %/);
});

test('a listing not yet known on asOf creates no obligation; roles filter', () => {
  assert.equal(obligationsFor({ rules, role: 'dod-contractor', asOf: '2026-01-15', entityId: 'e', designations: [des('us-dod-1260h', '2026-06-08')] }).length, 0);
  assert.equal(st('1260h-805-a1a-entity', 'us-investor', des('us-dod-1260h', '2025-01-07'), '2026-07-01'), undefined);
});

test('validation names the field that is wrong', () => {
  assert.throws(() => validateRules({ rules: [{ id: 'x' }] }), /rules\[0\]\.roles/);
  const bad = { rules: [{ ...rules.rules[0], verified: false, note: undefined }] };
  assert.throws(() => validateRules(bad), /rules\[0\]\.note/);
  assert.throws(() => validateRules({ rules: [rules.rules[0]] }, { knownSourceIds: new Set() }), /unknown source/);
});
