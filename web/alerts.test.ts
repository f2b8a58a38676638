// The alerts page in Debian's chromium against a real listening server with a watchlist that has alerts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { pgliteLocation } from '../src/store/testing.js';
import { repoRoot, serverFixture } from '../src/server/test-support/app.js';
import type { ServerFixture } from '../src/server/test-support/app.js';
import { addItems, listAlerts, rescreenAll } from '../src/app/watchlists/index.js';
import { testWebBuild, type TestWebBuild } from './test-web-build.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is missing (install it with .ci/install-browser.sh)`;

describe('alerts page (chromium)', { skip }, () => {
  let fx: ServerFixture;
  let app: FastifyInstance;
  let base = '';
  let browser: Browser;
  let page: Page;
  let outDir = '';
  let web: TestWebBuild | undefined;
  let raised = 0;

  before(async () => {
    web = await testWebBuild(repoRoot);
    outDir = web.dir;
    fx = await serverFixture({ name: 'pglite', location: pgliteLocation });
    await addItems(fx.store, 'suppliers', [{ name: 'Huawei Technologies Co., Ltd.', ref: 'S-1' }, { name: 'Acme Widgets GmbH', ref: 'S-2' }], { today: '2026-05-01', now: () => '2026-05-01T08:00:00.000Z', settings: { role: 'dod-contractor', noticeDays: 45 } });
    const [r] = await rescreenAll(fx.store, { today: '2026-05-20', now: () => '2026-05-20T08:00:00.000Z' });
    raised = r!.alerts.length;
    app = await fx.app({ webDir: outDir });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await fx?.dispose();
    web?.release();
  });

  test('unread count in the navigation; alerts with their publication and sources; mark read; counterparties', async () => {
    assert.ok(raised >= 1);
    await page.goto(`${base}/#/alerts`);
    await page.locator('li.alert').first().waitFor();
    assert.equal(await page.locator('#unread').textContent(), ` (${raised})`);
    assert.equal(await page.locator('li.alert.unread').count(), raised);
    assert.match((await page.locator('li.alert').first().textContent()) ?? '', /Publication: .*Sources: /s);
    await page.locator('li.alert button', { hasText: 'Mark read' }).first().click();
    await page.waitForFunction((n) => document.querySelectorAll('li.alert.unread').length === n, raised - 1);
    await page.waitForFunction((n) => document.getElementById('unread')?.textContent === (n ? ` (${n})` : ''), raised - 1);
    assert.equal((await listAlerts(fx.store, { watchlist: 'suppliers', unreadOnly: true })).length, raised - 1);
    await page.locator('a', { hasText: 'suppliers' }).first().click();
    await page.locator('table td', { hasText: 'Acme Widgets GmbH' }).waitFor();
    const rows = await page.locator('table tbody tr').allTextContents();
    assert.ok(rows[0]!.includes('S-1') && rows[0]!.includes('hit'));
    assert.ok(rows[1]!.includes('S-2') && rows[1]!.includes('clear'));
  });
});
