import { DeployError } from '../deploy-error.js';
import { rootCause, type JobManagerClient } from '../rest/index.js';

/** Stops a job with a savepoint (no drain: windows stay open in the savepoint) and returns the savepoint's location. */
export async function stopWithSavepoint(jm: JobManagerClient, jobId: string, job: string, opts: { savepointDir?: string; timeoutMs?: number } = {}): Promise<string> {
  const trigger = await jm.stopWithSavepoint(jobId, opts.savepointDir, false).catch((err: Error) => {
    throw new DeployError('FEATC_E7130', `cannot stop ${job} (${jobId}) with a savepoint: ${err.message}`, 'no savepoint directory? set "savepointDir" in featc.config.json or execution.checkpointing.savepoint-dir on the cluster', 2);
  });
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    const s = await jm.savepointStatus(jobId, trigger);
    if (s.status.id === 'COMPLETED') {
      const cause = s.operation?.['failure-cause'];
      if (cause) {
        throw new DeployError('FEATC_E7131', `the savepoint of ${job} failed: ${rootCause(cause['stack-trace'] ?? cause.class ?? 'unknown')}`, 'the job keeps running unchanged; check its checkpoints with `featc status`', 2);
      }
      const location = s.operation?.location;
      if (!location) throw new DeployError('FEATC_E7131', `the savepoint of ${job} reported no location`, 'check the JobManager log', 2);
      await jm.waitForState(jobId, ['FINISHED', 'CANCELED', 'FAILED'], 60_000);
      return location;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new DeployError('FEATC_E7132', `the savepoint of ${job} did not complete within ${(opts.timeoutMs ?? 120_000) / 1000} s`, 'large state or a stuck checkpoint; the job may still be running: check `featc status`', 2);
}
