// End-to-end: the real UI in Debian's chromium against a real listening server on a seeded store.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import type { PublicationDiff } from '../src/app/types.js';
import type { Entity, ListEvent } from '../src/core/model.js';
import { pgliteLocation } from '../src/store/testing.js';
import { repoRoot, serverFixture } from '../src/server/test-support/app.js';
import type { ServerFixture } from '../src/server/test-support/app.js';
import { testWebBuild, type TestWebBuild } from './test-web-build.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is missing (install it with .ci/install-browser.sh)`;
const artifacts = path.join(repoRoot, 'test-artifacts');
const DOD = 'us-dod-1260h';
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[] };

/** Runs axe-core in the page; fails on serious or critical violations, saving the report beside the screenshots. */
async function checkA11y(page: Page, name: string): Promise<void> {
  const axe = (await import('axe-core')).default;
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  const res = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<AxeResult> } };
    return w.axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
  }) as AxeResult;
  writeFileSync(path.join(artifacts, `axe-${name}.json`), JSON.stringify(res.violations, null, 1));
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))})`), [], `${name}: no serious accessibility violations`);
}

/** Horizontal overflow of the page in px (0 when nothing scrolls sideways). */
async function overflowX(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('web UI end to end (chromium)', { skip }, () => {
  let fx: ServerFixture;
  let app: FastifyInstance;
  let base = '';
  let browser: Browser;
  let page: Page;
  let listed: Entity;
  let sued: { entity: Entity; event: ListEvent } | undefined;
  let jobId = '';
  let web: TestWebBuild | undefined;

  before(async () => {
    web = await testWebBuild(repoRoot);
    mkdirSync(artifacts, { recursive: true });
    fx = await serverFixture({ name: 'pglite', location: pgliteLocation });
    // An entity in force on the DoD list that carries a Chinese name, when there is one.
    const inForce = (await fx.store.getDesignations({ listId: DOD })).filter((d) => d.to === null);
    const entities = await fx.store.getEntities(inForce.map((d) => d.entityId));
    listed = entities.find((e) => e.names.some((n) => n.kind === 'zh-hans' && n.verified)) ?? entities[0]!;
    // An entity with a recorded lawsuit, for the litigation flag.
    const suits = await fx.store.getEvents({ kind: 'lawsuit-filed' });
    for (const ev of suits) {
      const e = ev.entityIds[0] ? await fx.store.getEntity(ev.entityIds[0]) : null;
      if (e) { sued = { entity: e, event: ev }; break; }
    }
    app = await fx.app({ webDir: web.dir });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: LAPTOP, acceptDownloads: true });
    const job = await fetch(`${base}/api/v1/jobs`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: `name\n${JSON.stringify(listed.name)}\nZzyzx Bakery of Ohio\n` });
    jobId = ((await job.json()) as { id: string }).id;
    await app.jobs.settled();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    web?.release();
    await fx?.dispose();
  });

  test('type a name and see the hit, with why it matched and its source', async () => {
    await page.goto(`${base}/#/`);
    await page.getByLabel('Name').fill(listed.name);
    const hit = page.locator('li.hit').first();
    await hit.waitFor();
    assert.equal(await hit.locator('h3 a').textContent(), listed.name);
    const why = (await hit.locator('.why').textContent()) ?? '';
    assert.match(why, /Why it matched: \S/);
    assert.doesNotMatch(why, /[a-z]+_[a-z]+=/, 'the explanation is in words, not feature=value');
    assert.match((await hit.locator('.verdict .headline').textContent()) ?? '', /Listed today on /);
    assert.ok(await hit.locator('.verdict a.src, .verdict .src').count() > 0, 'the verdict cites the notice that added the listing');
    assert.equal(await hit.locator('details.features').getAttribute('open'), null, 'features are behind a toggle');
    await page.getByLabel('Your role').selectOption('dod-contractor');
    await page.locator('li.hit .verdict .for-role').first().waitFor();
    assert.match((await page.locator('li.hit .verdict .for-role').first().textContent()) ?? '', /^For a DoD contractor/);
    // The answer says what it checked: every list with its latest publication (issue #9).
    const checked = page.locator('section.coverage summary').first();
    await checked.waitFor();
    const lists = Number(/^Checked (\d+) lists as of \d{4}-\d{2}-\d{2}$/.exec((await checked.textContent()) ?? '')?.[1]);
    assert.ok(lists > 1, 'the coverage names the lists consulted');
    assert.equal(await page.locator('section.coverage table.coverage-lists tbody tr').count(), lists);
    // The question is in the URL.
    const url = new URL(page.url());
    const qs = new URLSearchParams(url.hash.split('?')[1]);
    assert.equal(qs.get('q'), listed.name);
    assert.equal(qs.get('role'), 'dod-contractor');
    await page.screenshot({ path: path.join(artifacts, 'screen.png'), fullPage: true });
    const zh = listed.names.find((n) => n.kind === 'zh-hans');
    if (zh) {
      await page.getByLabel('Name').fill(zh.name);
      await page.locator('li.hit h3 a', { hasText: listed.name }).first().waitFor();
      await page.screenshot({ path: path.join(artifacts, 'screen-chinese.png'), fullPage: true });
    }
  });

  test('open a dossier: names, timeline with sources, relations', async () => {
    await page.goto(`${base}/#/`);
    await page.getByLabel('Name').fill(listed.name);
    await page.locator('li.hit h3 a').first().click();
    await page.locator('article.dossier h1').waitFor();
    // The dossier opens with the verdict, then the timeline; names come after.
    const order = await page.evaluate(() => [...document.querySelectorAll('article.dossier .verdict, article.dossier h2')].map((e) => e.classList.contains('verdict') ? 'verdict' : e.textContent));
    assert.deepEqual(order.slice(0, 2), ['verdict', 'Timeline']);
    assert.ok(order.indexOf('Names') > order.indexOf('Timeline'));
    assert.match((await page.locator('article.dossier h1').textContent()) ?? '', new RegExp(listed.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.ok(await page.locator('.timeline li').count() > 0, 'a timeline');
    assert.ok(await page.locator('.timeline .cite').count() > 0, 'timeline steps carry sources');
    await page.getByRole('heading', { name: 'Relations' }).waitFor();
    await page.screenshot({ path: path.join(artifacts, 'dossier.png'), fullPage: true });
  });

  test('compare two 1260H editions', async () => {
    const pubs = (await fx.store.getPublications(DOD)).filter((p) => p.kind === 'edition');
    const [a, b] = pubs.slice(-2);
    assert.ok(a && b, 'two editions');
    await page.goto(`${base}/#/lists/${DOD}`);
    await page.locator('svg.chart').waitFor();
    await page.getByLabel('From').selectOption(a.id);
    await page.getByLabel('To').selectOption(b.id);
    await page.getByRole('button', { name: 'Compare' }).click();
    const diff = page.locator('#diff-result');
    await diff.waitFor();
    const api = (await (await fetch(`${base}/api/v1/lists/${DOD}/diff?from=${encodeURIComponent(a.id)}&to=${encodeURIComponent(b.id)}`)).json()) as PublicationDiff;
    const count = async (cls: string): Promise<number> => Number(/\((\d+)\)/.exec((await diff.locator(`.diff.${cls} h3`).textContent()) ?? '')?.[1]);
    assert.equal(await count('added'), api.added.length);
    assert.equal(await count('removed'), api.removed.length);
    assert.equal(await count('renamed'), api.renamed.length);
    assert.ok(api.added.length + api.removed.length + api.renamed.length > 0, 'the editions differ');
    if (api.added[0]) await diff.getByRole('link', { name: api.added[0].name }).first().waitFor();
    await page.screenshot({ path: path.join(artifacts, 'lists-diff.png'), fullPage: true });
    await page.screenshot({ path: path.join(artifacts, 'lists-top.png') });
    await diff.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'lists-diff-view.png') });
  });

  test('upload a CSV, watch it finish, filter and download the results', async () => {
    await page.goto(`${base}/#/batch`);
    const q = (s: string): string => `"${s.replace(/"/g, `""`)}"`;
    const csv = `id,name\na1,${q(listed.name)}\na2,Zzyzx Bakery of Ohio\na3,${q(listed.name.toUpperCase())}\n`;
    await page.locator('#file').setInputFiles({ name: 'names.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('#results tbody tr').first().waitFor({ timeout: 30_000 });
    assert.match((await page.locator('.job label').textContent()) ?? '', /done · 3 of 3/);
    assert.equal(await page.locator('#results tbody tr').count(), 3);
    await page.getByLabel('Show').selectOption('none');
    assert.equal(await page.locator('#results tbody tr').count(), 1);
    await page.getByLabel('Show').selectOption('all');
    await page.screenshot({ path: path.join(artifacts, 'batch.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    const saved = path.join(artifacts, 'batch-results.csv');
    await download.saveAs(saved);
    const rows = readFileSync(saved, 'utf8').trim().split('\n');
    assert.match(rows[0]!, /^line,id,query,/);
    assert.ok(rows.some((r) => r.startsWith('2,a1,') && r.includes(listed.id)));
  });

  test('past jobs: the summary by outcome, and delete from the list', async () => {
    await page.goto(`${base}/#/batch`);
    const csv = `id,name\nb1,Zzyzx Bakery of Ohio\nb2,\n`;
    await page.locator('#file').setInputFiles({ name: 'to-delete.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('#results tbody tr').first().waitFor({ timeout: 30_000 });
    assert.match((await page.locator('#job-summary').textContent()) ?? '', /0 with active hits · 0 with inactive or unknown hits · 1 without · 1 not screened/);
    const row = page.locator('#jobs tbody tr', { hasText: 'to-delete.csv' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /done/);
    page.once('dialog', (d) => void d.accept());
    await row.locator('[data-action="delete"]').click();
    await row.waitFor({ state: 'detached' });
    const ids = (await (await fetch(`${base}/api/v1/jobs`)).json() as { jobs: { fileName?: string }[] }).jobs.map((j) => j.fileName);
    assert.ok(!ids.includes('to-delete.csv'), 'deleted on the server too');
    await page.screenshot({ path: path.join(artifacts, 'batch-past-jobs.png'), fullPage: true });
  });

  test('a shared screen URL reproduces the answer: query, date and role', async () => {
    const shared = await browser.newPage({ viewport: LAPTOP });
    try {
      await shared.goto(`${base}/#/?${new URLSearchParams({ q: listed.name, as_of: '2026-11-21', role: 'us-investor' })}`);
      await shared.locator('li.hit .verdict .for-role').first().waitFor();
      assert.equal(await shared.getByLabel('Name').inputValue(), listed.name);
      assert.equal(await shared.getByLabel('As of').inputValue(), '2026-11-21');
      assert.equal(await shared.getByLabel('Your role').inputValue(), 'us-investor');
      assert.match((await shared.locator('li.hit .for-role').first().textContent()) ?? '', /^For a US investor/);
      // The dossier link carries the date and role on.
      const href = await shared.locator('li.hit h3 a').first().getAttribute('href');
      assert.match(href ?? '', /as_of=2026-11-21&role=us-investor/);
    } finally {
      await shared.close();
    }
  });

  test('litigation is flagged on the hit and in the dossier timeline, with its source', async (t) => {
    if (!sued) return t.skip('no lawsuit in the record');
    const { entity, event } = sued;
    await page.goto(`${base}/#/?${new URLSearchParams({ q: entity.name })}`);
    const hit = page.locator('li.hit', { has: page.locator('h3 a', { hasText: entity.name }) }).first();
    await hit.waitFor();
    assert.match((await hit.locator('.verdict .challenge').textContent()) ?? '', /(Under challenge|Challenged in court): suit filed /);
    const flag = hit.locator('.verdict .flags li', { hasText: event.title }).first();
    await flag.waitFor();
    assert.ok(await flag.locator('.cite').count() > 0, 'the flag cites its source');
    await hit.locator('h3 a').click();
    await page.locator('.timeline li.flagged').first().waitFor();
    assert.ok(await page.locator('.timeline li.flagged', { hasText: event.title }).count() > 0);
    await page.screenshot({ path: path.join(artifacts, 'dossier-litigation.png'), fullPage: true });
  });

  test('the diff exports as CSV, one row per change, and the comparison is in the URL', async () => {
    const pubs = (await fx.store.getPublications(DOD)).filter((p) => p.kind === 'edition');
    const [a, b] = pubs.slice(-2);
    await page.goto(`${base}/#/lists/${DOD}?${new URLSearchParams({ from: a!.id, to: b!.id })}`);
    await page.locator('#diff-result').waitFor();
    const api = (await (await fetch(`${base}/api/v1/lists/${DOD}/diff?from=${encodeURIComponent(a!.id)}&to=${encodeURIComponent(b!.id)}`)).json()) as PublicationDiff;
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#diff-csv').click()]);
    const saved = path.join(artifacts, 'diff.csv');
    await download.saveAs(saved);
    const rows = parse(readFileSync(saved, 'utf8')) as string[][];
    assert.equal(rows[0]![0], 'change');
    assert.equal(rows.length - 1, api.added.length + api.removed.length + api.renamed.length + api.changed.length + api.withdrawn.length);
    assert.ok(rows.every((r) => r.every((c) => !/^[=+\-@]/.test(c))), 'no cell starts a formula');
    assert.match(page.url(), /from=.*&to=/);
  });

  test('the dossier prints as a clean one-page record', async () => {
    const p = await browser.newPage({ viewport: LAPTOP });
    try {
      await p.goto(`${base}/#/entity/${encodeURIComponent(listed.id)}?as_of=2026-11-21`);
      await p.locator('article.dossier .verdict').waitFor();
      await p.emulateMedia({ media: 'print' });
      assert.equal(await p.locator('header.top').isVisible(), false, 'no navigation in print');
      assert.equal(await p.locator('form.controls').isVisible(), false, 'no controls in print');
      const pdf = await p.pdf({ path: path.join(artifacts, 'dossier-print.pdf'), format: 'A4', printBackground: false });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      assert.equal(pages, 1, `one page (got ${pages})`);
    } finally {
      await p.close();
    }
  });

  test('every view: no serious accessibility violation, no sideways scroll on a 390 px phone; screenshots at phone and laptop size', async () => {
    const pubs = (await fx.store.getPublications(DOD)).filter((p) => p.kind === 'edition');
    const [a, b] = pubs.slice(-2);
    const views: { name: string; url: string; ready: string }[] = [
      { name: 'screen', url: `#/?${new URLSearchParams({ q: listed.name, role: 'dod-contractor' })}`, ready: 'li.hit .verdict' },
      { name: 'screen-empty', url: '#/', ready: '#q' },
      { name: 'dossier', url: `#/entity/${encodeURIComponent(listed.id)}?as_of=2026-11-21&role=dod-contractor`, ready: 'article.dossier .timeline' },
      { name: 'lists', url: '#/lists', ready: '.cards .fresh' },
      { name: 'list-diff', url: `#/lists/${DOD}?${new URLSearchParams({ from: a!.id, to: b!.id })}`, ready: '#diff-result' },
      { name: 'batch', url: `#/batch/${jobId}`, ready: '#results tbody tr' },
    ];
    // Views other rooms add, when present on this build.
    if (existsSync(path.join(repoRoot, 'web', 'src', 'views', 'alerts.ts'))) views.push({ name: 'alerts', url: '#/alerts', ready: 'main h1' });
    if (sued) views.push({ name: 'dossier-litigation', url: `#/entity/${encodeURIComponent(sued.entity.id)}`, ready: '.timeline li.flagged' });
    for (const [size, viewport] of [['laptop', LAPTOP], ['phone', PHONE]] as const) {
      const p = await browser.newPage({ viewport, ...(size === 'phone' ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}) });
      try {
        for (const v of views) {
          await p.goto(`${base}/${v.url}`);
          await p.locator(v.ready).first().waitFor({ timeout: 90_000 }); // a loaded 2-core machine
          await p.waitForLoadState('networkidle');
          if (size === 'phone') assert.ok(await overflowX(p) <= 1, `${v.name}: no horizontal scroll on a phone (overflow ${await overflowX(p)}px)`);
          await checkA11y(p, `${v.name}-${size}`);
          await p.screenshot({ path: path.join(artifacts, `${v.name}-${size}.png`), fullPage: true });
        }
      } finally {
        await p.close();
      }
    }
  });
});
