import type { JobManagerClient, JobOverview, JobState } from '../rest/index.js';
import { decodeArtifact, PARAM_ARTIFACT, PARAM_HASH, PARAM_JOB, type DeployedArtifact } from './artifact.js';

/** A featc job found on the cluster by its name, with what featc recorded when it submitted it. */
export interface DeployedJob {
  name: string;
  jobId: string;
  state: JobState;
  startTime: number;
  hash: string | undefined;
  /** Undefined when the job was not submitted by featc (or by an incompatible version). */
  artifact: DeployedArtifact | undefined;
}

/** States in which a job still holds (or is about to hold) slots: the job "runs" for plan and deploy. */
export const ACTIVE_STATES: readonly JobState[] = ['INITIALIZING', 'CREATED', 'RUNNING', 'FAILING', 'RESTARTING', 'RECONCILING', 'CANCELLING'];

/**
 * The running featc jobs, keyed by job name (`pipeline.name`). No local file is consulted: the
 * cluster is the only source of truth. With several active jobs of one name, the newest wins and
 * the others are listed in `duplicates` so the caller can report them.
 */
export async function findDeployedJobs(jm: JobManagerClient): Promise<{ jobs: Map<string, DeployedJob>; duplicates: DeployedJob[] }> {
  const overview = (await jm.jobs()).filter((j) => ACTIVE_STATES.includes(j.state));
  const found = await Promise.all(overview.map((j) => withIdentity(jm, j)));
  const jobs = new Map<string, DeployedJob>();
  const duplicates: DeployedJob[] = [];
  for (const job of found.sort((a, b) => b.startTime - a.startTime)) {
    if (jobs.has(job.name)) duplicates.push(job);
    else jobs.set(job.name, job);
  }
  return { jobs, duplicates };
}

async function withIdentity(jm: JobManagerClient, j: JobOverview): Promise<DeployedJob> {
  const config = await jm.jobConfig(j.jid).catch(() => ({} as Awaited<ReturnType<JobManagerClient['jobConfig']>>));
  const params = config['execution-config']?.['user-config'] ?? {};
  const artifact = params[PARAM_ARTIFACT] ? decodeArtifact(params[PARAM_ARTIFACT]) : undefined;
  return { name: params[PARAM_JOB] ?? j.name, jobId: j.jid, state: j.state, startTime: j['start-time'], hash: params[PARAM_HASH], artifact };
}

/**
 * The newest ended (FAILED, CANCELED, FINISHED) featc job named `name` that the JobManager still
 * remembers: what a failed or cancelled deploy left behind, for `featc status <job>`.
 */
export async function findLatestEndedJob(jm: JobManagerClient, name: string): Promise<DeployedJob | undefined> {
  const ended = (await jm.jobs()).filter((j) => j.name === name && !ACTIVE_STATES.includes(j.state)).sort((a, b) => b['start-time'] - a['start-time']);
  for (const j of ended) {
    const job = await withIdentity(jm, j);
    if (job.artifact && job.name === name) return job;
  }
  return undefined;
}

/**
 * featc jobs whose newest run FAILED (e.g. the restart strategy gave up) and that have no active
 * run: what `featc status` without names must still show, while the JobManager remembers them.
 */
export async function findFailedJobs(jm: JobManagerClient): Promise<DeployedJob[]> {
  const all = await jm.jobs();
  const active = new Set(all.filter((j) => ACTIVE_STATES.includes(j.state)).map((j) => j.name));
  const newestEnded = new Map<string, JobOverview>();
  for (const j of all) {
    if (!active.has(j.name) && j['start-time'] > (newestEnded.get(j.name)?.['start-time'] ?? -1)) newestEnded.set(j.name, j);
  }
  const failed = [...newestEnded.values()].filter((j) => j.state === 'FAILED');
  const found = await Promise.all(failed.map(async (j) => ({ overview: j, job: await withIdentity(jm, j) })));
  return found.filter(({ overview, job }) => job.artifact !== undefined && job.name === overview.name).map(({ job }) => job);
}

/** The one active job named `name`, if any. */
export async function findDeployedJob(jm: JobManagerClient, name: string): Promise<DeployedJob | undefined> {
  return (await findDeployedJobs(jm)).jobs.get(name);
}
