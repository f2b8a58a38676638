import './style.css';
import { get } from './api.js';
import { loadSources } from './cite.js';
import { h, mount } from './dom.js';
import { batchView } from './views/batch.js';
import { dossierView } from './views/dossier.js';
import { listsView, listView } from './views/lists.js';
import { screenView } from './views/screen.js';
import { alertsView, unreadCount } from './views/alerts.js';
import { accountBox, installAuth, openSignIn, refreshMe } from './account.js';

installAuth();

type Health = { engine: string; entities: number; datasetHash: string | null; today: string };

const main = document.getElementById('main')!;
let today = new Date().toISOString().slice(0, 10);

/** Hash routes (the state of every view is in its URL, so any view can be shared): #/?q=&as_of=&role= screen, #/entity/<id>, #/lists, #/lists/<id>, #/batch[/<job>]. */
async function route(): Promise<void> {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const section = parts[0] ?? 'screen';
  for (const a of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    const here = a.dataset.nav === (section === 'entity' ? 'screen' : section);
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  await loadSources();
  switch (section) {
    case 'screen': screenView(main, today, params); break;
    case 'entity': await dossierView(main, parts.slice(1).join('/'), params, today); break;
    case 'lists': await (parts[1] ? listView(main, parts.slice(1).join('/'), params, today) : listsView(main, today, params)); break;
    case 'batch': batchView(main, parts[1], today); break;
    case 'alerts': await alertsView(main, parts[1], () => void showUnread()); break;
    default: mount(main, h('h1', null, 'Not found'), h('p', null, h('a', { href: '#/' }, 'Back to screening')));
  }
  document.title = `listwatch · ${main.querySelector('h1')?.textContent ?? ''}`;
}

/** The unread-alerts count beside the Alerts link. */
async function showUnread(): Promise<void> {
  const n = await unreadCount();
  const el = document.getElementById('unread');
  if (el) mount(el, n ? ` (${n})` : '');
}

window.addEventListener('hashchange', () => {
  void route().then(() => main.focus({ preventScroll: true }));
});

document.querySelector('header.top')?.appendChild(accountBox());
void refreshMe().then((m) => { if (m?.mode === 'keys' && !m.signedIn) openSignIn(); });

void get<Health>('/health').then((hl) => {
  today = hl.today;
  mount(document.getElementById('health')!, `${hl.entities} entities · ${hl.engine}${hl.datasetHash ? ` · dataset ${hl.datasetHash.slice(0, 12)}` : ''}`);
}).catch(() => undefined).finally(() => { void route(); void showUnread(); });
