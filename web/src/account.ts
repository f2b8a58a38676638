import type { ScreenHit } from '../../src/app/types.js';
import { h, mount } from './dom.js';

/**
 * Accounts in the UI: sign-in with an API key or a user name and password, the bearer key on
 * every API call, the evidence report buttons and the case decision buttons. The key lives in
 * sessionStorage (gone when the tab closes); nothing else is stored.
 */

const KEY = 'listwatch.key';
type Me = { mode: 'open' | 'keys'; signedIn: boolean; actor: string | null; role: string | null; name: string | null };
let me: Me | null = null;
const listeners: (() => void)[] = [];

/** The stored bearer key, if signed in. */
function stored(): string | null {
  return sessionStorage.getItem(KEY);
}

/**
 * Adds `Authorization: Bearer KEY` to every same-origin /api/ request while signed in, and opens
 * the sign-in dialog when the API answers 401. Call once, before the first request.
 */
export function installAuth(): void {
  const original = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const api = url.startsWith('/api/') || url.startsWith(`${location.origin}/api/`);
    const key = stored();
    if (api && key) {
      const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
      headers.set('authorization', `Bearer ${key}`);
      init = { ...init, headers };
    }
    const res = await original(input, init);
    if (api && res.status === 401 && !url.includes('/auth/')) {
      if (key) sessionStorage.removeItem(KEY);
      openSignIn();
    }
    return res;
  };
}

/** Asks the server who we are; refreshes the header box. */
export async function refreshMe(): Promise<Me | null> {
  try {
    const r = await fetch('/api/v1/auth/me');
    me = r.ok ? ((await r.json()) as Me) : null;
  } catch {
    me = null;
  }
  for (const l of listeners) l();
  return me;
}

/** The header's account box: mode, who is signed in, sign in / sign out. */
export function accountBox(): HTMLElement {
  const box = h('div', { class: 'account', 'aria-live': 'polite' });
  const render = (): void => {
    if (!me) return mount(box);
    if (me.mode === 'open') return mount(box, h('span', { class: 'small', title: 'No API keys exist: anyone who can reach this server can use it' }, 'Open single-user mode'));
    if (me.signedIn) {
      return mount(box, h('span', { class: 'small', 'data-testid': 'signed-in' }, `${me.name ?? me.actor} (${me.role})`), ' ',
        h('button', { type: 'button', class: 'button secondary', onclick: () => void signOut() }, 'Sign out'));
    }
    return mount(box, h('button', { type: 'button', class: 'button', onclick: () => openSignIn() }, 'Sign in'));
  };
  listeners.push(render);
  render();
  return box;
}

async function signOut(): Promise<void> {
  await fetch('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
  sessionStorage.removeItem(KEY);
  await refreshMe();
  openSignIn();
}

let dialog: HTMLDialogElement | null = null;

/** Opens the sign-in dialog (a key, or a user name and password). */
export function openSignIn(): void {
  if (dialog?.open) return;
  const msg = h('p', { class: 'error', role: 'alert' });
  const key = h('input', { id: 'signin-key', type: 'password', autocomplete: 'off', spellcheck: 'false' });
  const user = h('input', { id: 'signin-user', type: 'text', autocomplete: 'username' });
  const pass = h('input', { id: 'signin-password', type: 'password', autocomplete: 'current-password' });
  const done = async (k: string): Promise<void> => {
    sessionStorage.setItem(KEY, k);
    const who = await refreshMe();
    if (!who?.signedIn) {
      sessionStorage.removeItem(KEY);
      mount(msg, 'That key is not valid (unknown, revoked or expired).');
      return;
    }
    dialog?.close();
    window.dispatchEvent(new HashChangeEvent('hashchange')); // re-render the page with access
  };
  dialog?.remove();
  dialog = h('dialog', { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h2', { id: 'signin-title' }, 'Sign in to listwatch'),
    msg,
    h('form', { onsubmit: (e: Event) => { e.preventDefault(); if (key.value.trim()) void done(key.value.trim()); } },
      h('div', { class: 'field' }, h('label', { for: 'signin-key' }, 'API key'), key),
      h('button', { type: 'submit' }, 'Sign in with key')),
    h('p', { class: 'muted small' }, 'or'),
    h('form', {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const r = await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: user.value, password: pass.value }) });
        const body = (await r.json().catch(() => null)) as { key?: string; error?: { message: string } } | null;
        if (!r.ok || !body?.key) return mount(msg, body?.error?.message ?? 'Sign-in failed.');
        await done(body.key);
      },
    },
      h('div', { class: 'field' }, h('label', { for: 'signin-user' }, 'User name'), user),
      h('div', { class: 'field' }, h('label', { for: 'signin-password' }, 'Password'), pass),
      h('button', { type: 'submit' }, 'Sign in with password')));
  document.body.appendChild(dialog);
  dialog.showModal();
  key.focus();
}

/** Fetches a report with the bearer key and opens (HTML) or downloads (PDF) it. */
async function fetchReport(params: URLSearchParams, format: 'pdf' | 'html', status: HTMLElement): Promise<void> {
  params.set('format', format);
  mount(status, 'Preparing the report…');
  const r = await fetch(`/api/v1/screen/report?${params}`);
  if (!r.ok) {
    const body = (await r.json().catch(() => null)) as { error?: { message: string } } | null;
    return mount(status, h('span', { class: 'error' }, body?.error?.message ?? `HTTP ${r.status}`));
  }
  const url = URL.createObjectURL(await r.blob());
  const a = h('a', { href: url, download: format === 'pdf' ? `listwatch-evidence-${r.headers.get('x-audit-seq') ?? ''}.pdf` : null, target: format === 'html' ? '_blank' : null, rel: 'noopener' });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  mount(status, `Report ready (audit entry #${r.headers.get('x-audit-seq') ?? '?'}).`);
}

/** "Evidence report" buttons for the current screen (PDF download, printable page). */
export function reportButtons(q: { q: string; as_of?: string; threshold?: string; role?: string }): HTMLElement {
  const params = (): URLSearchParams => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
    return p;
  };
  const status = h('span', { class: 'small', role: 'status' });
  return h('div', { class: 'report-actions' },
    h('button', { type: 'button', class: 'button secondary', onclick: () => void fetchReport(params(), 'pdf', status) }, 'Evidence report (PDF)'), ' ',
    h('button', { type: 'button', class: 'button secondary', onclick: () => void fetchReport(params(), 'html', status) }, 'Printable page'), ' ',
    status);
}

function decisionText(d: NonNullable<ScreenHit['decision']>): string {
  return `${d.verdict === 'true-match' ? 'True match' : 'False positive'} · ${d.actor} · ${d.at.slice(0, 16).replace('T', ' ')} UTC · “${d.note}”${d.listingChanged ? ' · the listing has changed since: review again' : ''}`;
}

/** The case decision beside a hit (who, when, note) and the buttons to record one. */
export function decisionBox(query: string, hit: ScreenHit): HTMLElement {
  const shown = h('p', { class: 'small decision', 'data-testid': 'decision' }, hit.decision ? ['Decision: ', decisionText(hit.decision)] : 'No decision recorded.');
  const note = h('input', { type: 'text', 'aria-label': `Note on ${hit.name}`, placeholder: 'Note: what you checked', maxlength: 5000 });
  const msg = h('span', { class: 'small', role: 'status' });
  const decide = async (verdict: 'true-match' | 'false-positive'): Promise<void> => {
    if (!note.value.trim()) return mount(msg, h('span', { class: 'error' }, 'Write a note first: what did you check?'));
    const r = await fetch('/api/v1/decisions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, entity_id: hit.entityId, verdict, note: note.value.trim() }) });
    const body = (await r.json().catch(() => null)) as (NonNullable<ScreenHit['decision']> & { error?: { message: string } }) | null;
    if (!r.ok || !body) return mount(msg, h('span', { class: 'error' }, body?.error?.message ?? `HTTP ${r.status}`));
    mount(shown, 'Decision: ', decisionText({ ...body, listingChanged: false }));
    note.value = '';
    mount(msg, 'Recorded.');
  };
  return h('div', { class: 'decide' },
    shown,
    h('form', { class: 'controls', onsubmit: (e: Event) => e.preventDefault() },
      note,
      h('button', { type: 'button', class: 'button secondary', onclick: () => void decide('true-match') }, 'True match'),
      h('button', { type: 'button', class: 'button secondary', onclick: () => void decide('false-positive') }, 'False positive'),
      msg));
}
