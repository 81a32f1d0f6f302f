import type { RedisOutputSpec } from '../../contracts/index.js';
import { jobManagerOf, type Target } from '../target.js';
import { findDeployedJobs } from './deployed.js';

/**
 * The Redis outputs of the featc jobs running on the target, as their deploys recorded them (not
 * a compiled folder that may be stale): what `featc sink redis` follows. `project` undefined: every
 * project's jobs; null: the jobs deployed without a project.
 */
export async function deployedRedisOutputs(target: Pick<Target, 'flinkUrl' | 'restTimeoutMs'>, project: string | null | undefined): Promise<{ outputs: RedisOutputSpec[]; jobs: string[] }> {
  const { jobs } = await findDeployedJobs(jobManagerOf(target));
  const mine = [...jobs.values()].filter((j) => j.artifact !== undefined && (project === undefined || j.artifact.project === project));
  return {
    outputs: mine.flatMap((j) => j.artifact?.graph.outputs ?? []),
    jobs: mine.map((j) => j.name).sort(),
  };
}
