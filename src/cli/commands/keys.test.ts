import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'bin', 'listwatch.mjs');
const env = (): NodeJS.ProcessEnv => ({ ...process.env, LISTWATCH_FROM_SOURCE: '1', DATABASE_URL: '', USER: 'keys-test' });

function cli(dir: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = execFile(process.execPath, [bin, '--db', path.join(dir, 'db'), ...args], { cwd: root, env: env() }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    if (input !== undefined) c.stdin?.end(input);
  });
}

/** Starts `serve`, resolves with the URL it prints (or the exit code when it refuses). */
function serve(dir: string, args: string[]): Promise<{ child: ChildProcess; url?: string; code?: number; stdout: () => string; stderr: () => string }> {
  const child = spawn(process.execPath, [bin, '--db', path.join(dir, 'db'), 'serve', '--port', '0', ...args], { cwd: root, env: env() });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += String(d); });
  return new Promise((resolve) => {
    child.stderr.on('data', (d) => {
      err += String(d);
      const m = /serving (http:\/\/\S+?) \(/.exec(err);
      if (m) resolve({ child, url: m[1]!.replace('0.0.0.0', '127.0.0.1'), stdout: () => out, stderr: () => err });
    });
    child.on('exit', (code) => resolve({ child, code: code ?? 1, stdout: () => out, stderr: () => err }));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

describe('listwatch keys and a secure serve', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'lw-keys-cli-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serve on a non-loopback address refuses to start without an admin key (exit 2)', async () => {
    const s = await serve(dir, ['--host', '0.0.0.0']);
    assert.equal(s.code, 2, s.stderr());
    assert.match(s.stderr(), /refusing to serve on 0\.0\.0\.0.*no admin API key.*listwatch keys create --role admin/);
  });

  it('serve on loopback without keys runs open single-user mode and says so', async () => {
    const s = await serve(dir, []);
    try {
      assert.ok(s.url, s.stderr());
      assert.match(s.stderr(), /OPEN single-user mode/);
      const r = await fetch(`${s.url}/api/v1/lists`);
      assert.equal(r.status, 200);
    } finally {
      await stop(s.child);
    }
  });

  it('keys create/list/revoke; serve on 0.0.0.0 then asks for keys and logs requests without secrets', async () => {
    const c = await cli(dir, ['--json', 'keys', 'create', '--role', 'admin', '--name', 'ops']);
    assert.equal(c.code, 0, c.stderr);
    const made = JSON.parse(c.stdout) as { key: string; id: string; role: string; name: string };
    assert.match(made.key, /^lw_/);
    assert.deepEqual([made.role, made.name], ['admin', 'ops']);
    const human = await cli(dir, ['keys', 'create', '--role', 'viewer']);
    assert.equal(human.code, 0, human.stderr);
    const viewerKey = human.stdout.trim();
    assert.match(viewerKey, /^lw_[0-9a-f]{12}_/);
    assert.match(human.stderr, /shown only now/);
    assert.equal((await cli(dir, ['keys', 'create', '--role', 'root'])).code, 2);
    assert.equal((await cli(dir, ['keys', 'create'])).code, 2);
    const list = JSON.parse((await cli(dir, ['--json', 'keys', 'list'])).stdout) as { id: string; role: string; key?: string }[];
    assert.deepEqual(list.map((k) => k.role), ['admin', 'viewer']);
    assert.ok(list.every((k) => k.key === undefined));

    const s = await serve(dir, ['--host', '0.0.0.0']);
    try {
      assert.ok(s.url, s.stderr());
      assert.match(s.stderr(), /API keys required/);
      assert.equal((await fetch(`${s.url}/api/v1/lists`)).status, 401);
      assert.equal((await fetch(`${s.url}/api/v1/lists`, { headers: { authorization: `Bearer ${viewerKey}` } })).status, 200);
      assert.equal((await fetch(`${s.url}/api/v1/screen?q=Tencent`, { headers: { authorization: `Bearer ${viewerKey}` } })).status, 403);
      assert.equal((await fetch(`${s.url}/api/v1/screen?q=Tencent`, { headers: { authorization: `Bearer ${made.key}` } })).status, 200);
    } finally {
      await stop(s.child);
    }
    const lines = s.stdout().trim().split('\n').map((l) => JSON.parse(l) as { msg: string; path?: string; status?: number; actor?: string | null });
    const requests = lines.filter((l) => l.msg === 'request');
    assert.deepEqual(requests.map((l) => [l.path, l.status, l.actor]), [
      ['/api/v1/lists', 401, null], ['/api/v1/lists', 200, `key:${list[1]!.id}`], ['/api/v1/screen', 403, null], ['/api/v1/screen', 200, `key:${made.id}`],
    ]);
    assert.ok(!s.stdout().includes(made.key) && !s.stdout().includes(viewerKey) && !s.stdout().includes('Tencent'), 'no keys or screened names in the log');

    const rv = await cli(dir, ['keys', 'revoke', made.id]);
    assert.equal(rv.code, 0, rv.stderr);
    assert.match(rv.stdout, /revoked key/);
    assert.equal((await cli(dir, ['keys', 'revoke', 'nope'])).code, 2);
    const again = await serve(dir, ['--host', '0.0.0.0']);
    assert.equal(again.code, 2, 'the only admin key is revoked: refuses again');
    await stop(again.child);
  });

  it('users create reads the password from stdin', async () => {
    const u = await cli(dir, ['users', 'create', 'dana', '--role', 'analyst'], 'a very long password\n');
    assert.equal(u.code, 0, u.stderr);
    const list = JSON.parse((await cli(dir, ['--json', 'users', 'list'])).stdout) as { name: string; role: string }[];
    assert.deepEqual(list.map((x) => [x.name, x.role]), [['dana', 'analyst']]);
  });
});
