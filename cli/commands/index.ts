import type { Command } from 'commander';
import { registerLocal } from './local.js';

/** Every verb of the CLI; each lives in its own file and calls a programmatic API. */
export function registerCommands(program: Command): void {
  registerLocal(program);
}
