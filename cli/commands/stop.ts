import type { Command } from 'commander';
import { projectName } from '../support/context.js';
import { runAction } from '../support/exit.js';
import { printJson } from '../support/json-output.js';
import { targetFrom, targetOptions, type TargetFlags } from '../support/target-options.js';

/** `featc stop <job> [--savepoint]`. */
export function registerStop(program: Command): void {
  targetOptions(program.command('stop').description('stop a featc job, optionally with a savepoint'))
    .argument('<job>', 'job name')
    .option('--savepoint', 'take a savepoint while stopping (printed)')
    .option('--project <name>', 'the project acting (default: featc.config project); another project\'s job is refused')
    .action((name: string, flags: TargetFlags & { savepoint?: boolean; project?: string }) => runAction(async () => {
      const { stop } = await import('../../flink-deploy/index.js');
      const project = await projectName(flags.project);
      const r = await stop(name, { target: await targetFrom(flags), ...(flags.savepoint ? { savepoint: true } : {}), ...(project === undefined ? {} : { project }) });
      if (flags.json) printJson({ ok: true, ...r });
      else console.log(`stopped ${name} (job ${r.jobId})${r.savepoint ? `; savepoint ${r.savepoint}` : ''}`);
    }, flags.json));
}
