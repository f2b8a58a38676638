// End-to-end: the real UI in Debian's chromium against a real listening server on a seeded store.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { PublicationDiff } from '../src/app/types.js';
import type { Entity } from '../src/core/model.js';
import { pgliteLocation } from '../src/store/testing.js';
import { repoRoot, serverFixture } from '../src/server/test-support/app.js';
import type { ServerFixture } from '../src/server/test-support/app.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is missing (install it with .ci/install-browser.sh)`;
const artifacts = path.join(repoRoot, 'test-artifacts');
const webDir = path.join(repoRoot, 'web', 'dist');
const DOD = 'us-dod-1260h';

describe('web UI end to end (chromium)', { skip }, () => {
  let fx: ServerFixture;
  let app: FastifyInstance;
  let base = '';
  let browser: Browser;
  let page: Page;
  let listed: Entity;

  before(async () => {
    if (!existsSync(path.join(webDir, 'index.html'))) {
      const { build } = await import('vite');
      await build({ root: path.join(repoRoot, 'web'), logLevel: 'warn', configFile: path.join(repoRoot, 'web', 'vite.config.ts') });
    }
    mkdirSync(artifacts, { recursive: true });
    fx = await serverFixture({ name: 'pglite', location: pgliteLocation });
    // An entity in force on the DoD list that carries a Chinese name, when there is one.
    const inForce = (await fx.store.getDesignations({ listId: DOD })).filter((d) => d.to === null);
    const entities = await fx.store.getEntities(inForce.map((d) => d.entityId));
    listed = entities.find((e) => e.names.some((n) => n.kind === 'zh-hans' && n.verified)) ?? entities[0]!;
    app = await fx.app({ webDir });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await fx?.dispose();
  });

  test('type a name and see the hit, with why it matched and its source', async () => {
    await page.goto(`${base}/#/`);
    await page.getByLabel('Name').fill(listed.name);
    const hit = page.locator('li.hit').first();
    await hit.waitFor();
    assert.equal(await hit.locator('h3 a').textContent(), listed.name);
    assert.match((await hit.locator('.why').textContent()) ?? '', /\S/);
    assert.ok(await hit.locator('.designations a.src, .designations .src').count() > 0, 'the designation cites its publication');
    await page.getByLabel('Your role').selectOption('dod-contractor');
    await page.locator('li.hit .oblig').first().waitFor();
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
    assert.match((await page.locator('#job-summary').textContent()) ?? '', /0 with hits · 1 without · 1 not screened/);
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

  test('a phone-sized screen stays usable', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
    try {
      await phone.goto(`${base}/#/`);
      await phone.getByLabel('Name').fill(listed.name);
      await phone.locator('li.hit').first().waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `no horizontal scroll (overflow ${overflow}px)`);
      await phone.screenshot({ path: path.join(artifacts, 'screen-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });
});
