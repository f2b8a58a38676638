import { ListwatchError } from '../../core/errors.js';
import type { RecordChange } from '../store.js';
import type { SqlExecutor } from './driver.js';
import { forChunks } from './bulk.js';
import { FIRST_PUBLICATION_SQL } from './migrations/030_entity_versions.js';

/** Arbitrary constant key of the advisory lock held by a change that replaces an origin. */
const REPLACE_LOCK = 724_311_261;

/**
 * Writes one RecordChange inside the caller's transaction, in dependency order:
 * resets, records, designations (closes before opens, so a redesignation on one date works),
 * events, meta, then the orphan sweep of `replaceOrigin`. Throws on the first problem;
 * the caller's transaction then rolls everything back.
 */
export async function writeChange(tx: SqlExecutor, ch: RecordChange): Promise<void> {
  const origin = ch.origin ?? 'import';
  if (ch.resetDesignations?.length) {
    await tx.query('DELETE FROM designations WHERE list_id IN (SELECT jsonb_array_elements_text($1::jsonb))', [JSON.stringify(ch.resetDesignations)]);
  }
  if (ch.replaceOrigin) {
    // Two processes reseeding at once queue here instead of deleting each other's fresh rows.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [REPLACE_LOCK]);
    // The origin's entities are rewritten by this change; their history is derived anew with them.
    await tx.query('DELETE FROM entity_versions v USING entities e WHERE e.id = v.entity_id AND e.origin = $1', [ch.replaceOrigin]);
    for (const table of ['publications', 'events', 'relations', 'lists', 'sources']) {
      await tx.query(`DELETE FROM ${table} WHERE origin = $1`, [ch.replaceOrigin]);
    }
  }
  if (ch.sources?.length) await writeSources(tx, ch, origin);
  if (ch.lists?.length) await writeLists(tx, ch, origin);
  if (ch.entities?.length) await writeEntities(tx, ch, origin);
  if (ch.relations?.length) await writeRelations(tx, ch, origin);
  if (ch.publications?.length) await writePublications(tx, ch, origin);
  if (ch.entities?.length) await writeEntityVersions(tx, ch);
  await writeDesignations(tx, ch);
  if (ch.events?.length) await writeEvents(tx, ch, origin);
  for (const [key, value] of Object.entries(ch.meta ?? {})) {
    await tx.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, value]);
  }
  if (ch.replaceOrigin) await sweepEntities(tx, ch.replaceOrigin, (ch.entities ?? []).map((e) => e.id));
}

async function writeSources(tx: SqlExecutor, ch: RecordChange, origin: string): Promise<void> {
  const rows = (ch.sources ?? []).map((s) => ({ id: s.id, title: s.title, publisher: s.publisher ?? null, date: s.date ?? null, url: s.url ?? null, quality: s.quality, note: s.note ?? null }));
  await forChunks(tx, `INSERT INTO sources (id, title, publisher, date, url, quality, note, origin)
    SELECT id, title, publisher, date, url, quality, note, $2 FROM json_to_recordset($1::json)
      AS t(id text, title text, publisher text, date date, url text, quality text, note text)
    ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, publisher = EXCLUDED.publisher, date = EXCLUDED.date,
      url = EXCLUDED.url, quality = EXCLUDED.quality, note = EXCLUDED.note, origin = EXCLUDED.origin`, rows, [origin]);
}

async function writeLists(tx: SqlExecutor, ch: RecordChange, origin: string): Promise<void> {
  const rows = (ch.lists ?? []).map((l) => ({ id: l.id, name: l.name, agency: l.agency, legal_basis: l.legalBasis, source_ids: l.sourceIds, description: l.description ?? null }));
  await forChunks(tx, `INSERT INTO lists (id, name, agency, legal_basis, source_ids, description, origin)
    SELECT id, name, agency, legal_basis, source_ids, description, $2 FROM json_to_recordset($1::json)
      AS t(id text, name text, agency text, legal_basis text, source_ids jsonb, description text)
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, agency = EXCLUDED.agency, legal_basis = EXCLUDED.legal_basis,
      source_ids = EXCLUDED.source_ids, description = EXCLUDED.description, origin = EXCLUDED.origin`, rows, [origin]);
}

async function writeEntities(tx: SqlExecutor, ch: RecordChange, origin: string): Promise<void> {
  const entities = ch.entities ?? [];
  const rows = entities.map((e) => ({ id: e.id, name: e.name, type: e.type, country: e.country ?? null, names: e.names, identifiers: e.identifiers, addresses: e.addresses?.length ? e.addresses : null }));
  await forChunks(tx, `INSERT INTO entities (id, name, type, country, names, identifiers, addresses, origin)
    SELECT id, name, type, country, names, identifiers, addresses, $2 FROM json_to_recordset($1::json)
      AS t(id text, name text, type text, country text, names jsonb, identifiers jsonb, addresses jsonb)
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, country = EXCLUDED.country,
      names = EXCLUDED.names, identifiers = EXCLUDED.identifiers, addresses = EXCLUDED.addresses, origin = EXCLUDED.origin`, rows, [origin]);
  // The per-name rows follow the JSONB names: replaced wholesale for every entity written.
  await forChunks(tx, 'DELETE FROM entity_names WHERE entity_id IN (SELECT json_array_elements_text($1::json))', entities.map((e) => e.id));
  // ord -1 holds the display name, so name search finds an entity by it even when `names` omits it.
  const names = entities.flatMap((e) => [
    { entity_id: e.id, ord: -1, name: e.name, kind: 'canonical', verified: true },
    ...e.names.map((n, ord) => ({ entity_id: e.id, ord, name: n.name, kind: n.kind, verified: n.verified })),
  ]);
  await forChunks(tx, `INSERT INTO entity_names (entity_id, ord, name, kind, verified)
    SELECT entity_id, ord, name, kind, verified FROM json_to_recordset($1::json)
      AS t(entity_id text, ord int, name text, kind text, verified boolean)`, names);
}

/** The columns of `entity_versions` that hold an entity's attributes, in `json_to_recordset` form. */
const VERSION_COLUMNS = 'name text, type text, country text, names jsonb, identifiers jsonb, addresses jsonb';
/** True when the version `v` holds exactly the attributes in `t`. */
const SAME_ATTRIBUTES = `v.name = t.name AND v.type = t.type AND v.country IS NOT DISTINCT FROM t.country AND v.names = t.names
  AND v.identifiers = t.identifiers AND v.addresses IS NOT DISTINCT FROM t.addresses`;

/**
 * Versions the entities of a change (see `RecordChange.entities`). Runs after the publications are
 * written. An entity that a publication of the change lists gets its attributes from the earliest
 * such publication P (by date, then id): the open version ends on P's date and a new one opens from P;
 * an open version that starts on or after P's date (a second publication of one day) takes the new
 * attributes in place. Other entities get their history replaced by one version from their first
 * stored publication.
 */
async function writeEntityVersions(tx: SqlExecutor, ch: RecordChange): Promise<void> {
  const carrier = new Map<string, { id: string; date: string }>();
  const pubs = [...(ch.publications ?? [])].sort((a, b) => Number(a.kind === 'withdrawn') - Number(b.kind === 'withdrawn') || a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  for (const p of pubs) for (const e of p.entries) if (!carrier.has(e.entityId)) carrier.set(e.entityId, { id: p.id, date: p.date });
  const carried: Record<string, unknown>[] = [];
  const replaced: string[] = [];
  for (const e of ch.entities ?? []) {
    const c = carrier.get(e.id);
    if (!c) {
      replaced.push(e.id);
      continue;
    }
    carried.push({ entity_id: e.id, from_pub: c.id, from_date: c.date, name: e.name, type: e.type, country: e.country ?? null, names: e.names, identifiers: e.identifiers, addresses: e.addresses?.length ? e.addresses : null });
  }
  const t = `json_to_recordset($1::json) AS t(entity_id text, from_pub text, from_date date, ${VERSION_COLUMNS})`;
  // Same day (or an earlier date than the open version's: out of order): the open version takes the attributes.
  await forChunks(tx, `UPDATE entity_versions v SET name = t.name, type = t.type, country = t.country, names = t.names, identifiers = t.identifiers, addresses = t.addresses
    FROM ${t} WHERE v.entity_id = t.entity_id AND v.to_date IS NULL AND v.from_date >= t.from_date AND NOT (${SAME_ATTRIBUTES})`, carried);
  // Later: the open version ends where the new publication carries other attributes.
  await forChunks(tx, `UPDATE entity_versions v SET to_date = t.from_date, to_pub = t.from_pub
    FROM ${t} WHERE v.entity_id = t.entity_id AND v.to_date IS NULL AND (v.from_date IS NULL OR v.from_date < t.from_date) AND NOT (${SAME_ATTRIBUTES})`, carried);
  await forChunks(tx, `INSERT INTO entity_versions (entity_id, from_date, from_pub, name, type, country, names, identifiers, addresses)
    SELECT t.entity_id, t.from_date, t.from_pub, t.name, t.type, t.country, t.names, t.identifiers, t.addresses FROM ${t}
    WHERE NOT EXISTS (SELECT 1 FROM entity_versions v WHERE v.entity_id = t.entity_id AND v.to_date IS NULL)`, carried);
  await forChunks(tx, 'DELETE FROM entity_versions WHERE entity_id IN (SELECT json_array_elements_text($1::json))', replaced);
  await forChunks(tx, `INSERT INTO entity_versions (entity_id, from_date, from_pub, name, type, country, names, identifiers, addresses)
    SELECT e.id, f.date, f.id, e.name, e.type, e.country, e.names, e.identifiers, e.addresses
    FROM entities e LEFT JOIN LATERAL ${FIRST_PUBLICATION_SQL} ON true
    WHERE e.id IN (SELECT json_array_elements_text($1::json))`, replaced);
}

async function writeRelations(tx: SqlExecutor, ch: RecordChange, origin: string): Promise<void> {
  const rows = (ch.relations ?? []).map((r) => ({ entity_id: r.entityId, parent_id: r.parentId, kind: r.kind, source_ids: r.sourceIds, evidence: r.evidence ?? null }));
  await forChunks(tx, `INSERT INTO relations (entity_id, parent_id, kind, source_ids, evidence, origin)
    SELECT entity_id, parent_id, kind, source_ids, evidence, $2 FROM json_to_recordset($1::json)
      AS t(entity_id text, parent_id text, kind text, source_ids jsonb, evidence text)
    ON CONFLICT (entity_id, parent_id, kind) DO NOTHING`, rows, [origin]);
}

async function writePublications(tx: SqlExecutor, ch: RecordChange, origin: string): Promise<void> {
  const pubs = ch.publications ?? [];
  const ids = pubs.map((p) => p.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new ListwatchError('CONFLICT', `publication ${dup} appears twice in one change`);
  const existing = await forChunks<{ id: string }>(tx, 'SELECT id FROM publications WHERE id IN (SELECT json_array_elements_text($1::json))', ids);
  if (existing.length) throw new ListwatchError('CONFLICT', `publication ${existing.map((r) => r.id).join(', ')} exists already`);
  const rows = pubs.map((p) => ({
    id: p.id, list_id: p.listId, date: p.date, kind: p.kind, title: p.title, citation: p.citation ?? null, url: p.url ?? null,
    source_ids: p.sourceIds, entity_count: p.entityCount ?? null, content_hash: p.contentHash ?? null, note: p.note ?? null, verified: p.verified ?? null,
  }));
  await forChunks(tx, `INSERT INTO publications (id, list_id, date, kind, title, citation, url, source_ids, entity_count, content_hash, note, verified, origin)
    SELECT id, list_id, date, kind, title, citation, url, source_ids, entity_count, content_hash, note, verified, $2 FROM json_to_recordset($1::json)
      AS t(id text, list_id text, date date, kind text, title text, citation text, url text, source_ids jsonb, entity_count int, content_hash text, note text, verified boolean)`, rows, [origin]);
  const entries = pubs.flatMap((p) => p.entries.map((e, ord) => ({ publication_id: p.id, ord, entity_id: e.entityId, printed_name: e.printedName, basis: e.basis ?? null, action: e.action ?? null, since: e.since ?? null })));
  await forChunks(tx, `INSERT INTO publication_entries (publication_id, ord, entity_id, printed_name, basis, action, since)
    SELECT publication_id, ord, entity_id, printed_name, basis, action, since FROM json_to_recordset($1::json)
      AS t(publication_id text, ord int, entity_id text, printed_name text, basis text, action text, since date)`, entries);
}

async function writeDesignations(tx: SqlExecutor, ch: RecordChange): Promise<void> {
  const close = (ch.closeDesignations ?? []).map((c) => ({ entity_id: c.entityId, list_id: c.listId, to_date: c.to, ended_by: c.endedBy }));
  const closed = await forChunks(tx, `UPDATE designations d SET to_date = t.to_date, ended_by = t.ended_by
    FROM json_to_recordset($1::json) AS t(entity_id text, list_id text, to_date date, ended_by text)
    WHERE d.entity_id = t.entity_id AND d.list_id = t.list_id AND d.to_date IS NULL RETURNING d.seq`, close);
  if (closed.length !== close.length) throw new ListwatchError('CONFLICT', `${close.length - closed.length} of ${close.length} designations to close are not in force`);

  const update = (ch.updateDesignations ?? []).map((u) => ({ entity_id: u.entityId, list_id: u.listId, printed_name: u.printedName, basis: u.basis ?? null, keep_basis: u.basis === undefined }));
  const updated = await forChunks(tx, `UPDATE designations d SET printed_name = t.printed_name, basis = CASE WHEN t.keep_basis THEN d.basis ELSE t.basis END
    FROM json_to_recordset($1::json) AS t(entity_id text, list_id text, printed_name text, basis text, keep_basis boolean)
    WHERE d.entity_id = t.entity_id AND d.list_id = t.list_id AND d.to_date IS NULL RETURNING d.seq`, update);
  if (updated.length !== update.length) throw new ListwatchError('CONFLICT', `${update.length - updated.length} of ${update.length} designations to update are not in force`);

  // Rows keep their input order through `WITH ORDINALITY`, so `seq` breaks ties stably.
  const open = (ch.openDesignations ?? []).map((d) => ({ entity_id: d.entityId, list_id: d.listId, from_date: d.from, to_date: d.to, added_by: d.addedBy, ended_by: d.endedBy, printed_name: d.printedName, basis: d.basis ?? null, start_unknown: d.startUnknown === true }));
  await forChunks(tx, `INSERT INTO designations (entity_id, list_id, from_date, to_date, added_by, ended_by, printed_name, basis, start_unknown)
    SELECT t.entity_id, t.list_id, t.from_date, t.to_date, t.added_by, t.ended_by, t.printed_name, t.basis, t.start_unknown
    FROM json_array_elements($1::json) WITH ORDINALITY AS a(doc, n),
      LATERAL json_to_record(a.doc) AS t(entity_id text, list_id text, from_date date, to_date date, added_by text, ended_by text, printed_name text, basis text, start_unknown boolean)
    ORDER BY a.n`, open);
}

async function writeEvents(tx: SqlExecutor, ch: RecordChange, origin: string): Promise<void> {
  const rows = (ch.events ?? []).map((e) => ({
    id: e.id, date: e.date, date_precision: e.datePrecision ?? null, kind: e.kind, title: e.title, detail: e.detail ?? null,
    entity_ids: e.entityIds, list_ids: e.listIds, names_urged: e.namesUrged ?? null, court: e.court ?? null, docket: e.docket ?? null,
    source_ids: e.sourceIds, verified: e.verified,
  }));
  await forChunks(tx, `INSERT INTO events (id, date, date_precision, kind, title, detail, entity_ids, list_ids, names_urged, court, docket, source_ids, verified, origin)
    SELECT id, date, date_precision, kind, title, detail, entity_ids, list_ids, names_urged, court, docket, source_ids, verified, $2 FROM json_to_recordset($1::json)
      AS t(id text, date date, date_precision text, kind text, title text, detail text, entity_ids jsonb, list_ids jsonb, names_urged jsonb, court text, docket text, source_ids jsonb, verified boolean)
    ON CONFLICT (id) DO UPDATE SET date = EXCLUDED.date, date_precision = EXCLUDED.date_precision, kind = EXCLUDED.kind, title = EXCLUDED.title,
      detail = EXCLUDED.detail, entity_ids = EXCLUDED.entity_ids, list_ids = EXCLUDED.list_ids, names_urged = EXCLUDED.names_urged,
      court = EXCLUDED.court, docket = EXCLUDED.docket, source_ids = EXCLUDED.source_ids, verified = EXCLUDED.verified, origin = EXCLUDED.origin`, rows, [origin]);
}

/** Deletes entities of `origin` that this change did not write and nothing left in the store refers to. */
async function sweepEntities(tx: SqlExecutor, origin: string, keep: string[]): Promise<void> {
  await tx.query(`DELETE FROM entities e WHERE e.origin = $1
    AND e.id NOT IN (SELECT jsonb_array_elements_text($2::jsonb))
    AND NOT EXISTS (SELECT 1 FROM publication_entries x WHERE x.entity_id = e.id)
    AND NOT EXISTS (SELECT 1 FROM designations x WHERE x.entity_id = e.id)
    AND NOT EXISTS (SELECT 1 FROM relations x WHERE x.entity_id = e.id OR x.parent_id = e.id)
    AND NOT EXISTS (SELECT 1 FROM events x WHERE x.entity_ids @> jsonb_build_array(e.id))`, [origin, JSON.stringify(keep)]);
}
