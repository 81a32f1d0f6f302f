import { identityParameters, type DeployedArtifact } from '../identity/artifact.js';
import type { Target } from '../target.js';

export interface SubmitOptions {
  /** Savepoint (or retained checkpoint) to restore from. */
  restoreFrom?: string;
  /** Job configuration set over featc's (e.g. `restart-strategy.type`). */
  configuration?: Record<string, string>;
}

/**
 * The job configuration featc sets on every submit, next to the compiled `SET`s (which carry
 * `pipeline.name`, parallelism and the DSL's checkpoint interval): RocksDB with incremental
 * checkpoints, exactly-once, retained checkpoints, a bounded restart strategy, the state dirs, the
 * restore path, and the identity parameters that let plan and rollback work from the cluster alone.
 */
export function jobConfiguration(artifact: DeployedArtifact, target: Target, opts: SubmitOptions = {}): Record<string, string> {
  return {
    'state.backend.type': 'rocksdb',
    'execution.checkpointing.incremental': 'true',
    'execution.checkpointing.mode': 'EXACTLY_ONCE',
    'execution.checkpointing.externalized-checkpoint-retention': 'RETAIN_ON_CANCELLATION',
    'restart-strategy.type': 'exponential-delay',
    'restart-strategy.exponential-delay.initial-backoff': '1 s',
    'restart-strategy.exponential-delay.max-backoff': '1 min',
    'restart-strategy.exponential-delay.attempts-before-reset-backoff': '20',
    ...(target.checkpointDir ? { 'execution.checkpointing.dir': target.checkpointDir } : {}),
    ...(target.savepointDir ? { 'execution.checkpointing.savepoint-dir': target.savepointDir } : {}),
    ...(opts.restoreFrom ? { 'execution.state-recovery.path': opts.restoreFrom, 'execution.state-recovery.ignore-unclaimed-state': 'false' } : {}),
    'pipeline.global-job-parameters': identityParameters(artifact),
    ...opts.configuration,
  };
}
