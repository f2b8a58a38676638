import { ApiError, get, postJob, resultsUrl } from '../api.js';
import type { JobRecord, ScreenResult } from '../api.js';
import { badge, h, mount } from '../dom.js';
import { ROLES } from '../obligations.js';

type Line = ScreenResult & { line: number; id?: string };
const SHOW_MAX = 2000; // rows rendered; the download has all of them

function resultsTable(lines: Line[]): HTMLElement {
  const filter = h('input', { id: 'filter', type: 'search', placeholder: 'name or entity' });
  const show = h('select', { id: 'show' },
    h('option', { value: 'all' }, 'All rows'), h('option', { value: 'active' }, 'Active hits'),
    h('option', { value: 'inactive' }, 'Only inactive hits'), h('option', { value: 'none' }, 'No hit'));
  const tbody = h('tbody');
  const count = h('p', { class: 'small', role: 'status' });
  const render = (): void => {
    const f = filter.value.trim().toLowerCase();
    const rows = lines.filter((l) => {
      const top = l.hits[0];
      if (show.value === 'active' && !l.hits.some((x) => x.active)) return false;
      if (show.value === 'inactive' && !(l.hits.length && !l.hits.some((x) => x.active))) return false;
      if (show.value === 'none' && l.hits.length) return false;
      return !f || l.query.toLowerCase().includes(f) || (top?.name.toLowerCase().includes(f) ?? false);
    });
    mount(count, `${rows.length} of ${lines.length} rows${rows.length > SHOW_MAX ? ` (first ${SHOW_MAX} shown)` : ''}`);
    mount(tbody, rows.slice(0, SHOW_MAX).map((l) => {
      const top = l.hits[0];
      return h('tr', null,
        h('td', { class: 'num' }, l.line), h('td', null, l.id ?? ''), h('td', null, l.query),
        h('td', null, top ? h('a', { href: `#/entity/${encodeURIComponent(top.entityId)}?as_of=${l.asOf}` }, top.name) : h('span', { class: 'muted' }, 'no hit')),
        h('td', { class: 'num' }, top ? top.score.toFixed(2) : ''),
        h('td', null, top ? (top.active ? badge('active', 'active') : badge('inactive', 'inactive')) : ''),
        h('td', { class: 'small' }, top ? top.designations.map((d) => d.listName).join(', ') : ''),
        h('td', { class: 'small' }, top?.explanation.summary ?? ''));
    }));
  };
  filter.addEventListener('input', render);
  show.addEventListener('change', render);
  render();
  return h('section', { 'aria-labelledby': 'h-res' },
    h('h2', { id: 'h-res' }, 'Results'),
    h('div', { class: 'controls' }, h('div', { class: 'field grow' }, h('label', { for: 'filter' }, 'Filter'), filter), h('div', { class: 'field' }, h('label', { for: 'show' }, 'Show'), show)),
    count,
    h('div', { class: 'scroll' }, h('table', { id: 'results' },
      h('thead', null, h('tr', null, ['Line', 'Id', 'Query', 'Top hit', 'Score', 'Status', 'Lists', 'Why'].map((t) => h('th', { scope: 'col' }, t)))),
      tbody)));
}

/** The batch page: drop or pick a CSV, watch progress, filter the results and download them. */
export function batchView(root: HTMLElement, jobId: string | undefined, today: string): void {
  const file = h('input', { id: 'file', type: 'file', accept: '.csv,text/csv,text/plain', class: 'visually-hidden' });
  const asOf = h('input', { id: 'batch-as-of', type: 'date', value: today });
  const role = h('select', { id: 'batch-role' }, ROLES.map(([v, label]) => h('option', { value: v }, label)));
  const zone = h('label', { for: 'file', class: 'drop', id: 'drop' },
    h('strong', null, 'Drop a CSV here'), h('span', null, ' or press to choose a file'),
    h('span', { class: 'small muted' }, 'A header with a name (or query) column, optional id and as_of columns; or one name per line.'));
  const progress = h('div', { class: 'job', 'aria-live': 'polite' });
  const results = h('div');
  let polling = 0;

  const show = async (id: string): Promise<void> => {
    const mine = ++polling;
    for (;;) {
      let job: JobRecord;
      try {
        job = await get<JobRecord>(`/jobs/${encodeURIComponent(id)}`);
      } catch (e) {
        mount(progress, h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : 'The server did not answer.'));
        return;
      }
      if (mine !== polling) return;
      const total = job.total ?? 0;
      mount(progress,
        h('label', { for: 'job-progress' }, `Job ${job.id.slice(0, 8)} · ${job.status} · ${job.processed} of ${total || '?'} rows`),
        h('progress', { id: 'job-progress', max: String(total || 1), value: String(job.processed) }),
        job.errors.length ? h('details', null, h('summary', null, `${job.errors.length} row(s) skipped`), h('ul', { class: 'small' }, job.errors.slice(0, 50).map((x) => h('li', null, `line ${x.line}: ${x.problem}`)))) : null,
        job.failure ? h('p', { class: 'error' }, job.failure) : null,
        h('p', { class: 'downloads' },
          h('a', { class: 'button', href: resultsUrl(job.id, 'csv'), download: `listwatch-${job.id}.csv`, id: 'download-csv' }, 'Download CSV'), ' ',
          h('a', { class: 'button secondary', href: resultsUrl(job.id, 'jsonl'), download: `listwatch-${job.id}.jsonl` }, 'Download JSONL')));
      if (job.status === 'done' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 400));
      if (mine !== polling) return;
    }
    const text = await (await fetch(resultsUrl(id, 'jsonl'))).text();
    const lines = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);
    mount(results, resultsTable(lines));
  };

  const upload = async (f: File): Promise<void> => {
    mount(results);
    mount(progress, h('p', { class: 'status' }, `Uploading ${f.name}…`));
    try {
      const job = await postJob(f, { as_of: asOf.value, role: role.value });
      history.replaceState(null, '', `#/batch/${job.id}`);
      await show(job.id);
    } catch (e) {
      mount(progress, h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? `${e.message}` : 'The upload failed.'));
    }
  };
  file.addEventListener('change', () => { const f = file.files?.[0]; if (f) void upload(f); });
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const f = e.dataTransfer?.files[0];
    if (f) void upload(f);
  });

  mount(root,
    h('h1', null, 'Batch screening'),
    h('form', { class: 'controls', onsubmit: (e: Event) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'batch-as-of' }, 'As of'), asOf),
      h('div', { class: 'field' }, h('label', { for: 'batch-role' }, 'Your role'), role)),
    file, zone, progress, results);
  if (jobId) void show(jobId);
}
