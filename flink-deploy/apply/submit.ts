import { DeployError } from '../deploy-error.js';
import type { DeployedArtifact } from '../identity/artifact.js';
import { FlinkRestError } from '../rest/index.js';
import { sqlGatewayOf, type Target } from '../target.js';
import { jobConfiguration, type SubmitOptions } from './job-config.js';

/**
 * Runs a job's resolved statements in one fresh SQL Gateway session and returns the Flink job id.
 * `resolved` are the statements with placeholders filled in (see resolve.ts); the job configuration
 * is attached to the final `EXECUTE STATEMENT SET`.
 */
export async function submitJob(artifact: DeployedArtifact, resolved: readonly string[], target: Target, opts: SubmitOptions = {}): Promise<string> {
  const job = { name: artifact.job };
  const gateway = sqlGatewayOf(target);
  const session = await gateway.openSession({}, `featc-${job.name}`);
  try {
    const config = jobConfiguration(artifact, target, opts);
    for (const [i, statement] of resolved.entries()) {
      const last = i === resolved.length - 1;
      const id = `${job.name} statement ${i + 1}/${resolved.length}`;
      try {
        const r = await gateway.execute(session, statement, { statementId: id, ...(last ? { executionConfig: config } : {}) });
        if (last) {
          if (!r.jobId) throw new DeployError('FEATC_E7120', `${id} did not start a job`, 'the last statement must be EXECUTE STATEMENT SET; recompile', 2);
          return r.jobId;
        }
      } catch (err) {
        // Only a statement Flink ran and refused is the definition's fault; an unreachable or failing gateway keeps its own code (exit 2).
        if (err instanceof FlinkRestError && err.code === 'FEATC_E7010') throw new DeployError('FEATC_E7121', `${job.name}: Flink rejected ${id.replace(`${job.name} `, '')}: ${err.reason}`, err.hint, 1);
        if (err instanceof FlinkRestError) throw new FlinkRestError(err.code, `${id}: ${err.message}`, err.status, err.fullText, err.hint, err.reason);
        throw err;
      }
    }
    throw new DeployError('FEATC_E7120', `${job.name} has no statements`, 'recompile the job', 2);
  } finally {
    await gateway.closeSession(session);
  }
}
