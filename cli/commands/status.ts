import type { Command } from 'commander';
import { runAction } from '../support/exit.js';
import { targetFrom, targetOptions, type TargetFlags } from '../support/target-options.js';

/** `featc status [jobs...] [--json]`. */
export function registerStatus(program: Command): void {
  targetOptions(program.command('status').description('state, uptime, checkpoints, restarts, records and back pressure of the featc jobs'))
    .argument('[jobs...]', 'job names (default: all featc jobs)')
    .action((names: string[], flags: TargetFlags) => runAction(async () => {
      const { formatStatus, status } = await import('../../flink-deploy/index.js');
      const rows = await status({ target: await targetFrom(flags), ...(names.length > 0 ? { names } : {}) });
      console.log(flags.json ? JSON.stringify(rows, null, 2) : formatStatus(rows));
    }));
}
