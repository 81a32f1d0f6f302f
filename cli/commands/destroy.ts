import type { Command } from 'commander';
import { approve, type ApproveFlags } from '../support/approve.js';
import { projectName } from '../support/context.js';
import { runAction } from '../support/exit.js';
import { printJson } from '../support/json-output.js';
import { targetFrom, targetOptions, type TargetFlags } from '../support/target-options.js';

/** `featc destroy <job>`: cancel without a savepoint. */
export function registerDestroy(program: Command): void {
  targetOptions(program.command('destroy').description('cancel a featc job and drop its state (no savepoint)'))
    .argument('<job>', 'job name')
    .option('--yes', 'destroy without asking (needed when there is no terminal)')
    .option('--auto-approve', 'same as --yes')
    .option('--project <name>', 'the project acting (default: featc.config project); another project\'s job is refused')
    .action((name: string, flags: TargetFlags & ApproveFlags & { project?: string }) => runAction(async () => {
      const { destroy } = await import('../../flink-deploy/index.js');
      const target = await targetFrom(flags);
      const project = await projectName(flags.project);
      const confirm = (jobId: string): Promise<boolean> => approve(`destroy ${name} (job ${jobId}) on ${target.flinkUrl} and drop its state?`, flags);
      const r = await destroy(name, { target, confirm, ...(project === undefined ? {} : { project }) });
      if (!r.destroyed) {
        if (flags.json) printJson({ ok: false, destroyed: false, reason: 'not confirmed' });
        else console.log('nothing destroyed');
        process.exitCode = 1;
        return;
      }
      if (flags.json) printJson({ ok: true, ...r });
      else console.log(`destroyed ${name} (job ${r.jobId} cancelled, state dropped)`);
    }, flags.json));
}
