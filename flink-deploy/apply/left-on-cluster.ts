import { findDeployedJob } from '../identity/deployed.js';
import type { JobManagerClient, JobState } from '../rest/index.js';

/** After a failed deploy step: what featc left on the cluster for one job, as checked there (never assumed). */
export interface LeftOnCluster {
  /** The active job of this name, if any. */
  jobId?: string;
  /** Its state; `none` when no job of this name is active; `unknown` when the JobManager could not be asked. */
  state: JobState | 'none' | 'unknown';
  /** One sentence a person can act on. */
  note: string;
}

/** The jobs a failed deploy of `name` touched, so the note can say which version is which. */
export interface TouchedJobs {
  previousJobId?: string;
  newJobId?: string;
  rollbackJobId?: string;
  savepoint?: string;
}

/** Cancels a job this deploy started and waits until it is gone; false when that could not be confirmed. */
export async function cancelStarted(jm: JobManagerClient, jobId: string): Promise<boolean> {
  try {
    await jm.cancel(jobId);
    await jm.waitForState(jobId, ['CANCELED', 'FAILED', 'FINISHED'], 30_000);
    return true;
  } catch {
    return false;
  }
}

/** Asks the JobManager which job of `name` is active now and says what that means. */
export async function leftOnCluster(jm: JobManagerClient, name: string, touched: TouchedJobs): Promise<LeftOnCluster> {
  const savepointNote = touched.savepoint ? `; the previous version's state is in savepoint ${touched.savepoint} (featc deploy --from-savepoint ${name}=${touched.savepoint})` : '';
  let active;
  try {
    active = await findDeployedJob(jm, name);
  } catch (err) {
    const maybe = touched.newJobId ?? touched.rollbackJobId;
    return {
      state: 'unknown',
      ...(maybe ? { jobId: maybe } : {}),
      note: `could not check the cluster (${(err as Error).message})${maybe ? `: job ${maybe} may still be there` : ''}${savepointNote}; check with \`featc status ${name}\`, cancel with \`featc destroy ${name}\``,
    };
  }
  if (!active) {
    const cancelled = touched.newJobId ? ` (the new job ${touched.newJobId} was cancelled)` : '';
    return { state: 'none', note: `no job named ${name} runs on the cluster${cancelled}${savepointNote}` };
  }
  const at = { jobId: active.jobId, state: active.state };
  const is = `${active.jobId} (${active.state})`;
  if (active.jobId === touched.rollbackJobId) return { ...at, note: `the previous version runs again as job ${is}, restored from savepoint ${touched.savepoint ?? '?'}` };
  if (active.jobId === touched.previousJobId) return { ...at, note: `the previous version still runs as job ${is}, unchanged` };
  if (active.jobId === touched.newJobId) return { ...at, note: `the failed new version is still on the cluster as job ${is}: cancel it with \`featc destroy ${name}\`${savepointNote}` };
  return { ...at, note: `job ${is} runs under the name ${name} (not started by this deploy)${savepointNote}` };
}
