import * as OpenCC from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';
import { PLACES_PINYIN, PLACES_ZH } from './places.js';

// Traditional (Taiwan/HK standard and generic) → mainland simplified, via OpenCC's dictionaries.
const t2s = OpenCC.Converter({ from: 't', to: 'cn' });

/** Converts traditional Chinese characters to simplified (中國電信 → 中国电信); other text passes through. */
export function toSimplified(s: string): string {
  return t2s(s);
}

/**
 * Toneless pinyin syllables of a Han string, one per character, from pinyin-pro's
 * context-aware reading (重庆 → chong qing, 长鑫 → chang xin). Non-Han characters are dropped.
 */
export function toPinyin(han: string): string[] {
  if (han.length === 0) return [];
  return pinyin(han, { toneType: 'none', type: 'array', nonZh: 'removed' }).filter((s) => s.length > 0);
}

/**
 * Chinese legal-form and structure suffixes, longest first. Like the English legal forms
 * they are not identity: 腾讯控股有限公司 and 腾讯 name one company.
 */
export const LEGAL_FORMS_ZH: readonly string[] = [
  '股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '集团公司', '总公司', '分公司', '办事处', '公司',
  '集团', '控股', '股份',
];

/** Pinyin of the Chinese legal forms (derived), to strip them from a pinyin query ("jituan", "gufen"). */
export const LEGAL_FORMS_PINYIN: readonly (readonly string[])[] = LEGAL_FORMS_ZH.map((f) => toPinyin(f));

/** Removes Chinese legal-form suffixes from the end, repeatedly (…集团股份有限公司 → …). Returns the core and what it removed. */
export function stripLegalZh(han: string): { core: string; removed: string[] } {
  const removed: string[] = [];
  let core = han;
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of LEGAL_FORMS_ZH) {
      if (core.length > f.length && core.endsWith(f)) {
        core = core.slice(0, -f.length);
        removed.unshift(f);
        changed = true;
        break;
      }
    }
  }
  return { core, removed };
}

const PLACES_BY_LENGTH = [...PLACES_ZH].sort((a, b) => b.length - a.length);

/**
 * Removes one leading place name (杭州宇树科技 → 宇树科技), with the 市/省 that may follow it
 * (深圳市大疆创新科技 → 大疆创新科技), keeping at least two characters.
 */
export function stripPlaceZh(han: string): { core: string; place: string | null } {
  for (const p of PLACES_BY_LENGTH) {
    if (han.startsWith(p) && han.length - p.length >= 2) {
      const unit = han[p.length] === '市' || han[p.length] === '省' ? 1 : 0;
      const cut = han.length - p.length - unit >= 2 ? p.length + unit : p.length;
      return { core: han.slice(cut), place: han.slice(0, cut) };
    }
  }
  return { core: han, place: null };
}

/** Removes a trailing branch marker with the place before it (…北京分公司 → …). */
export function stripBranchZh(han: string): { core: string; branch: string | null } {
  const m = /(.{0,4}?)(分公司|办事处|代表处|分部)$/u.exec(han);
  if (!m || m.index < 2) return { core: han, branch: null };
  const place = PLACES_ZH.find((p) => m[1] === p || (m[1] ?? '').endsWith(p));
  const cut = place ? m.index + (m[1] ?? '').length - place.length : m.index + (m[1] ?? '').length;
  return { core: han.slice(0, cut), branch: han.slice(cut) };
}

function startsWithSeq(a: readonly string[], b: readonly string[]): boolean {
  if (b.length > a.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function endsWithSeq(a: readonly string[], b: readonly string[]): boolean {
  if (b.length > a.length) return false;
  const off = a.length - b.length;
  for (let i = 0; i < b.length; i++) if (a[off + i] !== b[i]) return false;
  return true;
}

const LEGAL_PINYIN_BY_LENGTH = [...LEGAL_FORMS_PINYIN].sort((a, b) => b.length - a.length);
const PLACES_PINYIN_BY_LENGTH = [...PLACES_PINYIN].sort((a, b) => b.length - a.length);

/** Strips legal-form syllables from the end of a syllable sequence ("… ji tuan" → "…"). */
export function stripLegalPinyin(syl: readonly string[]): { core: string[]; removed: string[] } {
  let core = [...syl];
  const removed: string[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of LEGAL_PINYIN_BY_LENGTH) {
      if (core.length > f.length && endsWithSeq(core, f)) {
        core = core.slice(0, core.length - f.length);
        removed.unshift(f.join(''));
        changed = true;
        break;
      }
    }
  }
  return { core, removed };
}

/** Strips one leading place from a syllable sequence, keeping at least two syllables. */
export function stripPlacePinyin(syl: readonly string[]): { core: string[]; place: string | null } {
  for (const p of PLACES_PINYIN_BY_LENGTH) {
    if (syl.length - p.length >= 2 && startsWithSeq(syl, p)) return { core: syl.slice(p.length), place: p.join('') };
  }
  return { core: [...syl], place: null };
}
