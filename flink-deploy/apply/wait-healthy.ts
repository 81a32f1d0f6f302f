import { rootCause, type JobManagerClient } from '../rest/index.js';

export type Health = { ok: true; checkpointId: number } | { ok: false; cause: string };

/**
 * A job is up when it is RUNNING with every task running and has completed its first checkpoint
 * (so its exactly-once output is flowing). It has failed when it goes FAILING/FAILED/RESTARTING/
 * CANCELED, records an exception, or is not up within `timeoutMs`.
 */
export async function waitHealthy(jm: JobManagerClient, jobId: string, timeoutMs = 90_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  let last = 'INITIALIZING';
  // Checkpoints triggered while tasks are still deploying fail ("not all required tasks are currently
  // running"), on a busy machine for many seconds: only failures after every task runs count.
  let failedBeforeRunning: number | undefined;
  while (Date.now() < deadline) {
    const details = await jm.job(jobId);
    last = details.state;
    if (['FAILING', 'FAILED', 'RESTARTING', 'CANCELED', 'CANCELLING', 'FINISHED'].includes(details.state)) {
      return { ok: false, cause: await failureCause(jm, jobId, details.state) };
    }
    if (details.state === 'RUNNING' && details.vertices.every((v) => v.status === 'RUNNING')) {
      const exceptions = await jm.exceptions(jobId);
      if ((exceptions.exceptionHistory?.entries.length ?? 0) > 0) return { ok: false, cause: await failureCause(jm, jobId, details.state) };
      const cp = await jm.checkpoints(jobId);
      if (cp.counts.completed > 0 && cp.latest.completed) return { ok: true, checkpointId: cp.latest.completed.id };
      failedBeforeRunning ??= cp.counts.failed;
      // One more failure is tolerated: a checkpoint triggered just before the last task switched to RUNNING.
      const failedSince = cp.counts.failed - failedBeforeRunning;
      if (failedSince > 1) return { ok: false, cause: `checkpoints fail (${failedSince} failed since every task runs, none completed)` };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { ok: false, cause: `not RUNNING with a completed checkpoint after ${Math.round(timeoutMs / 1000)} s (last state ${last})` };
}

/** Flink's root cause of a job's latest failure, in one or two lines. */
export async function failureCause(jm: JobManagerClient, jobId: string, state: string): Promise<string> {
  const ex = await jm.exceptions(jobId).catch(() => undefined);
  const entry = ex?.exceptionHistory?.entries[0];
  const text = entry?.stacktrace ?? ex?.['root-exception'];
  return text ? `${state}: ${rootCause(text)}` : `job went ${state}`;
}
