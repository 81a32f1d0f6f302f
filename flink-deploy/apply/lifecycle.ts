import { DeployError } from '../deploy-error.js';
import { findDeployedJob } from '../identity/deployed.js';
import type { JobManagerClient } from '../rest/index.js';
import { jobManagerOf, type Target } from '../target.js';
import { stopWithSavepoint } from './stop.js';
import { notOwned } from '../plan/plan.js';

/** The running job `name`; with a project, refused when another project deployed it (FEATC_E7164). */
async function running(target: Target, name: string, project: string | undefined): Promise<{ jm: JobManagerClient; jobId: string }> {
  const jm = jobManagerOf(target);
  const job = await findDeployedJob(jm, name);
  if (!job) throw new DeployError('FEATC_E7160', `no running job named ${name} on ${target.flinkUrl}`, 'see the running jobs with `featc status`');
  if (project !== undefined && job.artifact && job.artifact.project !== project) {
    throw notOwned([job], project, target, 'run from the owning project (its featc.config project, or --project <name>)');
  }
  return { jm, jobId: job.jobId };
}

/** `featc stop <job> [--savepoint]`: stops with a savepoint (returned) or cancels. */
export async function stop(name: string, opts: { target: Target; savepoint?: boolean; project?: string }): Promise<{ jobId: string; savepoint?: string }> {
  const { jm, jobId } = await running(opts.target, name, opts.project);
  if (!opts.savepoint) {
    await cancel(jm, jobId);
    return { jobId };
  }
  const savepoint = await stopWithSavepoint(jm, jobId, name, opts.target.savepointDir ? { savepointDir: opts.target.savepointDir } : {});
  return { jobId, savepoint };
}

/** `featc destroy <job>`: cancels the job without a savepoint; its state is dropped. */
export async function destroy(name: string, opts: { target: Target; confirm?: (jobId: string) => Promise<boolean>; project?: string }): Promise<{ jobId: string; destroyed: boolean }> {
  const { jm, jobId } = await running(opts.target, name, opts.project);
  if (opts.confirm && !(await opts.confirm(jobId))) return { jobId, destroyed: false };
  await cancel(jm, jobId);
  return { jobId, destroyed: true };
}

async function cancel(jm: JobManagerClient, jobId: string): Promise<void> {
  await jm.cancel(jobId);
  await jm.waitForState(jobId, ['CANCELED', 'FAILED', 'FINISHED'], 60_000);
}
