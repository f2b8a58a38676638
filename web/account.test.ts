// End-to-end: sign-in, decisions and the evidence report in Debian's chromium against a real server with accounts on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { createKey, createUser } from '../src/app/accounts/accounts.js';
import { DEFAULT_CJK_FONT } from '../src/app/report/pdf.js';
import { pgliteLocation } from '../src/store/testing.js';
import { pdfText } from '../src/test-support/pdf-text.js';
import { repoRoot, serverFixture } from '../src/server/test-support/app.js';
import type { ServerFixture } from '../src/server/test-support/app.js';
import { testWebBuild, type TestWebBuild } from './test-web-build.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is missing (install it with .ci/install-browser.sh)`;

describe('web UI with accounts (chromium)', { skip }, () => {
  let fx: ServerFixture;
  let app: FastifyInstance;
  let base = '';
  let browser: Browser;
  let page: Page;
  let webDir = '';
  let web: TestWebBuild | undefined;
  let viewerKey = '';

  before(async () => {
    web = await testWebBuild(repoRoot);
    webDir = web.dir;
    fx = await serverFixture({ name: 'pglite', location: pgliteLocation });
    await createUser(fx.store, { name: 'erin', role: 'analyst', password: 'erin has a long password', by: 'local:test', now: '2026-11-21T08:00:00.000Z' });
    viewerKey = (await createKey(fx.store, { role: 'viewer', by: 'local:test', now: '2026-11-21T08:00:00.000Z' })).key;
    app = await fx.app({ webDir, accounts: {} });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await fx?.dispose();
    web?.release();
  });

  test('a wrong key is refused; a password signs in; the analyst decides on a hit and the next screen shows it', async () => {
    await page.goto(`${base}/#/`);
    const dialog = page.locator('dialog.signin');
    await dialog.waitFor();
    await page.getByLabel('API key').fill('lw_000000000000_' + 'A'.repeat(43));
    await page.getByRole('button', { name: 'Sign in with key' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
    await page.getByLabel('User name').fill('erin');
    await page.getByLabel('Password').fill('erin has a long password');
    await page.getByRole('button', { name: 'Sign in with password' }).click();
    await page.getByTestId('signed-in').filter({ hasText: 'erin (analyst)' }).waitFor();
    assert.equal(await dialog.isVisible(), false);

    await page.getByLabel('Name', { exact: true }).fill('Tencent Holdings');
    const hit = page.locator('li.hit').first();
    await hit.waitFor();
    await hit.getByPlaceholder('Note: what you checked').fill('different registry number');
    await hit.getByRole('button', { name: 'False positive' }).click();
    await hit.getByTestId('decision').filter({ hasText: 'False positive · user:erin' }).waitFor();
    // The next screen of the same name shows it, from the server.
    await page.getByLabel('Name', { exact: true }).fill('');
    await page.getByLabel('Name', { exact: true }).fill('tencent holdings');
    // Wait for the new answer itself: the card of the previous screen also shows the decision.
    await page.locator('p.status').filter({ hasText: /“tencent holdings”/ }).waitFor(); // a RegExp: string hasText ignores case
    await page.locator('li.hit').first().getByTestId('decision').filter({ hasText: '“different registry number”' }).waitFor();
  });

  test('the report button downloads the evidence PDF of this screening', { skip: !existsSync(DEFAULT_CJK_FONT) && 'fonts-wqy-microhei not installed' }, async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Evidence report (PDF)' }).click();
    const file = await (await download).path();
    const text = pdfText(readFileSync(file)).replace(/\s+/g, ' ');
    assert.ok(text.includes('Query: tencent holdings') && text.includes('By: user:erin') && text.includes('FALSE POSITIVE by user:erin'), text.slice(0, 400));
  });

  test('a viewer key signs in but may not screen (the page says why); sign out asks again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('dialog.signin').waitFor();
    await page.getByLabel('API key').fill(viewerKey);
    await page.getByRole('button', { name: 'Sign in with key' }).click();
    await page.getByTestId('signed-in').filter({ hasText: '(viewer)' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Huawei');
    await page.locator('.status .error').filter({ hasText: 'analyst' }).waitFor();
  });
});
