import { DeployError } from '../deploy-error.js';
import type { JobPlan } from '../plan/plan.js';

/** `--from-savepoint <job>=<path>`: a stopped job started from a savepoint (e.g. `featc stop --savepoint`'s). */
export interface SavepointRestore { job: string; path: string }

/** Parses `<job>=<path>` (job names never contain `=`; the path may). */
export function parseSavepointRestore(text: string): SavepointRestore {
  const at = text.indexOf('=');
  const job = at > 0 ? text.slice(0, at) : '';
  const path = at > 0 ? text.slice(at + 1) : '';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(job) || path.length === 0) {
    throw new DeployError('FEATC_E7141', `--from-savepoint expects <job>=<savepoint path>, got "${text}"`, 'e.g. --from-savepoint engagement=file:///tmp/featc-savepoints/savepoint-1a2b3c-4d5e6f7a8b9c (the path `featc stop --savepoint` printed)');
  }
  return { job, path };
}

/**
 * Checks restores against the plan before anything is touched: each names a job of the definitions
 * that is not running (a running job is upgraded through its own savepoint).
 */
export function checkSavepointRestores(restores: readonly SavepointRestore[], jobs: readonly JobPlan[]): Map<string, string> {
  const byJob = new Map<string, string>();
  for (const r of restores) {
    const j = jobs.find((x) => x.name === r.job);
    if (!j || j.action === 'delete') {
      const known = jobs.filter((x) => x.action !== 'delete').map((x) => x.name).join(', ') || 'none';
      throw new DeployError('FEATC_E7142', `--from-savepoint names job "${r.job}", which the definitions do not contain (nothing was changed)`, `jobs in these definitions: ${known}`);
    }
    if (j.action !== 'create') {
      throw new DeployError('FEATC_E7143', `--from-savepoint: job "${r.job}" is running (plan: ${j.action}); nothing was changed`, 'a running job is upgraded through its own savepoint; to restart it from an older one, `featc stop ' + r.job + '` first');
    }
    if (byJob.has(r.job)) throw new DeployError('FEATC_E7141', `--from-savepoint names job "${r.job}" twice`, 'give one savepoint per job');
    byJob.set(r.job, r.path);
  }
  return byJob;
}
