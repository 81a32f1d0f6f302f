import type { Command } from 'commander';
import { formatPlan, plan } from '../../flink-deploy/index.js';
import { runAction } from '../support/exit.js';
import { asUserError, targetFrom, targetOptions, type TargetFlags } from '../support/target-options.js';

/** `featc plan [paths...] [--json] [--prune]`: what deploy would do, per job, with reasons. */
export function registerPlan(program: Command): void {
  targetOptions(program.command('plan').description('compile and compare with what runs on the cluster'))
    .argument('[paths...]', 'definition files or directories', ['jobs/'])
    .option('--prune', 'also plan deleting featc jobs the definitions no longer contain')
    .action((paths: string[], flags: TargetFlags & { prune?: boolean }) => runAction(async () => {
      const target = await targetFrom(flags);
      const p = await plan(paths, { target, ...(flags.prune ? { prune: true } : {}) }).catch(asUserError);
      if (flags.json) console.log(JSON.stringify({ target: { flink: target.flinkUrl, gateway: target.gatewayUrl }, jobs: p.jobs, others: p.others }, null, 2));
      else console.log(formatPlan(p));
    }));
}
