import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, testEngines } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
import { readAudit, verifyAudit } from '../audit/audit.js';
import { authenticate, createKey, createUser, hasAccounts, hasAdminKey, listKeys, revokeKey, signIn, signOut } from './accounts.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { roleAllows } from './roles.js';

const NOW = '2026-11-21T09:00:00.000Z';

for (const engine of testEngines) {
  describe(`accounts (${engine.name})`, () => {
    let fx: Awaited<ReturnType<typeof freshStore>>;
    let store: Store;
    before(async () => { fx = await freshStore(engine); store = fx.store; });
    after(async () => fx?.dispose());

    test('a key is shown once, stored hashed, authenticates with its role until revoked', async () => {
      assert.equal(await hasAdminKey(store), false);
      assert.equal(await hasAccounts(store), false);
      const k = await createKey(store, { role: 'admin', name: 'ops', by: 'local:test', now: NOW });
      assert.match(k.key, /^lw_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      const rows = await store.sql.query<Record<string, unknown>>('SELECT * FROM accounts_keys');
      assert.equal(rows.length, 1);
      assert.ok(!JSON.stringify(rows).includes(k.key.split('_').at(-1)!), 'the secret is not stored');
      assert.equal(await hasAdminKey(store), true);
      assert.deepEqual(await authenticate(store, k.key, NOW), { actor: `key:${k.id}`, role: 'admin', keyId: k.id, name: 'ops' });
      // A forged secret with a real id does not authenticate.
      assert.equal(await authenticate(store, k.key.slice(0, -4) + 'AAAA', NOW), null);
      assert.equal(await authenticate(store, 'not-a-key', NOW), null);
      const listed = await listKeys(store);
      assert.deepEqual(listed.map((x) => [x.id, x.role, x.name, x.revokedAt]), [[k.id, 'admin', 'ops', null]]);
      assert.ok(!('key' in listed[0]!));
      await revokeKey(store, { id: k.id, by: 'local:test', now: NOW });
      assert.equal(await authenticate(store, k.key, NOW), null);
      assert.equal(await hasAdminKey(store), false);
      await assert.rejects(revokeKey(store, { id: 'nope', by: 'local:test', now: NOW }), /not found/);
      await assert.rejects(createKey(store, { role: 'root', by: 'local:test', now: NOW }), /role/);
      const actions = [];
      for await (const e of readAudit(store)) actions.push([e.action, e.subject, e.actor]);
      assert.deepEqual(actions, [['key.create', k.id, 'local:test'], ['key.revoke', k.id, 'local:test']]);
      assert.equal((await verifyAudit(store)).ok, true);
    });

    test('a user signs in with the password (scrypt), gets a session that expires and can be ended', async () => {
      await createUser(store, { name: 'alice', role: 'analyst', password: 'correct horse battery', by: 'local:test', now: NOW });
      await assert.rejects(createUser(store, { name: 'alice', role: 'viewer', password: 'another long one', by: 'local:test', now: NOW }), /exists/);
      await assert.rejects(createUser(store, { name: 'bob', role: 'viewer', password: 'short', by: 'local:test', now: NOW }), /12 characters/);
      const [row] = await store.sql.query<{ password_hash: string }>('SELECT password_hash FROM accounts_users');
      assert.match(row!.password_hash, /^scrypt\$32768\$8\$1\$/);
      await assert.rejects(signIn(store, { name: 'alice', password: 'wrong password!', now: NOW }), (e: Error & { code?: string }) => e.code === 'UNAUTHORIZED');
      await assert.rejects(signIn(store, { name: 'nobody', password: 'correct horse battery', now: NOW }), /wrong user name or password/);
      const s = await signIn(store, { name: 'alice', password: 'correct horse battery', now: NOW });
      const p = await authenticate(store, s.key, NOW);
      assert.deepEqual([p?.actor, p?.role], ['user:alice', 'analyst']);
      assert.equal(await authenticate(store, s.key, '2026-11-22T09:00:00.000Z'), null, 'expired after 12 hours');
      await signOut(store, p!.keyId!, NOW);
      assert.equal(await authenticate(store, s.key, NOW), null);
      assert.equal((await listKeys(store)).length, 1, 'sessions are not listed as API keys');
    });
  });
}

describe('passwords and roles', () => {
  test('scrypt hashes are salted and verify only the right password', async () => {
    const a = await hashPassword('pässword 12345');
    const b = await hashPassword('pässword 12345');
    assert.notEqual(a, b);
    assert.equal(await verifyPassword('pässword 12345', a), true);
    assert.equal(await verifyPassword('pässword 12346', a), false);
    assert.equal(await verifyPassword('x', 'garbage'), false);
  });
  test('each role may do what the ones below it may', () => {
    assert.equal(roleAllows('viewer', 'viewer'), true);
    assert.equal(roleAllows('viewer', 'analyst'), false);
    assert.equal(roleAllows('analyst', 'viewer'), true);
    assert.equal(roleAllows('analyst', 'admin'), false);
    assert.equal(roleAllows('admin', 'analyst'), true);
    assert.equal(roleAllows('viewer', 'public'), true);
  });
});
