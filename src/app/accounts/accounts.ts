import { ListwatchError } from '../../core/errors.js';
import type { CapabilitySql } from '../../store/store.js';
import { recordAudit } from '../audit/audit.js';
import type { AuditActor } from '../audit/audit.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { isAccountRole } from './roles.js';
import type { AccountRole } from './roles.js';
import { newToken, tokenId, tokenMatches } from './tokens.js';

/**
 * Users and keys (tables: ./migration.ts). Every change (key created or revoked, user created,
 * password set) is written to the audit trail in the same call; sign-ins are not (they are in
 * the request log). Callers pass `now` (ISO time) so the app reads no clock of its own.
 */

type Db = { sql: CapabilitySql };

/** Who a request or command acts as, once authenticated. */
export interface Principal {
  /** The audit trail's actor: `key:<id>`, `user:<name>` or `local:…` in open mode. */
  actor: AuditActor;
  role: AccountRole;
  /** The key (or session) id, for per-key rate limits. */
  keyId?: string;
  /** The key's name, or the user's name for a session. */
  name?: string;
}

/** A key as `keys list` shows it: never the secret, never its hash. */
export interface KeyInfo {
  id: string;
  name: string | null;
  role: AccountRole;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

/** A key just made: the only time `key` (the secret token) is ever available. */
export interface CreatedKey extends KeyInfo {
  key: string;
}

interface KeyRow { id: string; kind: 'api' | 'session'; name: string | null; role: AccountRole; secret_hash: string; user_name: string | null; created_at: string; created_by: string; expires_at: string | null; revoked_at: string | null }

const info = (r: KeyRow): KeyInfo => ({ id: r.id, name: r.name, role: r.role, createdAt: r.created_at, createdBy: r.created_by, revokedAt: r.revoked_at });

function checkRole(role: unknown): AccountRole {
  if (!isAccountRole(role)) throw new ListwatchError('BAD_INPUT', `role: "${String(role)}" is not one of admin, analyst, viewer`, { field: 'role' });
  return role;
}

/** Creates an API key with a role; returns it with its secret (shown once). Audited as `key.create`. */
export async function createKey(db: Db, o: { role: string; name?: string; by: AuditActor; now: string }): Promise<CreatedKey> {
  const role = checkRole(o.role);
  if (o.name !== undefined && (o.name.length > 200 || !o.name.trim())) throw new ListwatchError('BAD_INPUT', 'name: give 1–200 characters', { field: 'name' });
  const t = newToken();
  await db.sql.query('INSERT INTO accounts_keys (id, kind, name, role, secret_hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)', [t.id, 'api', o.name ?? null, role, t.hash, o.now, o.by]);
  await recordAudit(db, { actor: o.by, action: 'key.create', subject: t.id, details: { role, ...(o.name ? { name: o.name } : {}) }, at: o.now });
  return { id: t.id, name: o.name ?? null, role, createdAt: o.now, createdBy: o.by, revokedAt: null, key: t.token };
}

/** API keys (not UI sessions), oldest first; revoked ones included unless `activeOnly`. */
export async function listKeys(db: Db, o: { activeOnly?: boolean } = {}): Promise<KeyInfo[]> {
  const rows = await db.sql.query<KeyRow>(`SELECT * FROM accounts_keys WHERE kind = 'api'${o.activeOnly ? ' AND revoked_at IS NULL' : ''} ORDER BY created_at, id`);
  return rows.map(info);
}

/** Revokes an API key by id (or by its full token). NOT_FOUND when unknown; revoking twice is a no-op. Audited as `key.revoke`. */
export async function revokeKey(db: Db, o: { id: string; by: AuditActor; now: string }): Promise<KeyInfo> {
  const id = tokenId(o.id) ?? o.id;
  const [row] = await db.sql.query<KeyRow>(`SELECT * FROM accounts_keys WHERE id = $1 AND kind = 'api'`, [id]);
  if (!row) throw new ListwatchError('NOT_FOUND', `key ${id} not found`, { field: 'id' });
  if (row.revoked_at) return info(row);
  await db.sql.query('UPDATE accounts_keys SET revoked_at = $2 WHERE id = $1', [id, o.now]);
  await recordAudit(db, { actor: o.by, action: 'key.revoke', subject: id, details: { role: row.role, ...(row.name ? { name: row.name } : {}) }, at: o.now });
  return { ...info(row), revokedAt: o.now };
}

/** True when at least one unrevoked admin API key exists (the server's non-loopback guard). */
export async function hasAdminKey(db: Db): Promise<boolean> {
  const rows = await db.sql.query(`SELECT 1 FROM accounts_keys WHERE kind = 'api' AND role = 'admin' AND revoked_at IS NULL LIMIT 1`);
  return rows.length > 0;
}

/** True when any unrevoked API key or any user exists (then a loopback server enforces keys too). */
export async function hasAccounts(db: Db): Promise<boolean> {
  const rows = await db.sql.query(`SELECT 1 FROM accounts_keys WHERE kind = 'api' AND revoked_at IS NULL UNION ALL SELECT 1 FROM accounts_users WHERE disabled_at IS NULL LIMIT 1`);
  return rows.length > 0;
}

/**
 * The principal a bearer token stands for, or null when the token is malformed, unknown,
 * revoked or (a session) expired. One indexed read; the secret is compared in constant time.
 */
export async function authenticate(db: Db, token: string, now: string): Promise<Principal | null> {
  const id = tokenId(token);
  if (!id) return null;
  const [row] = await db.sql.query<KeyRow>('SELECT * FROM accounts_keys WHERE id = $1', [id]);
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now) || !tokenMatches(token, row.secret_hash)) return null;
  if (row.kind === 'session') return { actor: `user:${row.user_name}`, role: row.role, keyId: row.id, ...(row.user_name ? { name: row.user_name } : {}) };
  return { actor: `key:${row.id}`, role: row.role, keyId: row.id, ...(row.name ? { name: row.name } : {}) };
}

/** A user as listed (never the password hash). */
export interface UserInfo { name: string; role: AccountRole; createdAt: string; disabledAt: string | null }

/** Creates a user with a password (scrypt-hashed). CONFLICT when the name is taken. Audited as `user.create`. */
export async function createUser(db: Db, o: { name: string; role: string; password: string; by: AuditActor; now: string }): Promise<UserInfo> {
  const role = checkRole(o.role);
  if (!/^[A-Za-z0-9._@-]{1,100}$/.test(o.name)) throw new ListwatchError('BAD_INPUT', 'name: 1–100 letters, digits or . _ @ -', { field: 'name' });
  if (o.password.length < 12) throw new ListwatchError('BAD_INPUT', 'password: at least 12 characters', { field: 'password' });
  const [taken] = await db.sql.query('SELECT 1 FROM accounts_users WHERE name = $1', [o.name]);
  if (taken) throw new ListwatchError('CONFLICT', `user ${o.name} exists`, { field: 'name' });
  await db.sql.query('INSERT INTO accounts_users (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4)', [o.name, role, await hashPassword(o.password), o.now]);
  await recordAudit(db, { actor: o.by, action: 'user.create', subject: o.name, details: { role }, at: o.now });
  return { name: o.name, role, createdAt: o.now, disabledAt: null };
}

/** Users, by name. */
export async function listUsers(db: Db): Promise<UserInfo[]> {
  const rows = await db.sql.query<{ name: string; role: AccountRole; created_at: string; disabled_at: string | null }>('SELECT name, role, created_at, disabled_at FROM accounts_users ORDER BY name');
  return rows.map((r) => ({ name: r.name, role: r.role, createdAt: r.created_at, disabledAt: r.disabled_at }));
}

/** How long a UI session made by a password sign-in lasts. */
export const SESSION_HOURS = 12;

/**
 * Signs a user in with a password: a session token (sent as a bearer key like an API key) valid
 * for SESSION_HOURS, or UNAUTHORIZED with one message for an unknown user and a wrong password
 * (no hint which). The unknown-user path hashes too, so timing does not tell them apart.
 */
export async function signIn(db: Db, o: { name: string; password: string; now: string }): Promise<{ key: string; role: AccountRole; name: string; expiresAt: string }> {
  const [u] = await db.sql.query<{ name: string; role: AccountRole; password_hash: string; disabled_at: string | null }>('SELECT * FROM accounts_users WHERE name = $1', [o.name]);
  const ok = await verifyPassword(o.password, u?.password_hash ?? DUMMY_HASH);
  if (!u || !ok || u.disabled_at) throw new ListwatchError('UNAUTHORIZED', 'wrong user name or password');
  const t = newToken();
  const expiresAt = new Date(Date.parse(o.now) + SESSION_HOURS * 3600_000).toISOString();
  await db.sql.query('INSERT INTO accounts_keys (id, kind, name, role, secret_hash, user_name, created_at, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [t.id, 'session', null, u.role, t.hash, u.name, o.now, `user:${u.name}`, expiresAt]);
  return { key: t.token, role: u.role, name: u.name, expiresAt };
}

/** Ends a UI session (its token no longer authenticates). Unknown or API-key ids are left alone. */
export async function signOut(db: Db, sessionId: string, now: string): Promise<void> {
  await db.sql.query(`UPDATE accounts_keys SET revoked_at = $2 WHERE id = $1 AND kind = 'session' AND revoked_at IS NULL`, [sessionId, now]);
}

// A valid hash of a random password: verifying against it costs what a real check costs.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
