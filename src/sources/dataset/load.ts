import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateDataset } from '../../core/dataset/validate.js';
import { ListwatchError } from '../../core/errors.js';
import type { Dataset, Publication } from '../../core/model.js';
import { datasetFiles } from './files.js';

async function readJsonArray(dir: string, rel: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(path.join(dir, rel), 'utf8');
  } catch (e) {
    throw new ListwatchError('BAD_FILE', `${rel}: cannot be read (${(e as Error).message})`, { file: rel }, { cause: e });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ListwatchError('BAD_FILE', `${rel}: not valid JSON (${(e as Error).message})`, { file: rel }, { cause: e });
  }
  if (!Array.isArray(data)) throw new ListwatchError('BAD_FILE', `${rel}: expected a JSON array`, { file: rel });
  return data;
}

/**
 * Reads the bundled dataset from `dir` (`sources.json`, `lists.json`, `entities.json`,
 * `relations.json`, `events.json`, `entities/<listId>.json`, `publications/<listId>.json`), validates it with
 * `validateDataset`, and returns it. Throws `ListwatchError('BAD_FILE')` naming the file
 * (and, when the problem concerns one, the field) on the first unreadable file or on any
 * validation problem; the message lists up to 10 problems. A publications file must only
 * hold publications of the list it is named for.
 */
export async function loadDataset(dir: string): Promise<Dataset> {
  const files = await datasetFiles(dir);
  // The casts trust shape only until validateDataset below has checked it.
  const ds: Dataset = {
    sources: (await readJsonArray(dir, 'sources.json')) as Dataset['sources'],
    lists: (await readJsonArray(dir, 'lists.json')) as Dataset['lists'],
    entities: (await readJsonArray(dir, 'entities.json')) as Dataset['entities'],
    relations: (await readJsonArray(dir, 'relations.json')) as Dataset['relations'],
    events: (await readJsonArray(dir, 'events.json')) as Dataset['events'],
    publications: [],
  };
  for (const rel of files.filter((f) => f.startsWith('entities/'))) {
    ds.entities.push(...((await readJsonArray(dir, rel)) as Dataset['entities']));
  }
  for (const rel of files.filter((f) => f.startsWith('publications/'))) {
    const listId = path.basename(rel, '.json');
    const pubs = (await readJsonArray(dir, rel)) as Publication[];
    for (const pub of pubs) {
      if (pub === null || typeof pub !== 'object' || pub.listId !== listId) {
        throw new ListwatchError('BAD_FILE', `${rel}: publication "${String(pub?.id)}" has listId "${String(pub?.listId)}", expected "${listId}"`, { file: rel, field: 'listId' });
      }
    }
    ds.publications.push(...pubs);
  }
  const problems = validateDataset(ds);
  if (problems.length) {
    const first = problems[0] ?? '';
    const file = first.slice(0, first.indexOf(':'));
    const field = /^[^:]+: ([^:]+):/.exec(first)?.[1];
    const more = problems.length > 10 ? `\n… and ${problems.length - 10} more` : '';
    throw new ListwatchError('BAD_FILE', `dataset in ${dir} has ${problems.length} problem(s):\n${problems.slice(0, 10).join('\n')}${more}`, { file, ...(field ? { field } : {}) });
  }
  return ds;
}
