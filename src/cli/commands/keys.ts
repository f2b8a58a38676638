import { Option } from 'commander';
import { createKey, createUser, listKeys, listUsers, revokeKey } from '../../app/accounts/accounts.js';
import { ACCOUNT_ROLES } from '../../app/accounts/roles.js';
import { ListwatchError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import type { RegisterCommand } from './index.js';

/** Reads a password: the first line of stdin (so it is not in the shell history or `ps`). */
async function readPassword(ctx: CliContext): Promise<string> {
  if (process.stdin.isTTY) ctx.warn('password (at least 12 characters), then Enter:');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  const pw = text.split(/\r?\n/)[0] ?? '';
  if (!pw) throw new ListwatchError('BAD_INPUT', 'password: none given on stdin', { field: 'password' });
  return pw;
}

/**
 * `listwatch keys create --role R [--name N]`, `keys list`, `keys revoke ID`, and
 * `listwatch users create NAME --role R` (password on stdin), `users list`.
 */
export const registerKeys: RegisterCommand = (program, ctx) => {
  const keys = program.command('keys').description('API keys for the HTTP API (roles: admin, analyst, viewer)');
  const now = (): string => new Date().toISOString();

  keys
    .command('create')
    .description('create an API key; the key is printed once and stored only as a hash')
    .addOption(new Option('--role <role>', 'admin (keys, imports, sync, settings), analyst (screen, batch, watchlists, decisions) or viewer (read)').choices(ACCOUNT_ROLES).makeOptionMandatory())
    .option('--name <name>', 'a label, e.g. who or what uses it')
    .action(async (o: { role: string; name?: string }) => {
      const k = await createKey(await ctx.store(), { role: o.role, ...(o.name !== undefined ? { name: o.name } : {}), by: ctx.actor, now: now() });
      if (ctx.json()) return ctx.printJson(k);
      ctx.print(k.key);
      ctx.warn(`created ${k.role} key ${k.id}${k.name ? ` (${k.name})` : ''}: it is shown only now; send it as "Authorization: Bearer KEY"`);
    });

  keys
    .command('list')
    .description('list API keys (id, name, role, created, revoked); never the keys themselves')
    .option('--active', 'leave out revoked keys')
    .action(async (o: { active?: boolean }) => {
      const all = await listKeys(await ctx.store(), { activeOnly: Boolean(o.active) });
      if (ctx.json()) return ctx.printJson(all);
      if (!all.length) return ctx.print('no API keys (create one with: listwatch keys create --role admin)');
      for (const k of all) ctx.print(`${k.id}  ${k.role.padEnd(7)}  ${(k.name ?? '').padEnd(20)}  created ${k.createdAt} by ${k.createdBy}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}`);
    });

  keys
    .command('revoke')
    .argument('<id>', 'the key id shown by `keys list` (or the key itself)')
    .description('revoke an API key: requests with it get 401 from then on')
    .action(async (id: string) => {
      const k = await revokeKey(await ctx.store(), { id, by: ctx.actor, now: now() });
      if (ctx.json()) return ctx.printJson(k);
      ctx.print(`revoked key ${k.id} (${k.role}${k.name ? `, ${k.name}` : ''}) at ${k.revokedAt}`);
    });

  const users = program.command('users').description('users who sign in to the web UI with a password');
  users
    .command('create')
    .argument('<name>', 'user name')
    .addOption(new Option('--role <role>', 'admin, analyst or viewer').choices(ACCOUNT_ROLES).makeOptionMandatory())
    .description('create a user; the password is read from stdin and stored as a scrypt hash')
    .action(async (name: string, o: { role: string }) => {
      const password = await readPassword(ctx);
      const u = await createUser(await ctx.store(), { name, role: o.role, password, by: ctx.actor, now: now() });
      if (ctx.json()) return ctx.printJson(u);
      ctx.print(`created ${u.role} user ${u.name}`);
    });
  users
    .command('list')
    .description('list users (never their passwords)')
    .action(async () => {
      const all = await listUsers(await ctx.store());
      if (ctx.json()) return ctx.printJson(all);
      if (!all.length) return ctx.print('no users');
      for (const u of all) ctx.print(`${u.name.padEnd(20)}  ${u.role.padEnd(7)}  created ${u.createdAt}${u.disabledAt ? `  DISABLED ${u.disabledAt}` : ''}`);
    });
};
