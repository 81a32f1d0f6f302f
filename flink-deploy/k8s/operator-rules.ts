import type { Violation } from './object-meta.js';
import { OPERATOR_DEPLOYMENT_NAME } from './names.js';

/**
 * Checks the Flink Kubernetes Operator's admission validator (DefaultValidator.validateDeployment)
 * makes on a new FlinkDeployment beyond its CRD schema, so a manifest that passes here is not
 * refused at `kubectl apply` time by the operator's webhook or reconciler.
 */
export function operatorRuleViolations(manifest: unknown): Violation[] {
  const m = manifest as { kind?: string; metadata?: { name?: string }; spec?: Record<string, unknown> };
  if (m.kind !== 'FlinkDeployment') return [];
  const out: Violation[] = [];
  const spec = m.spec ?? {};
  const conf = (spec.flinkConfiguration ?? {}) as Record<string, unknown>;
  const has = (...keys: string[]): boolean => keys.some((k) => typeof conf[k] === 'string' && (conf[k] as string).trim() !== '');
  const name = m.metadata?.name ?? '';
  if (!OPERATOR_DEPLOYMENT_NAME.test(name)) out.push({ path: 'metadata.name', message: `"${name}" does not match the operator's ${OPERATOR_DEPLOYMENT_NAME.source} (≤ 45 characters)` });
  if (spec.flinkVersion === undefined) out.push({ path: 'spec.flinkVersion', message: 'Flink Version must be defined' });
  if (spec.serviceAccount === undefined) out.push({ path: 'spec.serviceAccount', message: 'must be defined (the operator\'s job service account)' });
  for (const key of ['kubernetes.namespace', 'kubernetes.cluster-id', 'high-availability.cluster-id']) {
    if (key in conf) out.push({ path: `spec.flinkConfiguration["${key}"]`, message: 'forbidden Flink config key (the operator sets it)' });
  }
  for (const key of Object.keys((spec.logConfiguration ?? {}) as object)) {
    if (key !== 'log4j-console.properties' && key !== 'logback-console.xml') out.push({ path: `spec.logConfiguration["${key}"]`, message: 'invalid log config key' });
  }
  const job = spec.job as { upgradeMode?: string; parallelism?: number; state?: string } | undefined;
  if (job) {
    if (job.upgradeMode !== 'stateless' && !has('execution.checkpointing.dir', 'state.checkpoints.dir')) {
      out.push({ path: 'spec.flinkConfiguration', message: 'execution.checkpointing.dir must be set for last-state and savepoint upgrade modes' });
    }
    if (job.upgradeMode === 'savepoint' && !has('execution.checkpointing.savepoint-dir', 'state.savepoints.dir')) {
      out.push({ path: 'spec.flinkConfiguration', message: 'execution.checkpointing.savepoint-dir must be set for the savepoint upgrade mode' });
    }
    if (!(typeof job.parallelism === 'number' && job.parallelism >= 1)) out.push({ path: 'spec.job.parallelism', message: 'Job parallelism must be larger than 0' });
    if (job.state !== undefined && job.state !== 'running') out.push({ path: 'spec.job.state', message: 'Job must start in running state' });
  }
  for (const part of ['jobManager', 'taskManager'] as const) {
    const p = spec[part] as { resource?: { memory?: string }; replicas?: number } | undefined;
    if (!p?.resource?.memory) out.push({ path: `spec.${part}.resource.memory`, message: `${part} resource memory must be defined` });
    if (p?.replicas !== undefined && p.replicas < 1) out.push({ path: `spec.${part}.replicas`, message: 'replicas must be at least 1' });
  }
  const jmReplicas = (spec.jobManager as { replicas?: number } | undefined)?.replicas ?? 1;
  if (jmReplicas > 1 && !has('high-availability.type', 'high-availability')) out.push({ path: 'spec.jobManager.replicas', message: 'High availability should be enabled when starting standby JobManagers' });
  return out;
}
