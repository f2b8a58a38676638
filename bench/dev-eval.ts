import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { basicLatin } from '../src/core/normalise/text.js';
import type { ScreenIndex } from '../src/core/match/types.js';
import type { ScreenHit } from '../src/app/types.js';

/** One labelled row of /work/shared/eval/dev.csv. */
export interface DevRow {
  id: string;
  query: string;
  as_of: string;
  expect: 'hit' | 'none' | 'none_active';
  expect_names: string;
  category: string;
}

/** Reads the development set. */
export function readDevRows(file: string): DevRow[] {
  return parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as DevRow[];
}

/** Per-category counts of the README's scoring. */
export interface CategoryScore {
  rows: number;
  hitRows: number;
  recalled: number;
  /** recalled ÷ hitRows (null when the category has no hit rows). */
  recall: number | null;
  activeHits: number;
  correctActiveHits: number;
  /** correct active hits ÷ active hits returned (null when nothing active came back). */
  precision: number | null;
  /** Rows expecting no active hit (none / none_active) that returned none. */
  negRows: number;
  negClean: number;
  /** negClean ÷ negRows (null without such rows). */
  specificity: number | null;
}

const key = (s: string): string => basicLatin(s);

/** A screener: the query and its as-of date in, hits out (already thresholded). */
export type Screener = (query: string, asOf: string) => { entityId: string; active: boolean; names: string[]; activeAs?: string[] }[];

/** Every name an index knows for an entity, to compare with `expect_names`. */
export function entityNames(index: ScreenIndex): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const n of index.snapshot.names) {
    const e = index.snapshot.entities[n.entity];
    if (!e) continue;
    const arr = m.get(e.id) ?? [e.name];
    arr.push(n.text);
    m.set(e.id, arr);
  }
  for (const e of index.snapshot.entities) for (const d of e.designations) m.get(e.id)?.push(d.printedName);
  return m;
}

/**
 * The lists dev.csv is labelled against (its README: "the China-focused lists in ../data (1260H,
 * all editions; 1237; NS-CMIC; NDAA §889, §5949, §154)"). The bundled data now also holds the
 * Entity List, UFLPA and FCC lists; a listing there is real but outside what the labels say,
 * so "active" in the scoring means active on one of these.
 */
export const LABELLED_LISTS: ReadonlySet<string> = new Set(['us-dod-1260h', 'us-dod-1237', 'us-treasury-ns-cmic', 'us-ndaa-889', 'us-ndaa-5949', 'us-ndaa-154']);

/** Adapts screen hits to the scorer's shape: active = active on a labelled list (LABELLED_LISTS). */
export function hitsForScoring(hits: readonly ScreenHit[], names: Map<string, string[]>): ReturnType<Screener> {
  return hits.map((h) => {
    const on = h.designations.filter((d) => d.active && LABELLED_LISTS.has(d.list));
    return { entityId: h.entityId, active: on.length > 0, names: names.get(h.entityId) ?? [h.name], activeAs: on.map((d) => `${d.list} as "${d.printedName}"`) };
  });
}

/**
 * Scores a screener on the rows exactly as the eval README says: a hit row is recalled when
 * an entity with one of the expected names comes back ACTIVE in the top 3; precision = correct
 * active hits ÷ all active hits (any active hit on a none/none_active row, or of another
 * entity, is false); specificity = none/none_active rows with no active hit ÷ such rows.
 */
export function scoreRows(rows: readonly DevRow[], screen: Screener, today: string): { byCategory: Record<string, CategoryScore>; overall: CategoryScore; failures: string[] } {
  const byCategory: Record<string, CategoryScore> = {};
  const overall = emptyScore();
  const failures: string[] = [];
  for (const r of rows) {
    const c = (byCategory[r.category] ??= emptyScore());
    const hits = screen(r.query, r.as_of || today);
    const expected = new Set(r.expect_names.split('|').filter(Boolean).map(key));
    const isExpected = (h: { names: string[] }): boolean => r.expect === 'hit' && h.names.some((n) => expected.has(key(n)));
    const active = hits.filter((h) => h.active);
    const correct = active.filter(isExpected).length;
    for (const s of [c, overall]) {
      s.rows++;
      s.activeHits += active.length;
      s.correctActiveHits += correct;
    }
    if (r.expect === 'hit') {
      const ok = hits.slice(0, 3).some((h) => h.active && isExpected(h));
      for (const s of [c, overall]) {
        s.hitRows++;
        if (ok) s.recalled++;
      }
      if (!ok) failures.push(`MISS ${r.id} ${r.category} "${r.query}"`);
    } else {
      for (const s of [c, overall]) {
        s.negRows++;
        if (active.length === 0) s.negClean++;
      }
      // With the listing that makes the hit active, so a reader can judge the label against it.
      if (active.length) failures.push(`FALSE ${r.id} ${r.category} "${r.query}" → ${active.map((h) => `${h.entityId}${h.activeAs?.length ? ` (${h.activeAs.join('; ')})` : ''}`).join(', ')}`);
    }
    if (active.length > correct && r.expect === 'hit') failures.push(`EXTRA ${r.id} ${r.category} "${r.query}" → ${active.filter((h) => !isExpected(h)).map((h) => h.entityId).join(', ')}`);
  }
  for (const s of [...Object.values(byCategory), overall]) finish(s);
  return { byCategory, overall, failures };
}

function emptyScore(): CategoryScore {
  return { rows: 0, hitRows: 0, recalled: 0, recall: null, activeHits: 0, correctActiveHits: 0, precision: null, negRows: 0, negClean: 0, specificity: null };
}

function finish(s: CategoryScore): void {
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  s.recall = s.hitRows ? r3(s.recalled / s.hitRows) : null;
  s.precision = s.activeHits ? r3(s.correctActiveHits / s.activeHits) : null;
  s.specificity = s.negRows ? r3(s.negClean / s.negRows) : null;
}
