import { ApiError, get } from '../api.js';
import type { Alert, WatchlistSummary, WatchItemStatus } from '../../../src/app/watchlists/types.js';
import { badge, h, mount } from '../dom.js';

const BASE = '/api/v1';

async function send<T>(method: string, path: string, body: string, type: string): Promise<T> {
  const res = await fetch(`${BASE}${path}`, { method, body, headers: { 'content-type': type } });
  const json = (await res.json().catch(() => null)) as ({ error?: { code: string; message: string } } & T) | null;
  if (!res.ok) throw new ApiError(res.status, json?.error?.code ?? 'HTTP', json?.error?.message ?? `HTTP ${res.status}`);
  return json as T;
}

function failed(root: HTMLElement, e: unknown): void {
  mount(root, h('h1', null, 'Alerts'), h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : 'The server did not answer.'));
}

/** The number of unread alerts, for the navigation badge (0 when the API cannot be read). */
export async function unreadCount(): Promise<number> {
  try {
    return (await get<WatchlistSummary[]>('/watchlists')).reduce((n, w) => n + w.unread, 0);
  } catch {
    return 0;
  }
}

function alertItem(a: Alert, onRead: (id: string) => void): HTMLElement {
  const pub = a.publication;
  return h('li', { class: `card alert${a.readAt ? '' : ' unread'}` },
    h('p', null, badge(a.kind, a.kind === 'designation-ended' ? 'inactive' : 'active'), ' ', a.readAt ? null : badge('unread', 'unverified'), ' ', h('strong', null, a.title)),
    h('p', { class: 'small' }, `${a.watchlist} · counterparty ${a.item.name}${a.item.ref ? ` (${a.item.ref})` : ''} · ${a.date}`,
      a.entity ? [' · ', h('a', { href: `#/entity/${encodeURIComponent(a.entity.id)}` }, a.entity.name)] : null),
    a.detail ? h('p', { class: 'small' }, a.detail) : null,
    pub ? h('p', { class: 'small' }, 'Publication: ', pub.url ? h('a', { href: pub.url, rel: 'noopener' }, pub.citation ?? pub.title) : pub.citation ?? pub.title, ` (${pub.date})`) : null,
    a.sources.length ? h('p', { class: 'small' }, 'Sources: ', a.sources.map((s, i) => [i ? '; ' : '', s.url ? h('a', { href: s.url, rel: 'noopener' }, s.title) : s.title])) : null,
    a.readAt ? null : h('button', { type: 'button', onclick: () => onRead(a.id) }, 'Mark read'));
}

function statusTable(items: WatchItemStatus[]): HTMLElement {
  return h('table', null,
    h('thead', null, h('tr', null, h('th', null, 'Ref'), h('th', null, 'Counterparty'), h('th', null, 'Status'), h('th', null, 'Matches (lists in force)'))),
    h('tbody', null, items.map((i) => h('tr', null,
      h('td', null, i.ref ?? ''), h('td', null, i.name), h('td', null, badge(i.status, i.status === 'hit' ? 'active' : i.status === 'clear' ? 'inactive' : 'unverified')),
      h('td', null, (i.result?.hits ?? []).map((x, n) => [n ? '; ' : '', h('a', { href: `#/entity/${encodeURIComponent(x.entityId)}` }, x.name), ` (${x.lists.map((l) => l.listId).join(', ')})`]))))));
}

/**
 * `#/alerts[/<watchlist>]`: watchlists with their unread counts, a form to create or update one from
 * a CSV, the alerts (newest first, each with its publication and sources; mark read), the Atom feed
 * link and, for one watchlist, each counterparty's current status.
 */
export async function alertsView(root: HTMLElement, watchlist: string | undefined, onChange: () => void): Promise<void> {
  mount(root, h('h1', null, 'Alerts'), h('p', { class: 'status', role: 'status' }, 'Loading…'));
  let lists: WatchlistSummary[];
  let alerts: Alert[];
  let status: { items: WatchItemStatus[] } | null = null;
  try {
    lists = await get<WatchlistSummary[]>('/watchlists');
    alerts = await get<Alert[]>('/alerts', { watch: watchlist, limit: 500 });
    if (watchlist) status = await get<{ items: WatchItemStatus[] }>(`/watchlists/${encodeURIComponent(watchlist)}`);
  } catch (e) {
    return failed(root, e);
  }
  const rerender = (): void => { onChange(); void alertsView(root, watchlist, onChange); };
  const markRead = (id: string): void => { void send('POST', '/alerts/read', JSON.stringify({ ids: [id] }), 'application/json').then(rerender); };
  const msg = h('p', { role: 'status', class: 'status' });
  const name = h('input', { id: 'wl-name', name: 'name', required: true, pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{0,99}', value: watchlist ?? '' });
  const file = h('input', { id: 'wl-file', type: 'file', accept: '.csv,text/csv', required: true });
  const form = h('form', {
    onsubmit: (ev: Event) => {
      ev.preventDefault();
      const f = file.files?.[0];
      if (!f) return;
      mount(msg, 'Uploading…');
      void f.text().then((text) => send<{ total: number; added: number }>('POST', `/watchlists/${encodeURIComponent(name.value)}/items`, text, 'text/csv'))
        .then((r) => { mount(msg, `Saved: ${r.added} added, ${r.total} counterparties.`); location.hash = `#/alerts/${encodeURIComponent(name.value)}`; })
        .catch((e: unknown) => mount(msg, h('span', { class: 'error', role: 'alert' }, e instanceof Error ? e.message : String(e))));
    },
  }, h('label', { for: 'wl-name' }, 'Watchlist '), name, ' ', h('label', { for: 'wl-file' }, 'CSV (name, country, isin, uscc, lei, ticker, ref) '), file, ' ', h('button', { type: 'submit' }, 'Create or update'), msg);

  mount(root,
    h('h1', null, watchlist ? `Alerts: ${watchlist}` : 'Alerts'),
    h('section', null, h('h2', null, 'Watchlists'),
      lists.length ? h('ul', { class: 'plain' }, lists.map((w) => h('li', null,
        h('a', { href: `#/alerts/${encodeURIComponent(w.name)}` }, w.name), ` · ${w.items} counterparties · ${w.hits} with hits · `,
        w.unread ? badge(`${w.unread} unread`, 'unverified') : `${w.alerts} alerts`, ' · ',
        h('a', { href: `${BASE}/watchlists/${encodeURIComponent(w.name)}/feed.atom` }, 'Atom feed')))) : h('p', { class: 'muted' }, 'No watchlists yet.'),
      form),
    watchlist ? h('p', null, h('a', { href: '#/alerts' }, 'All watchlists'), ' · ',
      h('button', { type: 'button', onclick: () => { void send('POST', '/alerts/read', JSON.stringify({ watch: watchlist }), 'application/json').then(rerender); } }, 'Mark all read')) : null,
    h('section', null, h('h2', null, `Alerts (${alerts.length})`),
      alerts.length ? h('ul', { class: 'cards' }, alerts.map((a) => alertItem(a, markRead))) : h('p', { class: 'muted' }, 'No alerts.')),
    status ? h('section', null, h('h2', null, 'Counterparties'), statusTable(status.items)) : null);
}
