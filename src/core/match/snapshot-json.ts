import type { IndexSnapshot, IndexedDesignation, IndexedEntity } from './types.js';

/** A designation as the JSON text carries it: its list's name and its source by reference. */
type WireDesignation = Omit<IndexedDesignation, 'listName' | 'source'> & { s: number };

/** The JSON form of an index snapshot (`snapshotToJson`). */
interface WireSnapshot {
  version: 2;
  /** List id → the list's name. */
  listNames: Record<string, string>;
  /** The sources designations cite, each once. */
  sources: IndexedDesignation['source'][];
  entities: (Omit<IndexedEntity, 'designations'> & { designations: WireDesignation[] })[];
  names: IndexSnapshot['names'];
}

/**
 * The JSON text of a snapshot, as the index cache keeps it and worker threads receive it. Each
 * designation cites its list and source publication by reference into two tables instead of
 * repeating the list's name and the publication's title, citation and URL for every entity the
 * publication lists (measured on the bundled record + SDN + CSL: 19.0 → 13.8 MB of text, parsed
 * in 262 ms instead of 449, 25.6 MB of heap instead of 33.1), in ASCII. `snapshotFromJson` reads it back.
 */
export function snapshotToJson(snapshot: IndexSnapshot): string {
  const listNames: Record<string, string> = {};
  const sources: IndexedDesignation['source'][] = [];
  const sourceNumber = new Map<string, number>();
  const entities = snapshot.entities.map((e) => ({
    ...e,
    designations: e.designations.map((d): WireDesignation => {
      const { listName, source, ...rest } = d;
      listNames[d.list] ??= listName;
      // Equal sources (same publication, title, citation, date and URL) are one entry.
      const key = JSON.stringify(source);
      let s = sourceNumber.get(key);
      if (s === undefined) {
        s = sources.length;
        sources.push(source);
        sourceNumber.set(key, s);
      }
      return { ...rest, s };
    }),
  }));
  const wire: WireSnapshot = { version: 2, listNames, sources, entities, names: snapshot.names };
  // ASCII only (other characters as \u escapes, 0.2 % more text for the bundled record + SDN + CSL):
  // a reader of the bytes may decode them as Latin-1, about twice as fast as UTF-8 (measured: 47
  // instead of 108 ms for 14 MB), into a one-byte string.
  return JSON.stringify(wire).replace(NON_ASCII, escapeChar);
}

const NON_ASCII = /[\u0080-\uffff]/g;

const escapeChar = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The snapshot in JSON text written by `snapshotToJson` (or by an older version, which wrote
 * it as the object is: version 1), with every designation's list name and source in place
 * again, each source one object shared by the designations that cite it. Throws an Error
 * naming the problem when the text is not a snapshot of a known version.
 */
export function snapshotFromJson(text: string): IndexSnapshot {
  const parsed = JSON.parse(text) as IndexSnapshot | WireSnapshot | null;
  if (parsed && parsed.version === 1 && Array.isArray(parsed.entities) && Array.isArray(parsed.names)) return parsed;
  if (!parsed || parsed.version !== 2 || !Array.isArray(parsed.entities) || !Array.isArray(parsed.names) || !Array.isArray(parsed.sources) || typeof parsed.listNames !== 'object') {
    throw new Error(`not an index snapshot (version ${String((parsed as { version?: unknown } | null)?.version)})`);
  }
  const { listNames, sources } = parsed;
  const entities: IndexedEntity[] = parsed.entities.map((e) => ({
    ...e,
    designations: e.designations.map((w): IndexedDesignation => {
      const { list, s, ...rest } = w;
      const source = sources[s];
      if (!source) throw new Error(`index snapshot: designation of ${e.id} cites source ${s}, which it does not hold`);
      // The keys in the order buildSnapshot writes them: a hit's JSON text stays byte for byte the same.
      return { list, listName: listNames[list] ?? list, ...rest, source };
    }),
  }));
  return { version: 1, entities, names: parsed.names };
}

/**
 * `snapshotTokens` of a snapshot given as JSON text, read from its `"tokens":[…]` arrays without
 * parsing the whole snapshot (a main thread that only passes the text on saves the parse and its
 * memory). Only names have such arrays, in order. Should the text ever read otherwise, the table
 * made from it does not fit the workers' tokens (`tableFits`), and each worker builds its own.
 */
export function tokensOfSnapshotJson(json: string): string[] {
  const seen = new Set<string>();
  for (const m of json.matchAll(/"tokens":(\[[^\]]*\])/g)) {
    try {
      for (const t of JSON.parse(m[1] as string) as unknown[]) if (typeof t === 'string') seen.add(t);
    } catch {
      return [];
    }
  }
  return [...seen];
}
