import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerServe } from './serve.js';
import { registerInit } from './init.js';
import { registerScreen } from './screen.js';
import { registerShow } from './show.js';
import { registerLists } from './lists.js';
import { registerDiff } from './diff.js';
import { registerEvents } from './events.js';
import { registerImport } from './import.js';
import { registerBatch } from './batch.js';
import { registerWorker } from './worker.js';
import { registerRuns } from './runs.js';
import { registerSync } from './sync.js';
import { registerWatch } from './watch.js';
import { registerAlerts } from './alerts.js';
import { registerAudit } from './audit.js';
import { registerKeys } from './keys.js';
import { registerDecisions } from './decisions.js';
import { registerExport } from './export.js';

/** Registers one command on the program. Each command lives in its own file in this folder. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** Every CLI command, in help order. Adding a command: one file here and one line below. */
export const commands: RegisterCommand[] = [
  registerInit,
  registerScreen,
  registerShow,
  registerLists,
  registerDiff,
  registerEvents,
  registerImport,
  registerSync,
  registerWatch,
  registerAlerts,
  registerServe,
  registerBatch,
  registerWorker,
  registerRuns,
  registerAudit,
  registerKeys,
  registerDecisions,
  registerExport,
];
