import { Command, CommanderError } from 'commander';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { userInfo } from 'node:os';
import { existsSync } from 'node:fs';
import type { Store } from '../store/store.js';
import { openStore } from '../store/open.js';
import { ensureSeeded } from '../app/seed.js';
import type { CliContext } from './context.js';
import { commands } from './commands/index.js';
import { describeError, exitCodeFor, EXIT } from './exit.js';
import { forTerminal } from './terminal.js';

/** The bundled dataset folder, found relative to this file (works from src/ and dist/src/). */
export function bundledDataDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'data', 'lists.json');
    if (existsSync(candidate)) return path.join(dir, 'data');
    dir = path.dirname(dir);
  }
  throw new Error('bundled dataset folder data/ not found');
}

/** The OS user running the CLI (for the audit trail's actor); env first, so containers without a passwd entry work. */
function localUser(env: NodeJS.ProcessEnv): string {
  try {
    return env.USER || env.LOGNAME || userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Runs the CLI with `argv` (without node and script) and the environment `env`.
 * The only place the CLI reads env and the clock. Returns the exit code.
 */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = new Command();
  let store: Store | null = null;
  const ctx: CliContext = {
    today: new Date().toISOString().slice(0, 10),
    env,
    actor: `local:${localUser(env)}`,
    json: () => Boolean(program.opts().json),
    dbDir: () => program.opts<{ db?: string }>().db ?? env.LISTWATCH_DB ?? './.listwatch',
    async store() {
      if (store) return store;
      const s = await openStore({ databaseUrl: env.DATABASE_URL || undefined, dbDir: ctx.dbDir() });
      store = s;
      const { seeded } = await ensureSeeded(s, bundledDataDir(), (msg) => ctx.warn(msg));
      // A reseeded record is a change: watchlists are re-screened (nothing to do when there are none).
      if (seeded) {
        const { rescreenAll } = await import('../app/watchlists/index.js');
        await rescreenAll(s, { today: ctx.today, now: () => new Date().toISOString(), cause: 'reseed', actor: ctx.actor });
      }
      return s;
    },
    // Names come from imported files: control sequences in them must not reach the terminal.
    print: (t) => process.stdout.write(forTerminal(t) + '\n'),
    printJson: (v) => process.stdout.write(JSON.stringify(v, null, 2) + '\n'),
    warn: (t) => process.stderr.write(forTerminal(t) + '\n'),
  };

  program
    .name('listwatch')
    .description('US designation lists aimed at Chinese companies: sourced record, as-of answers, screening.')
    .option('--db <dir>', 'embedded store directory (or LISTWATCH_DB); default ./.listwatch')
    .option('--json', 'machine-readable JSON output')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of commands) register(program, ctx);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode && typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.OK;
      return EXIT.BAD_INPUT;
    }
    if (ctx.json()) process.stdout.write(JSON.stringify({ error: describeError(e), code: (e as { code?: string }).code ?? 'INTERNAL' }) + '\n');
    process.stderr.write(forTerminal(describeError(e)) + '\n');
    return exitCodeFor(e);
  } finally {
    if (store) await (store as Store).close();
  }
}
