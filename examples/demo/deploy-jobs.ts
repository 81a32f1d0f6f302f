import type { CompiledJob } from '../../compiler/index.js';
import type { Progress } from '../../flink-deploy/local/index.js';
import Kafka from '@confluentinc/kafka-javascript';
import { applyPlan, destroy, formatPlan, planJobs, type DeployReport, type JobDeployReport, type Target } from '../../flink-deploy/index.js';

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
   * Names of the `${env:…}` values that changed since the jobs running now were deployed. The
   * cluster records statements with their placeholders, so a job whose only change is a resolved
   * value plans as unchanged; such jobs are destroyed first and deployed again.
   */
  changedEnv?: readonly string[];
}

function usesEnv(job: CompiledJob, names: readonly string[]): boolean {
  return names.some((n) => job.statements.some((s) => s.includes(`\${env:${n}}`)));
}

function outcome(r: JobDeployReport): string {
  if (r.action === 'unchanged') return 'already running this version';
  return `${r.action}${r.startedFromMs === undefined ? '' : `, refilled from Kafka since ${new Date(r.startedFromMs).toISOString()}`}${r.jobId ? ` (job ${r.jobId})` : ''}`;
}

/**
 * Deploys the demo's jobs the way `featc deploy --yes --allow-state-reset` does (plan against the
 * cluster, then apply: savepoint upgrades, state resets refilled from Kafka, wait for the first
 * checkpoint, rollback on failure), one job at a time on its own plan so they come up in parallel.
 */
export async function deployDemoJobs(jobs: CompiledJob[], stack: Record<string, string>, progress: Progress, opts: DemoDeployOptions): Promise<DeployReport> {
  const target: Target = { flinkUrl: stack.FEATC_FLINK_URL ?? '', gatewayUrl: stack.FEATC_SQL_GATEWAY_URL ?? '', kafkaBootstrap: stack.FEATC_KAFKA_BOOTSTRAP ?? '', from: 'local-stack' };
  await progress.step('creating source and feature topics', () => ensureTopics(target.kafkaBootstrap, jobs.flatMap((j) => [...j.graph.sources.map((s) => s.topic), ...j.graph.sinks.map((s) => s.topic)])));
  const env = { ...process.env, ...opts.env };
  let plan = await progress.step('featc plan: comparing the definitions with what runs', () => planJobs(jobs, { target }));
  const stale = plan.jobs.filter((j) => j.action === 'unchanged' && usesEnv(plan.compiled.get(j.name) as CompiledJob, opts.changedEnv ?? []));
  if (stale.length > 0) {
    for (const j of stale) await progress.step(`featc destroy ${j.name}: it runs with a previous ${opts.changedEnv?.join(', ')}`, () => destroy(j.name, { target }));
    plan = await planJobs(jobs, { target });
  }
  for (const line of formatPlan(plan).split('\n')) progress.info(line);
  const t0 = Date.now();
  const reports = await Promise.all(plan.jobs.map((j) =>
    progress.step(`featc deploy ${j.name} (${j.action})`, async () => {
      const report = await applyPlan({ ...plan, jobs: [j] }, { target, allowStateReset: true, env });
      const r = report.jobs[0];
      if (!report.ok || !r) throw new Error(`${j.name}: ${r?.error ?? 'deploy failed'}${r?.rolledBack ? ' (rolled back to the previous version)' : ''}`);
      progress.info(`${j.name}: ${outcome(r)}`);
      return r;
    })));
  return { ok: true, jobs: reports, ms: Date.now() - t0 };
}
