import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../../sources/dataset/index.js';
import { indexSourceFromDataset } from '../../app/screen/index-source.js';
import { buildIndex } from './build-index.js';
import { analyseQuery } from './query.js';
import { LATIN_WEIGHTS, NAME_KIND_DISTANCE, combine, latinFeatures, latinScore, type FeatureValue } from './score.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const index = buildIndex(indexSourceFromDataset(await loadDataset(path.join(repoRoot, 'data'))));

/** The score the full path gives: every feature built, then combined with the weights. */
function fullScore(q: Parameters<typeof latinFeatures>[0], nameId: number, part: boolean): number {
  const n = index.latinNames[nameId];
  const meta = index.snapshot.names[nameId];
  assert.ok(n && meta);
  const f: FeatureValue[] = [...latinFeatures(q, n).features];
  // The gate both paths apply: a name that explains nothing of the query scores 0.
  if (f.find((x) => x.feature === 'query_coverage')?.value === 0) return 0;
  if (!meta.verified) f.push({ feature: 'unverified_name', value: 1 });
  if (part) f.push({ feature: 'query_part', value: 1 });
  const kd = NAME_KIND_DISTANCE[meta.kind] ?? 0;
  if (kd > 0) f.push({ feature: 'name_kind', value: kd });
  return combine(LATIN_WEIGHTS, f);
}

test('latinScore equals the score of the full feature path exactly, on real names and their variants (with a threshold: exactly at or above it)', () => {
  const queries: string[] = [];
  index.snapshot.names.forEach((n, i) => {
    if (i % 7 !== 0) return;
    const t = n.text;
    const words = t.split(/\s+/);
    queries.push(t, t.toUpperCase(), words.slice(1).join(' '), [...words].reverse().join(' '), t.slice(0, 3) + t.slice(4), `${t} Beijing Branch`, `Shanghai ${t} Co Ltd`);
  });
  let pairs = 0;
  let nonZero = 0;
  let stopped = 0;
  for (const raw of queries) {
    for (const form of analyseQuery(raw, index)) {
      if (!form.latin) continue;
      // Candidates of every kind: near names (sharing a token) and unrelated ones.
      const ids = new Set<number>();
      for (const t of form.latin.tokens) for (const id of (index.tokens.get(t) ?? []).slice(0, 15)) ids.add(id);
      for (let k = 0; k < 5; k++) ids.add((raw.length * 31 + k * 977) % index.snapshot.names.length);
      for (const id of ids) {
        const n = index.latinNames[id];
        const meta = index.snapshot.names[id];
        if (!n || !meta) continue;
        const fast = latinScore(form.latin, n, !meta.verified, form.part, NAME_KIND_DISTANCE[meta.kind] ?? 0);
        const full = fullScore(form.latin, id, form.part);
        assert.equal(fast, full, `${raw} vs ${meta.text}`);
        // With a threshold, a pair may stop early below it, but never one that reaches it.
        for (const t of [0.3, 0.6, 0.8, 0.95]) {
          const cut = latinScore(form.latin, n, !meta.verified, form.part, NAME_KIND_DISTANCE[meta.kind] ?? 0, t);
          if (full >= t) assert.equal(cut, full, `${raw} vs ${meta.text} at ${t}`);
          else assert.ok(cut < t, `${raw} vs ${meta.text} at ${t}: ${cut}`);
          if (cut !== full) stopped++;
        }
        pairs++;
        if (full > 0) nonZero++;
      }
    }
  }
  assert.ok(pairs > 10_000 && nonZero > 1000 && stopped > 1000, `${pairs} pairs, ${nonZero} scoring, ${stopped} stopped early`);
});
