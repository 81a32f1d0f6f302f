import type { Command } from 'commander';
import { definitionPaths, projectName } from '../support/context.js';
import { runAction } from '../support/exit.js';
import { printJson } from '../support/json-output.js';
import { targetFrom, targetOptions, type TargetFlags } from '../support/target-options.js';

/** `featc plan [paths...] [--json] [--prune] [--detailed-exitcode]`: what deploy would do, per job, with reasons, topics and missing secrets. */
export function registerPlan(program: Command): void {
  targetOptions(program.command('plan').description('compile and compare with what runs on the cluster'))
    .argument('[paths...]', 'definition files or directories (default: definitions in featc.config.ts, else features/)')
    .option('--prune', 'also plan deleting featc jobs the definitions no longer contain')
    .option('--project <name>', 'the project whose jobs these are (default: featc.config project); other projects\' jobs are neither listed nor pruned')
    .option('--detailed-exitcode', 'exit 0 when nothing changes, 2 when something does, 3 when a state reset is needed (1: an error), for CI gates')
    .action((given: string[], flags: TargetFlags & { prune?: boolean; detailedExitcode?: boolean; project?: string }) => runAction(async () => {
      const [target, paths, project, { formatPlan, plan, planExitCode }] = await Promise.all([targetFrom(flags), definitionPaths(given), projectName(flags.project), import('../../flink-deploy/index.js')]);
      const p = await plan(paths, { target, ...(flags.prune ? { prune: true } : {}), ...(project === undefined ? {} : { project }) });
      if (flags.json) printJson({ ok: true, target: { flink: target.flinkUrl, gateway: target.gatewayUrl }, jobs: p.jobs, others: p.others });
      else console.log(formatPlan(p));
      if (flags.detailedExitcode) process.exitCode = planExitCode(p);
    }, flags.json));
}
