/**
 * Chinese names from shared/facts/chinese-names.csv: `high`/`medium` rows become verified
 * names with their source; `low` rows become unverified matching hints; blank rows are skipped.
 */
import { createHash } from 'node:crypto';
import type { Source } from '../../src/core/model.js';
import type { Registry } from './registry.js';

/** Adds the names and identifiers; returns the per-row sources it created and counts. */
export function addChineseNames(reg: Registry, rows: Record<string, string>[]): { sources: Source[]; verified: number; hints: number; unmatched: string[] } {
  const sources = new Map<string, Source>();
  let verified = 0;
  let hints = 0;
  const unmatched: string[] = [];
  for (const r of rows) {
    const conf = (r.confidence ?? '').trim();
    if (!conf || !(r.chinese_name ?? '').trim()) continue;
    const id = reg.find(r.english_name ?? '');
    if (!id) { unmatched.push(r.english_name ?? ''); continue; }
    const isFact = conf === 'high' || conf === 'medium';
    let srcIds = ['chinese-names-csv'];
    if (isFact) {
      const text = (r.source ?? '').trim();
      const sid = `zh-${createHash('sha256').update(text).digest('hex').slice(0, 10)}`;
      if (!sources.has(sid)) {
        const url = /(https?:\/\/[^\s|,;]+)/.exec(text)?.[1];
        sources.set(sid, { id: sid, title: text.length > 300 ? `${text.slice(0, 297)}…` : text, quality: 'S', ...(url ? { url } : {}), note: `Source of a Chinese name (confidence ${conf}) in shared/facts/chinese-names.csv.` });
      }
      srcIds = [sid, 'chinese-names-csv'];
    }
    const before = reg.get(id).names.length;
    reg.addName(id, r.chinese_name ?? '', 'zh-hans', srcIds, isFact);
    if (r.traditional_name?.trim()) reg.addName(id, r.traditional_name, 'zh-hant', srcIds, isFact);
    for (const s of (r.short_name_zh ?? '').split('/').map((x) => x.trim()).filter(Boolean)) reg.addName(id, s, 'zh-short', srcIds, isFact);
    const added = reg.get(id).names.length - before;
    if (isFact) verified += added; else hints += added;
    if (isFact) {
      const tickersFromAnalyst = /ticker\(s\) partly\/wholly from analyst knowledge/.test(r.notes ?? '');
      for (const part of (r.uscc_or_ticker ?? '').split(';').map((x) => x.trim()).filter(Boolean)) {
        const u = /^USCC\s+([0-9A-Z]{18})$/.exec(part);
        if (u?.[1]) reg.addIdentifier(id, 'uscc', u[1], srcIds);
        else if (!tickersFromAnalyst && /^[0-9A-Z]{3,6} \((SH|SZ|HK|NYSE|Nasdaq|SZ-B)\)$/.test(part)) reg.addIdentifier(id, 'ticker', part, srcIds);
      }
    }
  }
  return { sources: [...sources.values()], verified, hints, unmatched };
}
