import { ApiError, download, get, postJob, reportUrl, resultsUrl, send } from '../api.js';
import type { JobView, ScreenResult } from '../api.js';
import { badge, h, mount } from '../dom.js';
import { ROLES } from '../obligations.js';

/** One result record: a screen result, or (`error`) a row that could not be screened. */
type Line = ScreenResult & { line: number; id?: string; error?: string };
const FINAL = ['done', 'failed', 'cancelled'];

/** What GET /jobs/{id} adds to a job: coverage, and once finished the counts by outcome and the audit entry. */
type JobDetail = JobView & {
  coverage?: { warnings: { message: string }[] };
  outcomes?: Record<string, number>;
  audit?: { seq: number; hash: string; answerDigest?: string };
};

/** Rows by outcome: with a hit, without one, not screened (by active/inactive once finished); the coverage warnings. */
function outcomes(job: JobDetail): HTMLElement {
  const noHit = Math.max(0, job.done - job.withHits - job.rowErrors);
  const o = job.outcomes;
  return h('div', null,
    h('p', { class: 'small', id: 'job-summary' },
      o ? `${o['hit-active'] ?? 0} with active hits · ${(o['hit-inactive'] ?? 0) + (o['hit-unknown'] ?? 0)} with inactive or unknown hits · ${o['no-hit'] ?? 0} without · ${o['error'] ?? 0} not screened`
        : `${job.withHits} with hits · ${noHit} without · ${job.rowErrors} not screened`,
      job.fileSha256 ? h('span', { class: 'muted' }, ` · file SHA-256 ${job.fileSha256.slice(0, 12)}…`) : null,
      job.audit ? h('span', { class: 'muted' }, ` · audit entry #${job.audit.seq}`) : null),
    ...(job.coverage?.warnings ?? []).map((w) => h('p', { class: 'small error', 'data-testid': 'coverage-warning' }, `Coverage: ${w.message}`)));
}

/** A button that downloads (or opens) an API file with the signed-in key; failures show in `status`. */
function downloadButton(label: string, url: () => string, fileName: string, status: HTMLElement, opts: { id?: string; open?: boolean; secondary?: boolean } = {}): HTMLElement {
  return h('button', {
    type: 'button', class: opts.secondary ? 'button secondary' : 'button', ...(opts.id ? { id: opts.id } : {}),
    onclick: async () => {
      mount(status, `Preparing ${fileName}…`);
      try {
        await download(url(), fileName, opts.open ?? false);
        mount(status, '');
      } catch (e) {
        mount(status, h('span', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : 'The download failed.'));
      }
    },
  }, label);
}
const SHOW_MAX = 2000; // rows rendered; the download has all of them

function resultsTable(lines: Line[]): HTMLElement {
  const filter = h('input', { id: 'filter', type: 'search', placeholder: 'name or entity' });
  const show = h('select', { id: 'show' },
    h('option', { value: 'all' }, 'All rows'), h('option', { value: 'active' }, 'Active hits'),
    h('option', { value: 'inactive' }, 'Only inactive hits'), h('option', { value: 'none' }, 'No hit'), h('option', { value: 'error' }, 'Not screened'));
  const tbody = h('tbody');
  const count = h('p', { class: 'small', role: 'status' });
  const render = (): void => {
    const f = filter.value.trim().toLowerCase();
    const rows = lines.filter((l) => {
      const top = l.hits?.[0];
      const hits = l.hits ?? [];
      if (show.value === 'active' && !hits.some((x) => x.active)) return false;
      if (show.value === 'inactive' && !(hits.length && !hits.some((x) => x.active))) return false;
      if (show.value === 'none' && (hits.length || l.error !== undefined)) return false;
      if (show.value === 'error' && l.error === undefined) return false;
      return !f || l.query.toLowerCase().includes(f) || (top?.name.toLowerCase().includes(f) ?? false);
    });
    mount(count, `${rows.length} of ${lines.length} rows${rows.length > SHOW_MAX ? ` (first ${SHOW_MAX} shown)` : ''}`);
    mount(tbody, rows.slice(0, SHOW_MAX).map((l) => {
      const top = l.hits?.[0];
      return h('tr', null,
        h('td', { class: 'num' }, l.line), h('td', null, l.id ?? ''), h('td', null, l.query),
        h('td', null, top ? h('a', { href: `#/entity/${encodeURIComponent(top.entityId)}?as_of=${l.asOf}` }, top.name)
          : l.error !== undefined ? h('span', { class: 'error' }, `not screened: ${l.error}`) : h('span', { class: 'muted' }, 'no hit')),
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

  const pastBody = h('tbody');
  const past = h('section', { 'aria-labelledby': 'h-past' },
    h('h2', { id: 'h-past' }, 'Past jobs'),
    h('div', { class: 'scroll' }, h('table', { id: 'jobs' },
      h('thead', null, h('tr', null, ['Started', 'File', 'State', 'Rows', 'With hits', 'Not screened', ''].map((t) => h('th', { scope: 'col' }, t)))),
      pastBody)));

  /** Cancel and delete, for the job shown and for each past job. */
  const actions = (job: JobView): HTMLElement => h('span', { class: 'actions' },
    FINAL.includes(job.state) ? null : h('button', { type: 'button', class: 'secondary', 'data-action': 'cancel', 'aria-label': `Cancel job ${job.id.slice(0, 8)}`, onclick: () => void act('POST', `/jobs/${encodeURIComponent(job.id)}/cancel`, job.id) }, 'Cancel'), ' ',
    h('button', { type: 'button', class: 'secondary', 'data-action': 'delete', 'aria-label': `Delete job ${job.id.slice(0, 8)}`, onclick: () => {
      if (confirm(`Delete job ${job.id.slice(0, 8)} with its upload and results?`)) void act('DELETE', `/jobs/${encodeURIComponent(job.id)}`, job.id);
    } }, 'Delete'));

  const loadPast = async (): Promise<void> => {
    try {
      const { jobs } = await get<{ jobs: JobView[] }>('/jobs', { limit: 20 });
      mount(pastBody, jobs.length ? jobs.map((j) => h('tr', { 'data-job': j.id },
        h('td', { class: 'small' }, j.createdAt.replace('T', ' ').slice(0, 19)),
        h('td', null, h('a', { href: `#/batch/${encodeURIComponent(j.id)}` }, j.fileName ?? j.id.slice(0, 8))),
        h('td', null, badge(j.state, j.state === 'done' ? 'active' : j.state === 'failed' ? 'inactive' : 'muted')),
        h('td', { class: 'num' }, `${j.done} / ${j.total}`),
        h('td', { class: 'num' }, j.withHits), h('td', { class: 'num' }, j.rowErrors),
        h('td', null, actions(j)))) : h('tr', null, h('td', { colspan: '7', class: 'muted' }, 'No jobs yet.')));
    } catch {
      mount(pastBody, h('tr', null, h('td', { colspan: '7', class: 'error' }, 'Past jobs could not be loaded.')));
    }
  };

  let shown: string | undefined;
  const act = async (method: 'POST' | 'DELETE', path: string, id: string): Promise<void> => {
    try {
      await send(method, path);
    } catch (e) {
      mount(progress, h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : 'The server did not answer.'));
      return;
    }
    if (method === 'DELETE' && shown === id) {
      polling++;
      shown = undefined;
      history.replaceState(null, '', '#/batch');
      mount(progress, h('p', { class: 'status', role: 'status' }, `Job ${id.slice(0, 8)} deleted.`));
      mount(results);
    } else if (shown === id) void show(id);
    await loadPast();
  };

  /** Downloads through fetch (with the signed-in key): results, and once finished the summary report. */
  const downloads = (job: JobDetail): HTMLElement => {
    const status = h('span', { class: 'small', role: 'status' });
    const final = FINAL.includes(job.state);
    return h('p', { class: 'downloads' },
      downloadButton('Download CSV', () => resultsUrl(job.id, 'csv'), `listwatch-${job.id}.csv`, status, { id: 'download-csv' }), ' ',
      downloadButton('CSV for Excel', () => resultsUrl(job.id, 'csv', true), `listwatch-${job.id}.csv`, status, { id: 'download-csv-bom', secondary: true }), ' ',
      downloadButton('Download JSONL', () => resultsUrl(job.id, 'jsonl'), `listwatch-${job.id}.jsonl`, status, { id: 'download-jsonl', secondary: true }), ' ',
      final ? downloadButton('Summary report (PDF)', () => reportUrl(job.id, 'pdf'), `listwatch-batch-${job.id}.pdf`, status, { id: 'report-pdf', secondary: true }) : null, ' ',
      final ? downloadButton('Printable summary', () => reportUrl(job.id, 'html'), `listwatch-batch-${job.id}.html`, status, { id: 'report-html', secondary: true, open: true }) : null, ' ',
      actions(job), ' ', status);
  };

  const show = async (id: string): Promise<void> => {
    const mine = ++polling;
    shown = id;
    let job: JobDetail;
    for (;;) {
      try {
        job = await get<JobDetail>(`/jobs/${encodeURIComponent(id)}`);
      } catch (e) {
        mount(progress, h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : 'The server did not answer.'));
        return;
      }
      if (mine !== polling) return;
      const total = job.total;
      mount(progress,
        h('label', { for: 'job-progress' }, `Job ${job.id.slice(0, 8)} · ${job.state} · ${job.done} of ${total || '?'} rows`),
        h('progress', { id: 'job-progress', max: String(total || 1), value: String(job.done) }),
        outcomes(job),
        job.errors.length ? h('details', null, h('summary', null, `${job.rowErrors} row(s) not screened`), h('ul', { class: 'small' }, job.errors.slice(0, 50).map((x) => h('li', null, `line ${x.line}: ${x.problem}`)))) : null,
        job.failure ? h('p', { class: 'error' }, job.failure) : null,
        downloads(job));
      if (FINAL.includes(job.state)) break;
      await new Promise((r) => setTimeout(r, 400));
      if (mine !== polling) return;
    }
    void loadPast();
    const text = await (await fetch(resultsUrl(id, 'jsonl'))).text();
    if (mine !== polling) return;
    const lines = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);
    mount(results, resultsTable(lines));
  };

  const upload = async (f: File): Promise<void> => {
    mount(results);
    mount(progress, h('p', { class: 'status' }, `Uploading ${f.name}…`));
    try {
      const job = await postJob(f, { as_of: asOf.value, role: role.value });
      history.replaceState(null, '', `#/batch/${job.id}`);
      void loadPast();
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
    file, zone, progress, results, past);
  void loadPast();
  if (jobId) void show(jobId);
}
