/**
 * Generated names for the throughput benchmark: company and person names of the kinds a
 * supplier file or cap table holds (Chinese-style pinyin companies, Western companies, people
 * in both orders, some Chinese script), plus planted variants (case, suffix swap, typo) of
 * listed names. Deterministic: a seeded PRNG, so every run screens the same names.
 */

import { prng } from '../src/test-support/prng.js';

const PLACES = ['Shenzhen', 'Hangzhou', 'Shanghai', 'Beijing', 'Guangzhou', 'Suzhou', 'Ningbo', 'Wuxi', 'Chengdu', 'Wuhan', 'Xiamen', 'Dongguan', 'Foshan', 'Tianjin', 'Qingdao', 'Jinan', 'Hefei', 'Changsha'];
const SYLLABLES = ['hua', 'xin', 'tai', 'long', 'feng', 'sheng', 'kang', 'rui', 'jia', 'hong', 'da', 'tong', 'yuan', 'mei', 'bao', 'li', 'heng', 'xing', 'guang', 'ming', 'jin', 'an', 'de', 'fu', 'chang', 'wei', 'yi', 'zhong', 'tian', 'hai'];
const INDUSTRY = ['Electronics', 'Technology', 'Precision Machinery', 'Trading', 'Textile', 'Plastics', 'Logistics', 'Chemical', 'Optical', 'Packaging', 'Hardware', 'New Materials', 'Medical Devices', 'Furniture', 'Auto Parts', 'Lighting', 'Software', 'Import and Export', 'Industrial', 'Semiconductor Equipment'];
const SUFFIX = ['Co., Ltd.', 'Co. Ltd', 'Company Limited', 'Limited', 'Inc.', 'Corp.', 'Group Co., Ltd.', 'Holdings Limited', 'LLC', 'GmbH', 'Pte. Ltd.'];
const WEST = ['Acme', 'Northwind', 'Blue River', 'Summit', 'Pioneer', 'Atlas', 'Granite', 'Harbor', 'Silverline', 'Keystone', 'Evergreen', 'Redwood', 'Falcon', 'Orion', 'Meridian', 'Crescent', 'Vertex', 'Liberty', 'Sterling', 'Cascade'];
const WEST2 = ['Industries', 'Supply', 'Components', 'Systems', 'Partners', 'Capital', 'Foods', 'Metals', 'Labs', 'Dynamics', 'Solutions', 'Manufacturing', 'Distribution', 'Energy'];
const FIRST = ['James', 'Maria', 'Wei', 'Li', 'Anna', 'John', 'Mohammed', 'Olga', 'Carlos', 'Yuki', 'Peter', 'Fatima', 'David', 'Elena', 'Jun', 'Sarah', 'Ahmed', 'Ivan', 'Lucia', 'Hiroshi'];
const LAST = ['Smith', 'Zhang', 'Wang', 'Garcia', 'Ivanov', 'Müller', 'Chen', 'Kim', 'Rossi', 'Novak', 'Silva', 'Liu', 'Khan', 'Tanaka', 'Brown', 'Schmidt', 'Nguyen', 'Lopez', 'Petrov', 'Huang'];
const ZH = ['华', '鑫', '泰', '龙', '丰', '盛', '康', '瑞', '嘉', '宏', '达', '通', '源', '美', '宝', '利', '恒', '星', '光', '明'];
const ZH_IND = ['电子', '科技', '精密机械', '贸易', '纺织', '塑料', '物流', '化工', '光学', '包装'];
const ZH_SUFFIX = ['有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];

function pick<T>(r: () => number, a: readonly T[]): T {
  return a[Math.floor(r() * a.length)] as T;
}

function typo(r: () => number, s: string): string {
  const i = 1 + Math.floor(r() * Math.max(1, s.length - 2));
  const k = r();
  if (k < 0.33) return s.slice(0, i) + s.slice(i + 1); // deletion
  if (k < 0.66) return s.slice(0, i) + (s[i + 1] ?? '') + (s[i] ?? '') + s.slice(i + 2); // swap
  return s.slice(0, i) + 'x' + s.slice(i + 1); // substitution
}

/** A planted variant of a listed name: upper case, a swapped legal suffix, or a typo. */
export function variant(r: () => number, listed: string): string {
  const k = r();
  if (k < 0.33) return listed.toUpperCase().replace(/[.,]/g, ' ');
  if (k < 0.66) return listed.replace(/\b(Co\.?,? Ltd\.?|Company Limited|Limited|Corporation|Inc\.?)$/i, pick(r, SUFFIX));
  return typo(r, listed);
}

/**
 * `n` names: about 45 % pinyin-style Chinese companies, 20 % Western companies, 25 % people,
 * 5 % Chinese-script companies and `plantedShare` (default 5 %) variants of `listedNames`.
 */
export function generateNames(n: number, listedNames: readonly string[], seed = 42, plantedShare = 0.05): string[] {
  const r = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < plantedShare && listedNames.length) out.push(variant(r, pick(r, listedNames)));
    else if (k < plantedShare + 0.45) {
      const brand = (pick(r, SYLLABLES) + pick(r, SYLLABLES)).replace(/^./, (c) => c.toUpperCase());
      out.push(`${r() < 0.6 ? pick(r, PLACES) + ' ' : ''}${brand} ${pick(r, INDUSTRY)} ${pick(r, SUFFIX)}`);
    } else if (k < plantedShare + 0.65) out.push(`${pick(r, WEST)} ${pick(r, WEST2)} ${pick(r, SUFFIX)}`);
    else if (k < plantedShare + 0.9) out.push(r() < 0.5 ? `${pick(r, FIRST)} ${pick(r, LAST)}` : `${pick(r, LAST).toUpperCase()}, ${pick(r, FIRST)}`);
    else out.push(`${pick(r, ZH)}${pick(r, ZH)}${pick(r, ZH_IND)}${pick(r, ZH_SUFFIX)}`);
  }
  return out;
}
