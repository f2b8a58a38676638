import path from 'node:path';
import { ListwatchError } from '../../core/errors.js';
import { isIsoDate } from '../../core/dates.js';
import type { Designation, Entity, IsoDate, ListDef, Publication, Source } from '../../core/model.js';
import type { RecordChange, Store } from '../../store/store.js';
import type { ImportResult } from '../types.js';
import type { SourceFormat, ListSlice, LoadedInput } from '../../sources/format.js';
import { getFormat } from '../../sources/registry.js';
import { sha256 } from '../../sources/common/hash.js';
import { readUnit } from './files.js';
import { addSameAsHints, linkToActive } from './link.js';
import { diffEvents, diffSnapshot, entityFingerprint } from './diff.js';

/** Options of `importFiles`. */
export interface ImportOptions {
  /** Import even when a list would lose more than 20 % of its entries. */
  force?: boolean;
  /** Publication date for every file (`--date`). */
  date?: IsoDate;
  /** Each file's modification date (the CLI stats the files), used when `date` is not given. */
  fileDates?: Record<string, IsoDate>;
  /** Today's date: the fallback publication date, and the import date in the source note. */
  today: IsoDate;
  onProgress?: (msg: string) => void;
}

/** Share of a list's entries an import may drop without `force`. */
export const MAX_DROP = 0.2;

const PUBLISHER: Record<string, string> = { P: 'U.S. Government (verbatim file)', S: 'secondary source', D: 'third-party transcription' };

/**
 * Imports list files of one format. Each import unit (a file, or an OFAC set of companion
 * files) becomes one `snapshot` publication per list it carries, dated `opts.date`, else the
 * file's modification date (`opts.fileDates`), else `opts.today` — never a date read from
 * the rows (a latest listing date says when the newest entry was added, not when the file was
 * published). A list whose content hash is already stored is `unchanged` and nothing is written.
 * Otherwise the snapshot is diffed against the designations in force (added, removed, renamed,
 * changed), and the source, list definitions, new or changed entities, publications,
 * designation changes and `list-change` events are written in ONE `store.apply` per unit.
 * Refusals (BAD_FILE, BAD_INPUT, ROW_COUNT_DROP) happen before any write, so they leave the
 * store as it was; units before the refused one stay imported.
 */
export async function importFiles(store: Store, format: string, files: string[], opts: ImportOptions): Promise<ImportResult[]> {
  const fmt = getFormat(format);
  if (!files.length) throw new ListwatchError('BAD_INPUT', 'no files to import');
  if (opts.date !== undefined && !isIsoDate(opts.date)) throw new ListwatchError('BAD_INPUT', `date "${opts.date}" is not YYYY-MM-DD`, { field: 'date' });
  const results: ImportResult[] = [];
  for (const unit of fmt.group(files)) {
    const progress = opts.onProgress;
    progress?.(`reading ${Object.values(unit.files).join(', ')}`);
    const input = await readUnit(unit);
    // Each file hashed once: the source id, its note and the publications' citation all use these.
    const hashes = Object.values(input).map((f) => ({ f, hash: sha256(f.bytes) }));
    const fileHash = sha256(hashes.map((h) => h.hash).sort().join('\n'));
    const names = Object.values(input).map((f) => f.name).join(' + ');
    const date = opts.date ?? opts.fileDates?.[unit.primary] ?? opts.today;
    const source: Source = {
      id: `import-${fmt.id}-${fileHash.slice(0, 16)}`,
      title: `${fmt.description}: ${names}`,
      publisher: PUBLISHER[fmt.quality],
      date,
      quality: fmt.quality,
      note: `Imported by listwatch on ${opts.today} from ${hashes.map(({ f, hash }) => `${f.name} (sha256 ${hash})`).join(', ')}`,
    };
    const t0 = Date.now();
    const loaded = await fmt.load(input, { sourceId: source.id, ...(progress ? { onProgress: progress } : {}) });
    progress?.(`${names}: ${loaded.rowCount} records parsed in ${Date.now() - t0} ms`);
    const primaryHash = (hashes.find((h) => h.f.path === unit.primary) ?? hashes[0])?.hash;
    const citation = `${path.basename(unit.primary)}${hashes.length > 1 ? ` (+${hashes.length - 1} companion files)` : ''}, sha256 ${primaryHash}`;
    results.push(await importUnit(store, fmt, unit.primary, loaded, source, citation, date, opts));
  }
  return results;
}

async function importUnit(store: Store, fmt: SourceFormat, file: string, loaded: LoadedInput, source: Source, citation: string, date: IsoDate, opts: ImportOptions): Promise<ImportResult> {
  const result: ImportResult = { file, format: fmt.id, lists: [], warnings: [...loaded.warnings] };
  const change: Required<Pick<RecordChange, 'lists' | 'entities' | 'publications' | 'openDesignations' | 'closeDesignations' | 'updateDesignations' | 'events'>> = {
    lists: [], entities: [], publications: [], openDesignations: [], closeDesignations: [], updateDesignations: [], events: [],
  };
  const entityWrites = new Map<string, Entity>();
  if (date > opts.today && !opts.force) {
    // A future date hides the designations until then and blocks every later import of the list.
    throw new ListwatchError('BAD_INPUT', `${file}: publication date ${date} is after today (${opts.today}); pass --force if the file really is dated in the future`, { file, field: 'date' });
  }
  for (const slice of loaded.lists) {
    const prior = await store.getPublications(slice.list.id);
    const last = prior.reduce<Publication | null>((m, p) => (!m || p.date > m.date ? p : m), null);
    // Unchanged means equal to the LATEST publication: A → B → A is a change back to A, not a no-op.
    if (last && last.contentHash === slice.contentHash) {
      result.lists.push({ listId: slice.list.id, publicationId: null, status: 'unchanged', entityCount: slice.entries.length, added: 0, removed: 0, renamed: 0, changed: 0 });
      continue;
    }
    const list = (await store.getList(slice.list.id)) ?? null;
    if (!list) change.lists.push(slice.list);
    const listDef: ListDef = list ?? slice.list;
    if (last && date <= last.date) {
      throw new ListwatchError('BAD_INPUT', `${file}: publication date ${date} is not after the last publication of ${slice.list.id} (${last.id}, ${last.date}); pass --date with a later date`, { file, field: 'date' });
    }
    const activeList = (await store.getDesignations({ listId: slice.list.id })).filter((d) => d.to === null);
    const active = new Map<string, Designation>(activeList.map((d) => [d.entityId, d]));
    if (active.size > 0 && slice.entries.length < active.size * (1 - MAX_DROP) && !opts.force) {
      throw new ListwatchError('ROW_COUNT_DROP', `${file}: ${slice.list.id} would drop from ${active.size} to ${slice.entries.length} entries (more than ${MAX_DROP * 100} %); pass --force if this is intended`, { file });
    }
    const linked = await linkSlice(store, fmt, slice, active, source.id, result.warnings);
    const pub: Publication = {
      id: `${slice.list.id}/import-${date}-${slice.contentHash.slice(0, 12)}`,
      listId: slice.list.id,
      date,
      kind: 'snapshot',
      title: `${listDef.name}: ${source.title}`,
      citation,
      sourceIds: [source.id],
      entityCount: linked.entries.length,
      contentHash: slice.contentHash,
      entries: linked.entries,
      verified: fmt.quality !== 'D',
      ...(fmt.quality === 'D' ? { note: 'Third-party transcription; not the official publication.' } : {}),
    };
    const ids = [...new Set([...linked.entries.map((e) => e.entityId), ...active.keys()])];
    const stored = new Map((await store.getEntities(ids)).map((e) => [e.id, e]));
    const incoming = new Map(linked.entities.map((e) => [e.id, e]));
    guardNameDrop(file, slice.list.id, active, linked.entries, stored, incoming, opts.force === true);
    const diff = diffSnapshot(pub, active, stored, incoming, (id) => incoming.has(id));
    for (const e of linked.entities) {
      const before = stored.get(e.id);
      // Addresses too: each version of an entity's attributes is what the publication that carried it printed (issue #10).
      if (!before || entityFingerprint(before) !== entityFingerprint(e) || addressKey(before) !== addressKey(e)) entityWrites.set(e.id, e);
    }
    const names = new Map<string, string>([...stored.values(), ...linked.entities].map((e) => [e.id, e.name]));
    change.publications.push(pub);
    change.openDesignations.push(...diff.change.open);
    change.closeDesignations.push(...diff.change.close);
    change.updateDesignations.push(...diff.change.update);
    change.events.push(...diffEvents(pub, listDef.name, diff, names, prior.length === 0 && active.size === 0));
    result.lists.push({ listId: slice.list.id, publicationId: pub.id, status: 'imported', entityCount: pub.entries.length, added: diff.added.length, removed: diff.removed.length, renamed: diff.renamed.length, changed: diff.changed.length });
  }
  if (change.publications.length) {
    change.entities.push(...entityWrites.values());
    opts.onProgress?.(`${path.basename(file)}: writing ${change.publications.length} publication(s), ${change.entities.length} entities, ${change.openDesignations.length} openings, ${change.closeDesignations.length} closings`);
    await store.apply({ ...change, sources: [source], origin: 'import' });
  }
  return result;
}

/** Applies the format's linking rule to a slice; returns the entries and the entities to write. */
async function linkSlice(store: Store, fmt: SourceFormat, slice: ListSlice, active: Map<string, Designation>, sourceId: string, warnings: string[]): Promise<{ entries: ListSlice['entries']; entities: Entity[] }> {
  if (fmt.linking.mode === 'hint') {
    const recordIds = [...new Set((await store.getDesignations({ listId: fmt.linking.hintListId })).map((d) => d.entityId))];
    const n = addSameAsHints(slice.entities, await store.getEntities(recordIds), sourceId);
    if (recordIds.length) warnings.push(`${slice.list.id}: ${n} of ${slice.entities.length} entities carry a sameAs hint to ${fmt.linking.hintListId} entities (same normalised name)`);
    return { entries: slice.entries, entities: slice.entities };
  }
  const own = new Set(slice.entities.map((e) => e.id));
  const foreign = [...active.keys()].filter((id) => !own.has(id));
  if (!foreign.length) return { entries: slice.entries, entities: slice.entities };
  const { map, warnings: w } = linkToActive(slice, await store.getEntities(foreign));
  warnings.push(...w.map((x) => `${slice.list.id}: ${x}`));
  if (map.size) warnings.push(`${slice.list.id}: ${map.size} entries linked to entities already on the list (same key or name); those entities are kept as they are`);
  return {
    entries: slice.entries.map((e) => (map.has(e.entityId) ? { ...e, entityId: map.get(e.entityId)! } : e)),
    entities: slice.entities.filter((e) => !map.has(e.id)),
  };
}

/** An entity's addresses as one comparable string: text and country, not sources (a new file's source id is new). */
const addressKey = (e: Entity): string => JSON.stringify((e.addresses ?? []).map((a) => [a.text, a.country ?? '']));

/** Other names (aliases, previous names) an entity carries, the printed one excluded. */
const otherNames = (e: Entity | undefined): number => (e ? e.names.filter((n) => n.kind !== 'printed').length : 0);

/**
 * The 20 % guard applied to the names companion files carry (OFAC alt.csv): ROW_COUNT_DROP when
 * the entities in force on the list would lose more than `MAX_DROP` of their aliases, unless
 * forced. A 0-byte or cut alt.csv otherwise strips thousands of aliases with no error.
 */
function guardNameDrop(file: string, listId: string, active: ReadonlyMap<string, Designation>, entries: readonly { entityId: string }[], stored: ReadonlyMap<string, Entity>, incoming: ReadonlyMap<string, Entity>, force: boolean): void {
  if (force || active.size === 0) return;
  let before = 0;
  for (const id of active.keys()) before += otherNames(stored.get(id));
  let after = 0;
  for (const e of entries) after += otherNames(incoming.get(e.entityId) ?? stored.get(e.entityId));
  if (before > 0 && after < before * (1 - MAX_DROP)) {
    throw new ListwatchError('ROW_COUNT_DROP', `${file}: the entities of ${listId} would go from ${before} to ${after} aliases and other names (more than ${MAX_DROP * 100} % fewer: an empty or cut alt.csv?); pass --force if this is intended`, { file });
  }
}
