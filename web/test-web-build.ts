import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A build of this checkout's UI for a browser test, and how to let go of it. */
export interface TestWebBuild {
  dir: string;
  /** Deletes a build the test made for itself; a shared one is left to the runner that made it. */
  release(): void;
}

/**
 * The UI as this checkout builds it, for a browser test: the one build `scripts/test.mjs` made for
 * the whole run (`LISTWATCH_TEST_WEB_DIR`), so the web test files do not each run vite; otherwise
 * (a test file run on its own) a fresh build of the test's own in a temporary folder. Never
 * web/dist, which may be stale.
 */
export async function testWebBuild(repoRoot: string): Promise<TestWebBuild> {
  const shared = process.env.LISTWATCH_TEST_WEB_DIR;
  if (shared) return { dir: shared, release: () => undefined };
  const dir = mkdtempSync(path.join(tmpdir(), 'lw-web-'));
  const { build } = await import('vite');
  await build({ root: path.join(repoRoot, 'web'), logLevel: 'warn', configFile: path.join(repoRoot, 'web', 'vite.config.ts'), build: { outDir: dir, emptyOutDir: true } });
  return { dir, release: () => rmSync(dir, { recursive: true, force: true }) };
}
