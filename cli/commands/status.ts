import type { Command } from 'commander';
import { projectName } from '../support/context.js';
import { runAction } from '../support/exit.js';
import { printJson } from '../support/json-output.js';
import { targetFrom, targetOptions, type TargetFlags } from '../support/target-options.js';

/** `featc status [jobs...] [--json]`. */
export function registerStatus(program: Command): void {
  targetOptions(program.command('status').description('state, uptime, checkpoints, restarts, records and back pressure of the featc jobs'))
    .argument('[jobs...]', 'job names (default: the project\'s featc jobs; all of them when no project is set)')
    .option('--project <name>', 'whose jobs to list without names (default: featc.config project)')
    .option('--all-projects', 'list every project\'s featc jobs')
    .action((names: string[], flags: TargetFlags & { project?: string; allProjects?: boolean }) => runAction(async () => {
      const { formatStatus, status } = await import('../../flink-deploy/index.js');
      const project = flags.allProjects ? undefined : await projectName(flags.project);
      const rows = await status({ target: await targetFrom(flags), ...(names.length > 0 ? { names } : {}), ...(project === undefined ? {} : { project }) });
      if (flags.json) printJson({ ok: true, jobs: rows });
      else console.log(formatStatus(rows));
    }, flags.json));
}
