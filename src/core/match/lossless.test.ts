/**
 * The index never loses a hit: for random and perturbed queries at random thresholds, the
 * entities (and scores) `matchQuery` returns through its candidate search are exactly those of
 * `matchQueryBruteForce`, which scores every listed name. Property-based (fast-check), on the
 * real bundled index and on small random indexes whose names share many words (so that
 * candidates compete, common postings are skipped and typo neighbours abound).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { loadDataset } from '../../sources/dataset/index.js';
import { indexSourceFromDataset } from '../../app/screen/index-source.js';
import { buildIndex, type IndexSource } from './build-index.js';
import { matchQuery, matchQueryBruteForce } from './match.js';
import { analyseQuery } from './query.js';
import { latinCandidates } from './candidates.js';
import type { ScreenIndex } from './types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bundled = buildIndex(indexSourceFromDataset(await loadDataset(path.join(repoRoot, 'data'))));

function same(index: ScreenIndex, q: string, t: number): void {
  const got = matchQuery(index, q, t).map((m) => `${m.entity}:${m.score}`);
  const want = matchQueryBruteForce(index, q, t).map((m) => `${m.entity}:${m.score}`);
  assert.deepEqual(got, want, `query ${JSON.stringify(q)} at ${t}`);
}

/** Perturbations of a name, as users and files make them. */
const perturb = (name: string): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        fc.record({ op: fc.constant('del'), at: fc.nat() }),
        fc.record({ op: fc.constant('swap'), at: fc.nat() }),
        fc.record({ op: fc.constant('sub'), at: fc.nat(), ch: fc.constantFrom('a', 'e', 'x', 'n', ' ', '.', '中') }),
        fc.record({ op: fc.constant('dropWord'), at: fc.nat() }),
        fc.record({ op: fc.constant('joinWords'), at: fc.nat() }),
        fc.record({ op: fc.constant('cutWord'), at: fc.nat() }),
        fc.record({ op: fc.constant('splitWord'), at: fc.nat() }),
        fc.record({ op: fc.constant('suffix'), ch: fc.constantFrom(' Co., Ltd.', ' Corp', ' GmbH', ' Holdings', ' Beijing', ' Limited Liability Company', ' (Shenzhen)', '; ACME') }),
        fc.record({ op: fc.constant('upper') }),
      ),
      { maxLength: 4 },
    )
    .map((ops) => {
      let s = name;
      for (const o of ops) {
        const at = 'at' in o ? (o.at as number) % Math.max(1, s.length) : 0;
        const words = s.split(' ');
        const w = 'at' in o ? (o.at as number) % Math.max(1, words.length) : 0;
        if (o.op === 'del') s = s.slice(0, at) + s.slice(at + 1);
        else if (o.op === 'swap') s = s.slice(0, at) + (s[at + 1] ?? '') + (s[at] ?? '') + s.slice(at + 2);
        else if (o.op === 'sub') s = s.slice(0, at) + ('ch' in o ? o.ch : '') + s.slice(at + 1);
        else if (o.op === 'dropWord' && words.length > 1) s = words.filter((_, i) => i !== w).join(' ');
        else if (o.op === 'joinWords' && w + 1 < words.length) s = [...words.slice(0, w), (words[w] ?? '') + (words[w + 1] ?? ''), ...words.slice(w + 2)].join(' ');
        else if (o.op === 'cutWord') s = words.map((x, i) => (i === w && x.length > 4 ? x.slice(0, 3 + (at % (x.length - 3))) : x)).join(' ');
        else if (o.op === 'splitWord') s = s.slice(0, at) + ' ' + s.slice(at);
        else if (o.op === 'suffix') s += 'ch' in o ? o.ch : '';
        else if (o.op === 'upper') s = s.toUpperCase();
      }
      return s.trim().length ? s : name;
    });

const threshold = fc.constantFrom(0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95).chain((t) => fc.oneof(fc.constant(t), fc.double({ min: 0.3, max: 0.99, noNaN: true })));

test('bundled index: perturbed listed names give exactly the brute-force answers, at any threshold', () => {
  const names = bundled.snapshot.names.map((n) => n.text);
  fc.assert(
    fc.property(
      fc.nat({ max: names.length - 1 }).chain((i) => perturb(names[i] ?? '')),
      threshold,
      (q, t) => same(bundled, q, t),
    ),
    { numRuns: 400, seed: 8 },
  );
});

test('bundled index: perturbed pinyin of listed Chinese names gives exactly the brute-force answers', () => {
  const pinyins = bundled.snapshot.names.flatMap((n) => (n.han && n.han.pinyin.length ? [n.han.pinyin] : []));
  assert.ok(pinyins.length > 50);
  fc.assert(
    fc.property(
      fc.nat({ max: pinyins.length - 1 }).chain((i) => fc.tuple(fc.constant(pinyins[i] ?? []), fc.boolean())).chain(([syl, spaced]) => perturb(syl.join(spaced ? ' ' : ''))),
      threshold,
      (q, t) => same(bundled, q, t),
    ),
    { numRuns: 400, seed: 888 },
  );
});

test('bundled index: random word salads and pinyin give exactly the brute-force answers', () => {
  const words = [...new Set(bundled.snapshot.names.flatMap((n) => n.text.split(/\s+/)))];
  const syllables = [...bundled.syllables];
  fc.assert(
    fc.property(
      fc.oneof(
        fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
        fc.array(fc.constantFrom(...syllables), { minLength: 2, maxLength: 6 }).map((w) => w.join('')),
        fc.string({ minLength: 1, maxLength: 20 }),
      ),
      threshold,
      (q, t) => same(bundled, q, t),
    ),
    { numRuns: 300, seed: 88 },
  );
});

/** A random index: entities named from a small vocabulary, so that names overlap heavily. */
function randomIndex(names: string[][]): ScreenIndex {
  const src: IndexSource = {
    entities: names.map((ns, i) => ({ id: `e${i}`, name: ns[0] ?? `e${i}`, type: 'organization' as const, names: ns.slice(1).map((n) => ({ name: n, kind: 'alias' as const, verified: true, sourceIds: [] })), identifiers: [] })),
    designations: [],
    publications: [],
    lists: [],
  };
  return buildIndex(src);
}

const VOCAB = ['acme', 'acne', 'alpha', 'alpah', 'beta', 'china', 'chima', 'technology', 'technologies', 'tech', 'group', 'holdings', 'co', 'ltd', 'limited', 'gmbh', 'shenzhen', 'huawei', 'hauwei', 'aerocaribbean', 'aerocarribean', 'van', 'der', 'bilt', 'vanderbilt', 'precision', 'prec', 'elec', 'electric', 'nuclear', 'power', 'a', 'b', 'c', '腾讯', '控股', '有限公司', '华为', 'zhongxing', 'jsc', 'jscargument', 'argument', 'siemensag', 'siemens', 'ag', 'vanderbilt', 'bilt'];

test('random indexes: perturbed names of the index give exactly the brute-force answers', () => {
  const name = fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
  fc.assert(
    fc.property(
      fc.array(fc.array(name, { minLength: 1, maxLength: 3 }), { minLength: 3, maxLength: 60 }).chain((ents) => {
        const all = ents.flat();
        return fc.tuple(fc.constant(ents), fc.oneof(fc.constantFrom(...all).chain(perturb), name), threshold);
      }),
      ([ents, q, t]) => same(randomIndex(ents), q, t),
    ),
    { numRuns: 300, seed: 808 },
  );
});

test('a huge query (100,000 characters, one word or many, Latin or Chinese) is answered with bounded work', () => {
  const words = bundled.snapshot.names.map((n) => n.text);
  const many = Array.from({ length: 20_000 }, (_, i) => words[i % words.length]).join(' ').slice(0, 100_000);
  for (const q of ['a'.repeat(100_000), 'x'.repeat(100_000) + ' Tencent', many, '腾讯控股'.repeat(25_000), `Tencent Holdings ${'zhong'.repeat(20_000)}`]) {
    assert.equal(q.length >= 100_000, true);
    const got = matchQuery(bundled, q, 0.8);
    // Only the first MAX_QUERY_CHARS characters are read: the answer is theirs.
    assert.deepEqual(got.map((m) => m.entity), matchQuery(bundled, q.slice(0, 1000), 0.8).map((m) => m.entity));
  }
});

test('named cases of the candidate search: a legal form joined to a name word, a three-word join', () => {
  const index = randomIndex([['JSCARGUMENT'], ['SiemensAG'], ['Argument Ltd'], ['Van der Bilt Corp'], ['Siemens']]);
  for (const q of ['JSC ARGUMENT', 'Siemens AG', 'vanderbilt corp', 'Argument']) for (const t of [0.5, 0.8, 0.9]) same(index, q, t);
  assert.ok(matchQuery(index, 'JSC ARGUMENT', 0.8).some((m) => m.entity === 0));
});

test('named cases of the name-side bound: a name the query explains little of is no candidate, a brand still is', () => {
  const index = randomIndex([['Anhui Sun Create Electronics Research Development Holdings Co Ltd'], ['Sun Create Trading'], ['Acme Trading'], ['Blue Trading'], ['Atlas Trading'], ['Orion Trading'], ['Quectel Wireless Solutions Co Ltd']]);
  const qs = ['Sun Create Trading', 'Sun Create', 'Quectel', 'Anhui Sun Create Trading', 'Sun Creat Electronic Trading'];
  for (const q of qs) for (const t of [0.3, 0.5, 0.8, 0.9]) same(index, q, t);
  const form = analyseQuery('Sun Create Trading', index)[0];
  assert.ok(form);
  // The long name holds the query's two rare words, which the query-side cut-off alone lets
  // through (checked without the bound), but the query explains little of it.
  const found = latinCandidates(form, index, 0.8);
  assert.ok(found.includes(1) && !found.includes(0), `candidates ${found.join(',')}`);
  assert.ok(matchQuery(index, 'Sun Create', 0.8).some((m) => m.entity === 0), 'the distinctive part of the long name still finds it');
  assert.ok(matchQuery(index, 'Quectel', 0.8).some((m) => m.entity === 6), 'a brand is still found');
});

test('named cases of the one-word spelling rule: found through its keys exactly as by scoring every name', () => {
  const index = randomIndex([['CVS Health Corporation'], ['Hon Hai Precision Industry Co Ltd'], ['China North Industries Group Corporation'], ['Health Corporation CVS'], ['CVS Health Corporation Holdings']]);
  for (const q of ['CVC Health Corporation', 'CVS Heelth Corporation', 'Hon Wai Precision Industry Co Ltd', 'China Nort Industries Group Corporation', 'China Ntrh Industries Group Corporation', 'Health Corporation CVX']) {
    for (const t of [0.5, 0.8, 0.9, 0.95]) same(index, q, t);
  }
  assert.ok(matchQuery(index, 'CVC Health Corporation', 0.8).some((m) => m.entity === 0));
  assert.ok(matchQuery(index, 'Health Corporation CVX', 0.8).some((m) => m.entity === 3));
});

test('an index holding a 100,000-character name builds, and its other names still match', () => {
  const long = 'Q'.repeat(100_000);
  const index = randomIndex([[long], ['Acme Precision Technology Co Ltd'], [`Beta ${'zhongxing'.repeat(10_000)}`]]);
  assert.equal(matchQuery(index, 'ACME PRECISION TECH', 0.8)[0]?.entity, 1);
  assert.deepEqual(matchQuery(index, 'Q'.repeat(1000), 0.8), []);
});
