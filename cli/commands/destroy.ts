import type { Command } from 'commander';
import { runAction } from '../support/exit.js';
import { targetFrom, targetOptions, type TargetFlags } from '../support/target-options.js';

/** `featc destroy <job>`: cancel without a savepoint. */
export function registerDestroy(program: Command): void {
  targetOptions(program.command('destroy').description('cancel a featc job and drop its state (no savepoint)'))
    .argument('<job>', 'job name')
    .action((name: string, flags: TargetFlags) => runAction(async () => {
      const { destroy } = await import('../../flink-deploy/index.js');
      const r = await destroy(name, { target: await targetFrom(flags) });
      console.log(flags.json ? JSON.stringify(r, null, 2) : `destroyed ${name} (job ${r.jobId} cancelled, state dropped)`);
    }));
}
