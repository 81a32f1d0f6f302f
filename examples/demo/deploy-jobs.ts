import type { CompiledJob } from '../../compiler/index.js';
import type { Progress } from '../../flink-deploy/local/index.js';
import Kafka from '@confluentinc/kafka-javascript';
import { applyPlan, DeployError, destroy, findDeployedJobs, formatPlan, planJobs, type DeployReport, type JobDeployReport, type Target } from '../../flink-deploy/index.js';
import { JobManagerClient } from '../../flink-deploy/rest/index.js';

/** Creates missing topics, so readers of a feature topic can start before Flink's first commit. */
async function ensureTopics(bootstrap: string, topics: string[]): Promise<void> {
  const admin = new Kafka.KafkaJS.Kafka({ kafkaJS: { brokers: bootstrap.split(','), logLevel: Kafka.KafkaJS.logLevel.NOTHING } }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length > 0) await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: 1 })) });
  } finally {
    await admin.disconnect();
  }
}

export interface DemoDeployOptions {
  /** Secrets and endpoints for `${env:NAME}` placeholders (the gateway URL, the API key). */
  env: Record<string, string>;
  /**
   * Jobs whose statements use one of these `${env:…}` values call services that live only as long
   * as one demo run (the inference gateway): a running copy of them called the previous run's
   * services, which are gone (it may be restarting, unable to take a savepoint), so it is destroyed
   * and deployed again with empty state.
   */
  recreateJobsUsing?: readonly string[];
}

function stackTarget(stack: Record<string, string>): Target {
  return { flinkUrl: stack.FEATC_FLINK_URL ?? '', gatewayUrl: stack.FEATC_SQL_GATEWAY_URL ?? '', kafkaBootstrap: stack.FEATC_KAFKA_BOOTSTRAP ?? '', from: 'local-stack' };
}

function usesEnv(job: CompiledJob | undefined, names: readonly string[]): boolean {
  return job !== undefined && names.some((n) => job.statements.some((s) => s.includes(`\${env:${n}}`)));
}

function outcome(r: JobDeployReport): string {
  if (r.action === 'unchanged') return 'already running this version';
  return `${r.action}${r.startedFromMs === undefined ? '' : `, refilled from Kafka since ${new Date(r.startedFromMs).toISOString()}`}${r.jobId ? ` (job ${r.jobId})` : ''}`;
}

/** `featc destroy` for the running jobs among `jobs` that use one of the `${env:…}` names. */
export async function destroyJobsUsing(jobs: readonly CompiledJob[], names: readonly string[], stack: Record<string, string>, progress: Progress): Promise<void> {
  const target = stackTarget(stack);
  const running = await findDeployedJobs(new JobManagerClient(target.flinkUrl));
  for (const job of jobs.filter((j) => usesEnv(j, names) && running.jobs.has(j.name))) {
    await progress.step(`featc destroy ${job.name} (it calls this run's ${names.join(', ')})`, () => destroy(job.name, { target }));
  }
}

/**
 * Deploys the demo's jobs the way `featc deploy --yes --allow-state-reset` does (plan against the
 * cluster, then apply: savepoint upgrades, state resets refilled from Kafka, wait for the first
 * checkpoint, rollback on failure), each job on its own plan so they come up in parallel.
 */
export async function deployDemoJobs(jobs: CompiledJob[], stack: Record<string, string>, progress: Progress, opts: DemoDeployOptions): Promise<DeployReport> {
  const target = stackTarget(stack);
  await progress.step('creating source and feature topics', () => ensureTopics(target.kafkaBootstrap, jobs.flatMap((j) => [...j.graph.sources.map((s) => s.topic), ...j.graph.sinks.map((s) => s.topic)])));
  const env = { ...process.env, ...opts.env };
  await destroyJobsUsing(jobs, opts.recreateJobsUsing ?? [], stack, progress);
  const plan = await progress.step('featc plan: comparing the definitions with what runs', () => planJobs(jobs, { target }));
  for (const line of formatPlan(plan).split('\n')) progress.info(line);
  const t0 = Date.now();
  const settled = await Promise.allSettled(plan.jobs.map((j) =>
    progress.step(`featc deploy ${j.name} (${j.action})`, async () => {
      const report = await applyPlan({ ...plan, jobs: [j] }, { target, allowStateReset: true, env });
      const r = report.jobs[0];
      if (!report.ok || !r) throw new Error(`${j.name}: ${r?.error ?? 'deploy failed'}${r?.rolledBack ? ' (rolled back to the previous version)' : ''}`);
      progress.info(`${j.name}: ${outcome(r)}`);
      return r;
    })));
  const failed = settled.flatMap((s) => (s.status === 'rejected' ? [(s.reason as Error).message] : []));
  if (failed.length > 0) throw new DeployError('FEATC_E7150', `the demo could not deploy every job:\n  ${failed.join('\n  ')}`, 'see `featc status`; `featc destroy <job>` and run the demo again to start a job with empty state', 2);
  return { ok: true, jobs: settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])), ms: Date.now() - t0 };
}
