import { FeatcError } from '../../common/errors.js';
import { statementsFor, type CompiledJob } from '../../compiler/index.js';
import { DeployError } from '../deploy-error.js';
import { deployCodes } from '../codes.js';
import { artifactOf, type DeployedArtifact } from '../identity/artifact.js';
import type { DeployedJob } from '../identity/deployed.js';
import { plan, planJobs, type JobPlan, type PlanAction, type PlanOptions, type PlanWithContext } from '../plan/plan.js';
import type { JobManagerClient } from '../rest/index.js';
import { jobManagerOf, type Target } from '../target.js';
import { cancelStarted, leftOnCluster, type LeftOnCluster } from './left-on-cluster.js';
import { assertSecretsPresent, resolveStatements } from './resolve.js';
import { scrubDeep, scrubError, secretValues } from './scrub.js';
import { refillStartMs } from './startup.js';
import { timed, type ProgressFn, type StepReport } from './steps.js';
import { stopWithSavepoint } from './stop.js';
import { checkSavepointRestores, type SavepointRestore } from './from-savepoint.js';
import { submitJob } from './submit.js';
import { waitHealthy } from './wait-healthy.js';
import { createTopics } from '../topics/kafka-topics.js';

export interface DeployOptions {
  target: Target;
  /** The project deploying (recorded with each job; another project's jobs are refused, never pruned). */
  project?: string;
  /** Apply state-reset changes (refused otherwise, before anything is touched). */
  allowStateReset?: boolean;
  /** Stop featc jobs the definitions no longer contain. */
  prune?: boolean;
  /** Where `${env:NAME}` secrets come from; default process.env. */
  env?: NodeJS.ProcessEnv;
  progress?: ProgressFn;
  /** How long a new job gets to be RUNNING with a completed checkpoint; default 90 s. */
  upTimeoutMs?: number;
  /** Jobs that are not running, started from these savepoints instead of empty state. */
  fromSavepoints?: SavepointRestore[];
  /** Create missing source topics too (refused otherwise: featc cannot know the partitions your producers need). */
  createSourceTopics?: boolean;
  /** Partitions of the topics deploy creates; default: as many as the job's largest source topic, else 1. */
  topicPartitions?: number;
}

export interface JobDeployReport {
  name: string;
  action: PlanAction;
  reasons: string[];
  ok: boolean;
  jobId?: string;
  previousJobId?: string;
  savepoint?: string;
  /** The savepoint a stopped job was started from (--from-savepoint). */
  restoredFrom?: string;
  /** Kafka record time the sources started from after a state reset. */
  startedFromMs?: number;
  /** Topics this deploy created before submitting (outputs, dead letters, steps; sources with createSourceTopics). */
  createdTopics?: string[];
  rolledBack?: boolean;
  error?: string;
  /** On failure: the error's code and hint, and the exit code it maps to (1: the definition, 2: the cluster). */
  errorCode?: string;
  hint?: string;
  exitCode?: 1 | 2;
  /** On failure: what this deploy left on the cluster for the job, checked after cleaning up. */
  left?: LeftOnCluster;
  steps: StepReport[];
  ms: number;
}

export interface DeployReport { ok: boolean; jobs: JobDeployReport[]; ms: number }

/** Compiles, plans and applies: `featc deploy` as a function. */
export async function deploy(paths: string[], opts: DeployOptions): Promise<DeployReport> {
  return applyPlan(await plan(paths, planOptions(opts)), opts);
}

/** Plans and applies already compiled jobs (the API for callers that hold JobDefs, e.g. tests). */
export async function deployJobs(jobs: CompiledJob[], opts: DeployOptions): Promise<DeployReport> {
  return applyPlan(await planJobs(jobs, planOptions(opts)), opts);
}

function planOptions(opts: DeployOptions): PlanOptions {
  return { target: opts.target, ...(opts.prune ? { prune: true } : {}), ...(opts.project === undefined ? {} : { project: opts.project }), ...(opts.env ? { env: opts.env } : {}) };
}

/**
 * Applies a plan job by job. Everything that can be checked is checked before the first job is
 * stopped: state resets need `allowStateReset`, and every placeholder and secret of the new and
 * previous versions must resolve. An update stops the job with a savepoint, starts the new version
 * (restoring from the savepoint when compatible, from Kafka far enough back when not) and waits for
 * its first checkpoint; if it does not come up, it is cancelled and the previous version is
 * resubmitted from the same savepoint. A failed job's report carries the error's code, hint and exit
 * code, and `left`: what runs under its name afterwards, as the JobManager says.
 */
export async function applyPlan(p: PlanWithContext, opts: DeployOptions): Promise<DeployReport> {
  const env = opts.env ?? process.env;
  const statements = [...p.compiled.values()].flatMap((c) => c.statements).concat([...p.deployed.values()].flatMap((d) => d.artifact?.statements ?? []));
  const secrets = secretValues(statements, env);
  const progress = opts.progress;
  const scrubbedOpts: DeployOptions = progress ? { ...opts, progress: (event) => progress(scrubDeep(event, secrets)) } : opts;
  try {
    return scrubDeep(await applyPlanUnscrubbed(p, scrubbedOpts, env), secrets);
  } catch (err) {
    throw scrubError(err, secrets);
  }
}

async function applyPlanUnscrubbed(p: PlanWithContext, opts: DeployOptions, env: NodeJS.ProcessEnv): Promise<DeployReport> {
  const t0 = Date.now();
  const resets = p.jobs.filter((j) => j.action === 'update-state-reset');
  if (resets.length > 0 && !opts.allowStateReset) {
    const why = resets.map((j) => `${j.name}: ${j.reasons.join('; ')}`).join('\n  ');
    throw new DeployError('FEATC_E7140', `refusing a state reset (nothing was changed):\n  ${why}`, 'deploy with --allow-state-reset to start these jobs with empty state, refilled from Kafka; or make a compatible change');
  }
  const missingSources = p.jobs.filter(applies).flatMap((j) => (j.topics?.missingSources ?? []).map((t) => `${t} (${j.name})`));
  if (missingSources.length > 0 && !opts.createSourceTopics) {
    throw new DeployError('FEATC_E7162', `source topic${missingSources.length > 1 ? 's' : ''} missing on ${opts.target.kafkaBootstrap} (nothing was changed): ${missingSources.join(', ')}`,
      'create them with the partitions your producers need, or deploy with --create-source-topics [--topic-partitions <n>]');
  }
  const restores = checkSavepointRestores(opts.fromSavepoints ?? [], p.jobs);
  const prepared = new Map<string, Prepared>();
  for (const j of p.jobs) {
    const next = p.compiled.get(j.name);
    const restoreFrom = restores.get(j.name);
    if (next && j.action !== 'unchanged' && j.action !== 'delete') prepared.set(j.name, { ...prepare(j, next, opts.target, env, opts.project ?? null), ...(restoreFrom ? { restoreFrom } : {}) });
    else if (next) assertSecretsPresent(j.name, next.statements, env);
    const prev = p.deployed.get(j.name)?.artifact;
    if (prev && j.action !== 'unchanged') resolveStatements(`${j.name} (previous version, for rollback)`, prev.statements, opts.target, env);
  }
  const reports: JobDeployReport[] = [];
  for (const j of p.jobs) reports.push(await applyJob(j, prepared.get(j.name), p.deployed.get(j.name), opts, env));
  return { ok: reports.every((r) => r.ok), jobs: reports, ms: Date.now() - t0 };
}

interface Prepared { artifact: DeployedArtifact; statements: string[]; startedFromMs?: number; /** A savepoint given with --from-savepoint. */ restoreFrom?: string }

/** Resolves placeholders and the refill start before anything on the cluster is touched: these errors stop nothing. */
function prepare(j: JobPlan, next: CompiledJob, target: Target, env: NodeJS.ProcessEnv, project: string | null): Prepared {
  const artifact = artifactOf(next, project);
  const start = j.action === 'update-state-reset' ? refillStartMs(artifact) : undefined;
  // A refill starts the sources at a timestamp: printed from the IR, the recorded artifact keeps the compiled statements.
  const submitted = start === undefined ? artifact.statements : statementsFor(next, { startTimestampMs: start });
  const statements = resolveStatements(j.name, submitted, target, env);
  return start === undefined ? { artifact, statements } : { artifact, statements, startedFromMs: start };
}

async function applyJob(j: JobPlan, next: Prepared | undefined, current: DeployedJob | undefined, opts: DeployOptions, env: NodeJS.ProcessEnv): Promise<JobDeployReport> {
  const t0 = Date.now();
  const steps: StepReport[] = [];
  const report: JobDeployReport = { name: j.name, action: j.action, reasons: j.reasons, ok: true, steps, ms: 0 };
  const progress = opts.progress ?? ((): void => undefined);
  const jm = jobManagerOf(opts.target);
  const step = <T>(name: string, fn: () => Promise<T>, detail?: (v: T) => string | undefined): Promise<T> => timed(steps, progress, j.name, name, fn, detail);
  const finish = (): JobDeployReport => ({ ...report, ms: Date.now() - t0 });
  if (current) report.previousJobId = current.jobId;
  if (j.action === 'unchanged') {
    if (current) report.jobId = current.jobId;
    return finish();
  }
  let savepoint: string | undefined;
  let newId: string | undefined;
  try {
    const create = topicsToCreate(j, opts);
    if (create.length > 0) {
      await step('create missing topics', () => createTopics(opts.target.kafkaBootstrap, create), () => create.map((t) => `${t.topic} (${t.partitions})`).join(', '));
      report.createdTopics = create.map((t) => t.topic);
    }
    if (current) {
      savepoint = await step('stop with savepoint', () => stopWithSavepoint(jm, current.jobId, j.name, savepointOpts(opts.target)), (s) => s);
      report.savepoint = savepoint;
    }
    if (j.action === 'delete' || !next) return finish();
    if (next.startedFromMs !== undefined) report.startedFromMs = next.startedFromMs;
    // --from-savepoint applies only to jobs that were not running, so it never meets an upgrade's own savepoint.
    const restoreFrom = next.restoreFrom ?? (j.action === 'update-compatible' ? savepoint : undefined);
    if (next.restoreFrom) report.restoredFrom = next.restoreFrom;
    const submitStep = next.restoreFrom ? `submit (restoring from ${next.restoreFrom})` : restoreFrom ? 'submit (restoring from the savepoint)' : 'submit (empty state)';
    newId = await step(submitStep, () => submitJob(next.artifact, next.statements, opts.target, restoreFrom ? { restoreFrom } : {}), (id) => id);
    report.jobId = newId;
    const id = newId;
    await step('wait for RUNNING and the first checkpoint', () => upOrThrow(jm, id, j.name, 'the new version', opts.upTimeoutMs), (h) => `checkpoint ${h.checkpointId}`);
    return finish();
  } catch (err) {
    const coded = err instanceof FeatcError ? err : undefined;
    Object.assign(report, {
      ok: false, error: err instanceof Error ? err.message : String(err), exitCode: coded?.exitCode ?? 2,
      errorCode: coded?.code ?? 'FEATC_E7100', hint: coded?.hint ?? deployCodes.FEATC_E7100.hint,
    });
    if (newId) await cancelStarted(jm, newId);
    const rollbackId = current?.artifact && savepoint ? await rollback(current.artifact, savepoint, report, opts, env, step) : undefined;
    report.left = await leftOnCluster(jm, j.name, {
      ...(current ? { previousJobId: current.jobId } : {}), ...(newId ? { newJobId: newId } : {}),
      ...(rollbackId ? { rollbackJobId: rollbackId } : {}), ...(savepoint ? { savepoint } : {}),
    });
    return finish();
  }
}

/** Resubmits the previous version from the savepoint; returns its job id once submitted (kept even if it then does not come up). */
async function rollback(prev: DeployedArtifact, savepoint: string, report: JobDeployReport, opts: DeployOptions, env: NodeJS.ProcessEnv, step: <T>(name: string, fn: () => Promise<T>, detail?: (v: T) => string | undefined) => Promise<T>): Promise<string | undefined> {
  const jm = jobManagerOf(opts.target);
  let id: string | undefined;
  try {
    const statements = resolveStatements(prev.job, prev.statements, opts.target, env);
    const submitted = await step('rollback: resubmit the previous version from the savepoint', () => submitJob(prev, statements, opts.target, { restoreFrom: savepoint }), (v) => v);
    id = submitted;
    report.jobId = submitted;
    await step('rollback: wait for RUNNING and the first checkpoint', () => upOrThrow(jm, submitted, prev.job, 'the previous version', opts.upTimeoutMs), (h) => `checkpoint ${h.checkpointId}`);
    report.rolledBack = true;
  } catch (err) {
    report.rolledBack = false;
    report.error = `${report.error ?? ''}; the rollback failed: ${(err as Error).message}; the previous state is in savepoint ${savepoint}`;
  }
  return id;
}

async function upOrThrow(jm: JobManagerClient, jobId: string, job: string, what: string, timeoutMs = 90_000): Promise<{ checkpointId: number }> {
  const health = await waitHealthy(jm, jobId, timeoutMs);
  if (!health.ok) throw new DeployError('FEATC_E7150', `${job}: ${what} did not come up: ${health.cause}`, 'fix the definition and deploy again', 1);
  return health;
}

/** Jobs whose new version deploy submits. */
function applies(j: JobPlan): boolean {
  return j.action !== 'unchanged' && j.action !== 'delete';
}

function topicsToCreate(j: JobPlan, opts: DeployOptions): { topic: string; partitions: number }[] {
  if (!applies(j) || !j.topics) return [];
  const partitions = opts.topicPartitions ?? j.topics.sourcePartitions ?? 1;
  return [...j.topics.missingWrites, ...(opts.createSourceTopics ? j.topics.missingSources : [])].map((topic) => ({ topic, partitions }));
}

function savepointOpts(target: Target): { savepointDir?: string } {
  return target.savepointDir ? { savepointDir: target.savepointDir } : {};
}
