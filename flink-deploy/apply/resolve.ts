import { envNames, fillPlaceholders } from '../../contracts/index.js';
import { DeployError } from '../deploy-error.js';
import type { Target } from '../target.js';


/** Throws FEATC_E7110 naming every missing secret; called before anything on the cluster is touched. */
export function assertSecretsPresent(job: string, statements: readonly string[], env: NodeJS.ProcessEnv): void {
  const missing = envNames(statements).filter((n) => env[n] === undefined);
  if (missing.length > 0) {
    throw new DeployError('FEATC_E7110', `job ${job} needs the environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not set`, `export ${missing[0]}=… before featc deploy; secrets are read at deploy time only`);
  }
}

/**
 * Resolves placeholders for submission. The result holds secrets: it is sent to the SQL Gateway
 * and never printed, logged or stored.
 */
export function resolveStatements(job: string, statements: readonly string[], target: Target, env: NodeJS.ProcessEnv = process.env): string[] {
  assertSecretsPresent(job, statements, env);
  const featc: Record<string, string | undefined> = { 'kafka.bootstrap': target.kafkaBootstrap, 'checkpoint.dir': target.checkpointDir };
  return statements.map((s) => fillPlaceholders(s, {
    env: (name) => env[name] ?? '',
    featc,
    unknown: (whole, key) => {
      throw new DeployError('FEATC_E7111', `job ${job} uses ${whole}, which the target does not define`, key === 'checkpoint.dir' ? 'set "checkpointDir" in featc.config.json' : 'upgrade featc, or recompile with this version');
    },
  }));
}
