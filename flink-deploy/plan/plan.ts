import { envNames } from '../../contracts/index.js';
import { compileDefinitions, DiagnosticsError, graphTopics, type CompiledJob } from '../../compiler/index.js';
import { jobTopics, listTopics, type JobTopics } from '../topics/kafka-topics.js';
import { artifactOf, type DeployedArtifact } from '../identity/artifact.js';
import { findDeployedJobs, type DeployedJob } from '../identity/deployed.js';
import { DeployError } from '../deploy-error.js';
import { jobManagerOf, type Target } from '../target.js';
import { compatibility } from './compatibility.js';
import { refillFrom, servingChanges, stoppedWithSavepoint, type ServingChanges } from './details.js';

export type PlanAction = 'create' | 'unchanged' | 'update-compatible' | 'update-state-reset' | 'delete';

export interface JobPlan {
  name: string;
  action: PlanAction;
  /** Why, in plain words: one line per change that matters. */
  reasons: string[];
  /** The new version (absent for delete). */
  hash?: string;
  /** What runs now (absent for create). */
  running?: { jobId: string; state: string; hash: string | undefined };
  /** The Kafka topics the new version reads and writes, and which are missing (absent for delete). */
  topics?: JobTopics;
  /** `${env:NAME}` secrets the new version needs that this environment does not set (deploy refuses: FEATC_E7110). */
  missingSecrets?: string[];
  /** Views and features the change adds and removes (against nothing for create, to nothing for delete). */
  serving?: ServingChanges;
  /** update-state-reset: where the new version re-reads its sources from (ISO time, or `earliest`). */
  refillFrom?: string;
  /** create: the savepoint the job was last stopped with (`featc stop --savepoint`); deploy starts empty unless given `--from-savepoint`. */
  stoppedWithSavepoint?: { path: string; stoppedAt: number };
}

export interface Plan {
  jobs: JobPlan[];
  /** featc jobs on the cluster that these definitions do not mention (deleted only with `prune`). */
  others: string[];
}

/** A plan plus what apply needs: the compiled jobs and the running jobs' recorded versions. */
export interface PlanWithContext extends Plan {
  compiled: Map<string, CompiledJob>;
  deployed: Map<string, DeployedJob>;
}

export interface PlanOptions {
  target: Target;
  /** The project whose jobs these are (featc.config `project`, or --project): another project's jobs are never planned, listed or pruned. */
  project?: string;
  /** Where `${env:NAME}` secrets come from; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Also plan `delete` for featc jobs on the cluster that the definitions do not contain. */
  prune?: boolean;
}

/** Compiles `paths` (throws DiagnosticsError on definition errors) and plans them. */
export async function plan(paths: string[], opts: PlanOptions): Promise<PlanWithContext> {
  const { jobs, diagnostics } = await compileDefinitions(paths);
  if (diagnostics.length > 0) throw new DiagnosticsError(diagnostics);
  return planJobs(jobs.map((j) => j.job), opts);
}

/** Compares compiled jobs with what runs on the target, found by job name. */
export async function planJobs(compiled: CompiledJob[], opts: PlanOptions): Promise<PlanWithContext> {
  const project = opts.project ?? null;
  const { jobs: deployed } = await findDeployedJobs(jobManagerOf(opts.target));
  assertOwned(compiled, deployed, project, opts.target);
  const perJob = compiled.map((job) => graphTopics(job.graph));
  const listed = await listTopics(opts.target.kafkaBootstrap, [...new Set(perJob.flatMap((t) => t.all))]);
  const env = opts.env ?? process.env;
  const result: JobPlan[] = await Promise.all(compiled.map(async (job, i) => {
    const missingSecrets = envNames(job.statements).filter((n) => env[n] === undefined);
    const current = deployed.get(job.name);
    const one = planOne(job, current, project);
    const stopped = one.action === 'create' ? await stoppedWithSavepoint(jobManagerOf(opts.target), job.name, project) : undefined;
    return {
      ...one, topics: jobTopics(perJob[i] ?? { reads: [], writes: [] }, listed), ...(missingSecrets.length > 0 ? { missingSecrets } : {}),
      serving: servingChanges(current?.artifact?.graph, job.graph),
      ...(one.action === 'update-state-reset' ? { refillFrom: refillFrom(job, project) } : {}),
      ...(stopped ? { stoppedWithSavepoint: stopped } : {}),
    };
  }));
  const names = new Set(compiled.map((j) => j.name));
  const orphans = [...deployed.values()].filter((d) => d.artifact && d.artifact.project === project && !names.has(d.name));
  if (opts.prune) {
    for (const d of orphans) result.push({ name: d.name, action: 'delete', reasons: ['no longer in the definitions'], running: running(d), serving: servingChanges(d.artifact?.graph, undefined) });
  }
  return { jobs: result, others: opts.prune ? [] : orphans.map((d) => d.name), compiled: new Map(compiled.map((j) => [j.name, j])), deployed };
}

function running(d: DeployedJob): NonNullable<JobPlan['running']> {
  return { jobId: d.jobId, state: d.state, hash: d.hash };
}

/** A job of this name deployed by another project is not ours to replace: refused before anything is planned (FEATC_E7164). */
function assertOwned(compiled: readonly CompiledJob[], deployed: ReadonlyMap<string, DeployedJob>, project: string | null, target: Target): void {
  const taken = compiled.map((j) => deployed.get(j.name)).filter((d): d is DeployedJob => d?.artifact !== undefined && d.artifact.project !== project);
  if (taken.length === 0) return;
  throw notOwned(taken, project, target, 'rename the job in your definitions, or run from the owning project (its featc.config project, or --project <name>)');
}

/** FEATC_E7164: these jobs belong to another project than `project`. */
export function notOwned(jobs: readonly DeployedJob[], project: string | null, target: Target, hint: string): DeployError {
  const owner = (p: string | null): string => (p === null ? 'no project' : `project ${p}`);
  return new DeployError('FEATC_E7164', `${jobs.map((d) => `job ${d.name} on ${target.flinkUrl} belongs to ${owner(d.artifact?.project ?? null)}`).join('; ')}, not to ${owner(project)}: featc does not touch another project's jobs`, hint);
}

function planOne(job: CompiledJob, current: DeployedJob | undefined, project: string | null): JobPlan {
  if (!current) return { name: job.name, action: 'create', reasons: ['not running on the cluster'], hash: job.hash };
  if (!current.artifact) {
    return { name: job.name, action: 'update-state-reset', reasons: [`the running job ${current.jobId} carries no featc record, so its state cannot be judged compatible`], hash: job.hash, running: running(current) };
  }
  const c = compatibility(current.artifact, artifactOf(job, project));
  const reasons = [...c.reasons];
  if (c.kind === 'unchanged' && current.state !== 'RUNNING') reasons.push(`the job is ${current.state}`);
  return { name: job.name, action: c.kind, reasons, hash: job.hash, running: running(current) };
}

/** The text `featc plan` prints: one block per job. */
export function formatPlan(p: Plan): string {
  const symbol: Record<PlanAction, string> = { create: '+', unchanged: '=', 'update-compatible': '~', 'update-state-reset': '!', delete: '-' };
  const lines: string[] = [];
  for (const j of p.jobs) {
    lines.push(`${symbol[j.action]} ${j.name}: ${j.action}${j.action === 'update-compatible' ? ' (restores from a savepoint)' : ''}${j.action === 'update-state-reset' ? ' (state starts empty; needs --allow-state-reset)' : ''}`);
    if (j.action !== 'create' && j.action !== 'unchanged') for (const r of j.reasons) lines.push(`    ${r}`);
    else if (j.action === 'unchanged') for (const r of j.reasons) lines.push(`    ${r}`);
    if (j.serving && j.action !== 'unchanged') lines.push(...servingLines(j.serving));
    if (j.action === 'update-compatible') lines.push('    state kept: restored from a savepoint taken when the running job stops');
    if (j.refillFrom) {
      lines.push(`    state reset: re-reads its sources from ${j.refillFrom === 'earliest' ? 'the earliest offset' : j.refillFrom}; records in that range that were dead-lettered are dead-lettered again (each names its source partition and offset)`);
    }
    if (j.stoppedWithSavepoint) {
      const { path, stoppedAt } = j.stoppedWithSavepoint;
      lines.push(`    was stopped with savepoint ${path} at ${new Date(stoppedAt).toISOString()}: a plain deploy starts with empty state; resume with --from-savepoint ${j.name}=${path}`);
    }
    if (j.topics && j.action !== 'delete') lines.push(...topicLines(j.topics, j.action !== 'unchanged'));
    if (j.missingSecrets && j.action !== 'unchanged') lines.push(`    missing secret${j.missingSecrets.length > 1 ? 's' : ''} ${j.missingSecrets.join(', ')} (not set in this environment; deploy refuses: FEATC_E7110)`);
  }
  if (p.others.length > 0) lines.push(`  (also on the cluster, not in these definitions: ${p.others.join(', ')}; --prune deletes them)`);
  return lines.join('\n');
}

/** Views and features added or removed, one line each kind. */
function servingLines(c: ServingChanges): string[] {
  const line = (what: string, items: string[]): string[] => (items.length > 0 ? [`    ${what} ${items.join(', ')}`] : []);
  return [...line('views added:', c.viewsAdded), ...line('views removed:', c.viewsRemoved), ...line('features added:', c.featuresAdded), ...line('features removed:', c.featuresRemoved)];
}

/** The topic lines of one job: all of them when it changes, only problems when it does not. */
function topicLines(t: JobTopics, changes: boolean): string[] {
  const lines: string[] = [];
  if (changes) lines.push(`    reads ${t.reads.join(', ')}`, `    writes ${t.writes.join(', ')}`);
  if (t.missingWrites.length > 0) lines.push(`    missing ${t.missingWrites.join(', ')} (deploy creates ${t.missingWrites.length > 1 ? 'them' : 'it'})`);
  if (t.missingSources.length > 0) lines.push(`    missing source topic${t.missingSources.length > 1 ? 's' : ''} ${t.missingSources.join(', ')} (deploy refuses: create ${t.missingSources.length > 1 ? 'them' : 'it'}, or deploy with --create-source-topics)`);
  if (t.unchecked) lines.push(`    ${t.unchecked}`);
  return lines;
}

/**
 * `featc plan --detailed-exitcode`: 0 nothing to change, 2 changes, 3 a state reset is needed
 * (errors exit 1 before this).
 */
export function planExitCode(p: Plan): 0 | 2 | 3 {
  if (p.jobs.some((j) => j.action === 'update-state-reset')) return 3;
  return p.jobs.some((j) => j.action !== 'unchanged') ? 2 : 0;
}

export type { DeployedArtifact };
