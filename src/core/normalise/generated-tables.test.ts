/**
 * Every table generated from published data (GLEIF legal forms, the SDN/CSL words and titles, the
 * SDN's name spellings, the CC-CEDICT business words) is what its generator works out today from
 * ../shared and the normalisation: a change to either that leaves a shipped table behind fails
 * here until the generator is run again (each generator's `--check`, scripts/generated-file.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const GENERATORS = ['legal-forms/generate', 'legal-forms/sdn-phrases', 'legal-forms/table', 'generic-words/generate', 'name-variants/generate', 'zh-words/generate'];

const check = (script: string): Promise<{ code: number; stderr: string }> =>
  new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', `${script}.ts`), '--check'], { cwd: root, maxBuffer: 16 * 2 ** 20 }, (err, _stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stderr }));
  });

for (const script of GENERATORS) {
  test(`scripts/${script}.ts --check: the shipped table is what it works out now`, async () => {
    const r = await check(script);
    assert.equal(r.code, 0, r.stderr);
  });
}
