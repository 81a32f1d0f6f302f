import type { Command } from 'commander';
import type { DeployOptions, DeployReport, JobDeployReport } from '../../flink-deploy/index.js';
import { definitionPaths, projectName } from '../support/context.js';
import { approve, type ApproveFlags } from '../support/approve.js';
import { runAction } from '../support/exit.js';
import { printJson } from '../support/json-output.js';
import { FeatcError, formatBlock } from '../../common/errors.js';
import { deployCodes } from '../../flink-deploy/codes.js';
import { registerDestroy } from './destroy.js';
import { registerPlan } from './plan.js';
import { registerStatus } from './status.js';
import { registerStop } from './stop.js';
import { targetFrom, targetOptions, type TargetFlags } from '../support/target-options.js';

interface DeployFlags extends TargetFlags, ApproveFlags { allowStateReset?: boolean; prune?: boolean; fromSavepoint: string[]; createSourceTopics?: boolean; topicPartitions?: string; project?: string }

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function jobLines(j: JobDeployReport): string[] {
  if (j.action === 'unchanged') {
    const notRunning = j.reasons.find((r) => r.startsWith('the job is '));
    return [`= ${j.name}: unchanged, nothing to do`, ...(notRunning ? [`    warning: ${notRunning}; see \`featc status ${j.name}\``] : [])];
  }
  const action = j.restoredFrom ? `${j.action} from savepoint ${j.restoredFrom}` : j.action;
  const head = `${j.ok ? '✓' : '✗'} ${j.name}: ${action} ${j.ok ? 'in' : 'FAILED after'} ${seconds(j.ms)}${j.ok && j.jobId ? ` (job ${j.jobId})` : ''}`;
  if (j.ok) return [head];
  return [
    head,
    `    error ${j.errorCode ?? ''} ${j.error ?? 'failed'}`,
    ...(j.hint ? [`    hint: ${j.hint}`] : []),
    ...(j.rolledBack !== undefined ? [`    ${j.rolledBack ? 'rolled back' : 'rollback FAILED'}`] : []),
    `    left on the cluster: ${j.left?.note ?? 'unknown'}`,
  ];
}

function summary(r: DeployReport): string {
  return [...r.jobs.flatMap(jobLines), `${r.ok ? 'deployed' : 'deploy FAILED'} in ${seconds(r.ms)}`].join('\n');
}

/** 0 when every job deployed; 2 when any failure came from the cluster, else 1 (the definitions). */
export function deployExitCode(r: DeployReport): 0 | 1 | 2 {
  if (r.ok) return 0;
  return r.jobs.some((j) => !j.ok && j.exitCode === 2) ? 2 : 1;
}

type ProgressEvent = Parameters<NonNullable<DeployOptions['progress']>>[0];

/**
 * Ctrl-C (or SIGTERM) while a deploy changes the cluster: says which step of which job was under
 * way and that the job may be half-deployed, then exits 130, instead of dying silently.
 */
class InterruptNotice {
  private doing: string | undefined;
  private readonly done: string[] = [];

  track(e: ProgressEvent): void {
    if (e.phase === 'start') this.doing = `${e.job}: ${e.step}`;
    else {
      if (e.ok) this.done.push(`${e.job}: ${e.step}${e.detail ? ` (${e.detail})` : ''}`);
      this.doing = undefined;
    }
  }

  async around<T>(work: () => Promise<T>): Promise<T> {
    const onSignal = (signal: NodeJS.Signals): void => {
      const under = this.doing ? `during "${this.doing}"` : 'between steps';
      console.error(formatBlock({
        code: 'FEATC_E7170', message: `deploy interrupted (${signal}) ${under}: the job may be half-deployed`,
        details: this.done.length > 0 ? [`completed: ${this.done.join('; ')}`] : [], hint: deployCodes.FEATC_E7170.hint,
      }));
      process.exit(130);
    };
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
    try {
      return await work();
    } finally {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    }
  }
}

/** `featc deploy [paths...] [--yes] [--allow-state-reset] [--prune] [--from-savepoint job=path] [--json]`. */
export function registerDeploy(program: Command): void {
  targetOptions(program.command('deploy').description('apply the plan: savepoint upgrades, state resets on request, rollback on failure'))
    .argument('[paths...]', 'definition files or directories (default: definitions in featc.config.ts, else features/)')
    .option('--yes', 'apply without asking (needed when there is no terminal, e.g. in CI)')
    .option('--auto-approve', 'same as --yes')
    .option('--allow-state-reset', 'apply changes whose state cannot be kept (the job refills from Kafka)')
    .option('--prune', 'stop featc jobs the definitions no longer contain')
    .option('--project <name>', 'the project deploying (default: featc.config project): recorded with each job; another project\'s jobs are refused and never pruned')
    .option('--create-source-topics', 'also create missing source topics (refused otherwise: featc cannot know the partitions your producers need)')
    .option('--topic-partitions <n>', 'partitions of the topics deploy creates (default: as many as the job\'s largest source topic, else 1)')
    .option('--from-savepoint <job=path>', 'start a job that is not running from a savepoint, e.g. the one `featc stop --savepoint` printed (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action((given: string[], flags: DeployFlags) => runAction(async () => {
      const [target, paths, project, { formatPlan, plan, applyPlan, parseSavepointRestore }] = await Promise.all([targetFrom(flags), definitionPaths(given), projectName(flags.project), import('../../flink-deploy/index.js')]);
      const fromSavepoints = flags.fromSavepoint.map(parseSavepointRestore);
      const topicPartitions = flags.topicPartitions === undefined ? undefined : Number(flags.topicPartitions);
      if (topicPartitions !== undefined && (!Number.isInteger(topicPartitions) || topicPartitions < 1)) {
        throw new FeatcError('FEATC_E7163', `--topic-partitions must be a whole number of at least 1, got ${JSON.stringify(flags.topicPartitions)}`, { hint: 'e.g. --topic-partitions 6' });
      }
      const opts = {
        target, ...(project === undefined ? {} : { project }), ...(flags.allowStateReset ? { allowStateReset: true } : {}), ...(flags.prune ? { prune: true } : {}), ...(fromSavepoints.length > 0 ? { fromSavepoints } : {}),
        ...(flags.createSourceTopics ? { createSourceTopics: true } : {}), ...(topicPartitions === undefined ? {} : { topicPartitions }),
      };
      const p = await plan(paths, opts);
      if (!flags.json) console.log(formatPlan(p));
      const changes = p.jobs.filter((j) => j.action !== 'unchanged');
      if (changes.length > 0 && !(await approve(`apply ${changes.length} change(s) to ${target.flinkUrl}?`, flags))) {
        if (flags.json) printJson({ ok: false, applied: false, reason: 'not confirmed' });
        else console.log('nothing applied');
        process.exitCode = 1;
        return;
      }
      const interrupted = new InterruptNotice();
      const progress = (e: ProgressEvent): void => {
        interrupted.track(e);
        if (flags.json) return;
        if (e.phase === 'start') process.stderr.write(`  ${e.job}: ${e.step}…\n`);
        else process.stderr.write(`  ${e.job}: ${e.step} ${e.ok ? 'done' : 'FAILED'} in ${seconds(e.ms ?? 0)}${e.detail && !e.ok ? ` — ${e.detail}` : ''}\n`);
      };
      const report = await interrupted.around(() => applyPlan(p, { ...opts, progress }));
      if (flags.json) printJson({ ...report });
      else console.log(summary(report));
      process.exitCode = deployExitCode(report);
    }, flags.json));
}


/** plan, deploy, status, stop and destroy: the deploy layer's verbs, registered together. */
export function registerDeployment(program: Command): void {
  registerPlan(program);
  registerDeploy(program);
  registerStatus(program);
  registerStop(program);
  registerDestroy(program);
}
