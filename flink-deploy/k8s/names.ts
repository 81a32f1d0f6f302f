import { isDnsLabel } from './object-meta.js';
import { K8sError } from './k8s-error.js';

/** The Flink Kubernetes Operator's rule for FlinkDeployment names (DefaultValidator.DEPLOYMENT_NAME_PATTERN). */
export const OPERATOR_DEPLOYMENT_NAME = /^[a-z]([-a-z\d]{0,43}[a-z\d])?$/;

/** `moderatedResponses` → `moderated-responses`, `user_engagement` → `user-engagement`. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Names of every object featc k8s emits for one job. */
export interface JobObjectNames {
  job: string;
  /** FlinkDeployment (and the Flink cluster id). */
  deployment: string;
  /** ConfigMap holding job.sql and job-graph.json; named after the SQL hash, so a change rolls the pods. */
  configMap: string;
  redisSink: string;
}

export function jobObjectNames(job: string, hash: string, prefix: string): JobObjectNames {
  const deployment = `${prefix}${kebabCase(job)}`;
  if (!OPERATOR_DEPLOYMENT_NAME.test(deployment)) {
    throw new K8sError('FEATC_E7202', `job ${job} gives the FlinkDeployment name "${deployment}", which the Flink Kubernetes Operator rejects`, 'names are lower case alphanumerics and "-", start with a letter and have at most 45 characters: shorten the job name or pass a shorter --name-prefix');
  }
  const names = { job, deployment, configMap: `${deployment}-sql-${hash.replace(/^sha256:/, '').slice(0, 10)}`, redisSink: `${deployment}-redis-sink` };
  for (const n of [names.configMap, names.redisSink]) if (!isDnsLabel(n)) throw new K8sError('FEATC_E7202', `"${n}" is not a valid Kubernetes name`, 'shorten the job name or --name-prefix');
  return names;
}

/** Fails when two jobs map to the same Kubernetes name (`userStats` and `user-stats`). */
export function assertDistinct(all: readonly JobObjectNames[]): void {
  const seen = new Map<string, string>();
  for (const n of all) {
    const other = seen.get(n.deployment);
    if (other !== undefined) throw new K8sError('FEATC_E7203', `jobs ${other} and ${n.job} both map to the Kubernetes name "${n.deployment}"`, 'rename one of the jobs');
    seen.set(n.deployment, n.job);
  }
}

/** Labels every object carries; `featc/job` selects one job's objects. */
export function labelsFor(component: 'flink-job' | 'job-sql' | 'redis-sink' | 'inference-gateway', job?: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'featc',
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': 'featc',
    ...(job === undefined ? {} : { 'featc/job': job }),
  };
}
