import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ScreenResult } from '../../app/types.js';
import { DEFAULT_CJK_FONT } from '../../app/report/pdf.js';
import { pgliteLocation } from '../../store/testing.js';
import { pdfText } from '../../test-support/pdf-text.js';
import { serverFixture } from '../test-support/app.js';
import type { ServerFixture } from '../test-support/app.js';

const flat = (s: string): string => s.replace(/\s+/g, ' ');

describe('evidence reports over the API (PGlite)', () => {
  let fx: ServerFixture;
  let app: FastifyInstance;
  let res: ScreenResult;
  before(async () => {
    fx = await serverFixture({ name: 'pglite', location: pgliteLocation });
    app = await fx.app();
    res = (await app.inject('/api/v1/screen?q=%E8%85%BE%E8%AE%AF%E6%8E%A7%E8%82%A1&as_of=2026-11-21&role=dod-contractor')).json<ScreenResult>();
    assert.ok(res.hits.length > 0);
    const d = await app.inject({ method: 'POST', url: '/api/v1/decisions', payload: { query: '腾讯控股', entity_id: res.hits[0]!.entityId, verdict: 'true-match', note: 'Checked against the HKEX filing 00700' } });
    assert.equal(d.statusCode, 201);
  });
  after(async () => {
    await app?.close();
    await fx?.dispose();
  });

  test('the PDF shows the query (Chinese), who, when, list versions, each hit with designations, sources, obligations and the decision', { skip: !existsSync(DEFAULT_CJK_FONT) && 'fonts-wqy-microhei not installed' }, async () => {
    const r = await app.inject('/api/v1/screen/report?q=%E8%85%BE%E8%AE%AF%E6%8E%A7%E8%82%A1&as_of=2026-11-21&role=dod-contractor');
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.equal(r.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const text = flat(pdfText(r.rawPayload));
    const hit = res.hits[0]!;
    const dod = (await fx.store.getPublications('us-dod-1260h')).filter((p) => p.date <= '2026-11-21' && p.kind !== 'withdrawn').at(-1)!;
    const seq = r.headers['x-audit-seq'];
    for (const expected of [
      'Query: 腾讯控股', 'By: local:open', 'As of: 2026-11-21', 'Role: dod-contractor', `Audit entry: #${seq}`,
      `(us-dod-1260h): ${dod.title}`, hit.name, hit.designations[0]!.source.title, `from ${hit.designations[0]!.from}`,
      hit.obligations![0]!.citation, 'TRUE MATCH by local:open', 'Checked against the HKEX filing 00700',
    ]) {
      assert.ok(text.includes(flat(expected)), `the PDF text lacks "${expected}"`);
    }
  });

  test('the printable HTML page carries the same facts, escaped', async () => {
    const r = await app.inject('/api/v1/screen/report?q=%E8%85%BE%E8%AE%AF%E6%8E%A7%E8%82%A1&as_of=2026-11-21&role=dod-contractor&format=html');
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /^text\/html/);
    assert.ok(r.body.includes('<dd>腾讯控股</dd>') && r.body.includes('Checked against the HKEX filing 00700') && r.body.includes(res.hits[0]!.obligations![0]!.citation.replace(/&/g, '&amp;')));
    const x = await app.inject('/api/v1/screen/report?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&format=html');
    assert.ok(!x.body.includes('<script>') && x.body.includes('&lt;script&gt;'));
  });

  test('without a CJK font a Chinese report is refused with a clear message (503); a Latin one falls back to Helvetica', async () => {
    const noFont = await fx.app({ cjkFont: '/nonexistent/font.ttc', jobs: { worker: false } });
    try {
      const r = await noFont.inject('/api/v1/screen/report?q=%E8%85%BE%E8%AE%AF%E6%8E%A7%E8%82%A1&as_of=2026-11-21');
      assert.equal(r.statusCode, 503);
      assert.match(r.json<{ error: { code: string; message: string } }>().error.message, /fonts-wqy-microhei/);
      const latin = await noFont.inject('/api/v1/screen/report?q=Acme%20Widgets%20Corporation&as_of=2026-11-21');
      assert.equal(latin.statusCode, 200);
      assert.ok(flat(pdfText(latin.rawPayload)).includes('Query: Acme Widgets Corporation'));
    } finally {
      await noFont.close();
    }
  });
});
