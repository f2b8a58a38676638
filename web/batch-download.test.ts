// End-to-end in Debian's chromium with keys required: the batch page's downloads (CSV, CSV for
// Excel, JSONL) and the summary report carry the signed-in key, where a plain link got 401.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { createKey } from '../src/app/accounts/accounts.js';
import { DEFAULT_CJK_FONT } from '../src/app/report/pdf.js';
import { pgliteLocation } from '../src/store/testing.js';
import { pdfText } from '../src/test-support/pdf-text.js';
import { repoRoot, serverFixture } from '../src/server/test-support/app.js';
import type { ServerFixture } from '../src/server/test-support/app.js';
import { testWebBuild, type TestWebBuild } from './test-web-build.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is missing (install it with .ci/install-browser.sh)`;

describe('batch downloads with keys on (chromium)', { skip }, () => {
  let fx: ServerFixture;
  let app: FastifyInstance;
  let base = '';
  let browser: Browser;
  let page: Page;
  let webDir = '';
  let web: TestWebBuild | undefined;
  let analystKey = '';

  before(async () => {
    web = await testWebBuild(repoRoot);
    webDir = web.dir;
    fx = await serverFixture({ name: 'pglite', location: pgliteLocation });
    analystKey = (await createKey(fx.store, { role: 'analyst', by: 'local:test', now: '2026-11-21T08:00:00.000Z' })).key;
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

  const saved = async (button: string): Promise<Buffer> => {
    const dl = page.waitForEvent('download');
    await page.locator(button).click();
    return readFileSync((await (await dl).path())!);
  };

  test('sign in, upload, then every download and the summary report arrive with the key', async () => {
    await page.goto(`${base}/#/batch`);
    await page.locator('dialog.signin').waitFor();
    await page.getByLabel('API key').fill(analystKey);
    await page.getByRole('button', { name: 'Sign in with key' }).click();
    await page.getByTestId('signed-in').filter({ hasText: '(analyst)' }).waitFor();

    await page.locator('#batch-role').selectOption('exporter');
    await page.locator('#file').setInputFiles({ name: 'counterparties.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name\nc1,Huawei Technologies\nc2,Acme Bakery Inc\n') });
    await page.locator('#report-pdf').waitFor(); // shown once the job is finished
    await page.locator('#results tbody tr').first().waitFor();
    await page.getByTestId('coverage-warning').filter({ hasText: 'Entity List' }).first().waitFor();
    const id = /#\/batch\/([\w-]+)/.exec(page.url())![1]!;

    // What the old links did: a request without the bearer key is refused.
    assert.equal((await page.request.get(`${base}/api/v1/jobs/${id}/results?format=csv`)).status(), 401);

    const csv = (await saved('#download-csv')).toString('utf8');
    assert.ok(csv.startsWith('line,id,query,as_of,rank,'), csv.slice(0, 80));
    assert.ok(csv.split('\n')[0]!.endsWith(',screened_at,revision,threshold,list,designation_start,fr_citation,source_url,coverage_warnings,coverage'));
    assert.match(csv, /Huawei Technologies/);

    const excel = await saved('#download-csv-bom');
    assert.deepEqual([...excel.subarray(0, 3)], [0xef, 0xbb, 0xbf]);

    const jsonl = (await saved('#download-jsonl')).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; coverage?: { role?: string } });
    assert.deepEqual(jsonl.map((r) => r.id), ['c1', 'c2']);
    assert.equal(jsonl[0]!.coverage?.role, 'exporter');

    if (existsSync(DEFAULT_CJK_FONT)) {
      const text = pdfText(await saved('#report-pdf')).replace(/\s+/g, ' ');
      for (const s of ['Batch screening summary', 'Input: counterparties.csv', 'Role: exporter', 'Rows: 2', 'screen.batch.finish']) assert.ok(text.includes(s), `PDF lacks ${s}`);
    }
  });
});
