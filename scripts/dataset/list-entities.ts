/**
 * Where the generator writes entities: those of the record's core lists (and any entity a
 * relation or event names) stay in `entities.json`; entities found only on the bulk lists
 * bundled from full official copies (the BIS Entity List, the UFLPA Entity List) go to
 * `entities/<listId>[.<part>].json`, so each tracked file stays small. The loader reads all.
 */
import type { Dataset, Entity } from '../../src/core/model.js';
import { BIS_LIST } from './bis.js';
import { UFLPA_LIST } from './uflpa.js';

/** The bulk lists, in the order an entity on several of them is filed. */
export const BULK_LISTS = [BIS_LIST, UFLPA_LIST] as const;

/** Splits the entities into the core file and one file per bulk list. */
export function splitEntities(ds: Dataset): { core: Entity[]; byList: Map<string, Entity[]> } {
  const coreIds = new Set<string>();
  const onList = new Map<string, string>();
  for (const p of ds.publications) {
    const bulk = (BULK_LISTS as readonly string[]).includes(p.listId);
    for (const e of p.entries) {
      if (!bulk) coreIds.add(e.entityId);
      else if (!onList.has(e.entityId) || BULK_LISTS.indexOf(p.listId as (typeof BULK_LISTS)[number]) < BULK_LISTS.indexOf(onList.get(e.entityId) as (typeof BULK_LISTS)[number])) onList.set(e.entityId, p.listId);
    }
  }
  for (const r of ds.relations) { coreIds.add(r.entityId); coreIds.add(r.parentId); }
  for (const ev of ds.events) for (const id of ev.entityIds) coreIds.add(id);
  const core: Entity[] = [];
  const byList = new Map<string, Entity[]>(BULK_LISTS.map((l) => [l, []]));
  for (const e of ds.entities) {
    const list = onList.get(e.id);
    if (coreIds.has(e.id) || !list) core.push(e);
    else byList.get(list)!.push(e);
  }
  // The Entity List is split by region so that no tracked file nears 4 MB.
  const bis = byList.get(BIS_LIST) ?? [];
  byList.delete(BIS_LIST);
  const region = (e: Entity): string => (['CN', 'HK', 'MO'].includes(e.country ?? '') ? 'cn-hk' : e.country === 'RU' ? 'ru' : 'other');
  for (const part of ['cn-hk', 'ru', 'other']) byList.set(`${BIS_LIST}.${part}`, bis.filter((e) => region(e) === part));
  return { core, byList };
}
