import type { CompiledJob } from '../../compiler/index.js';
import { jobConfiguration } from '../apply/job-config.js';
import { artifactOf } from '../identity/artifact.js';
import { FLINK_VERSION } from '../local/versions.js';
import type { Target } from '../target.js';
import { jobParallelism } from './job-script.js';
import { labelsFor, type JobObjectNames } from './names.js';
import type { K8sOptions } from './options.js';
import { jobManagerPodTemplate, METRICS_PORT, RENDERED_SCRIPT_URI, taskManagerPodTemplate } from './pod-templates.js';

export const FLINK_DEPLOYMENT_API = 'flink.apache.org/v1beta1';
/** Flink 2.2's built-in application-mode SQL runner (flink-table-runtime): runs `--scriptUri`. */
export const SQL_DRIVER = 'org.apache.flink.table.runtime.application.SqlDriver';
const OPERATOR_FLINK_VERSION = `v${FLINK_VERSION.split('.').slice(0, 2).join('_')}`;

/** Where one job's state lives under --state-uri. */
export function stateDirs(stateUri: string, deployment: string) {
  const base = stateUri.replace(/\/+$/, '');
  return { checkpoints: `${base}/checkpoints/${deployment}`, savepoints: `${base}/savepoints/${deployment}`, ha: `${base}/ha/${deployment}` };
}

/**
 * The Flink configuration of one job's cluster: what `featc deploy` sets on every submit (RocksDB,
 * incremental exactly-once checkpoints, retained on cancel, restart strategy, state dirs, and the
 * identity parameters `featc plan`/`status` read back), plus Kubernetes HA and the Prometheus reporter.
 * All values are strings, as the operator's `flinkConfiguration` map expects.
 */
export function flinkConfiguration(job: CompiledJob, names: JobObjectNames, o: K8sOptions): Record<string, string> {
  const dirs = stateDirs(o.stateUri, names.deployment);
  // jobConfiguration reads only the state dirs of a target; the REST endpoints do not exist here.
  const target: Target = { flinkUrl: '', gatewayUrl: '', kafkaBootstrap: o.kafkaBootstrap, checkpointDir: dirs.checkpoints, savepointDir: dirs.savepoints, from: 'flags' };
  return {
    ...jobConfiguration(artifactOf(job, o.project ?? null), target),
    'high-availability.type': 'kubernetes',
    'high-availability.storageDir': dirs.ha,
    'taskmanager.numberOfTaskSlots': String(o.taskSlots),
    'metrics.reporter.prom.factory.class': 'org.apache.flink.metrics.prometheus.PrometheusReporterFactory',
    'metrics.reporter.prom.port': String(METRICS_PORT),
    ...(o.s3Endpoint === undefined ? {} : { 's3.endpoint': o.s3Endpoint, 's3.path.style.access': 'true' }),
  };
}

/**
 * One application-mode FlinkDeployment per job (standalone mode: the JobManager runs SqlDriver
 * from the image's classpath, no job jar), savepoint upgrades: when the spec changes — a new SQL
 * hash means a new ConfigMap name in the pod template — the operator stops the job with a
 * savepoint and starts the new version from it.
 */
export function flinkDeployment(job: CompiledJob, names: JobObjectNames, secrets: readonly string[], o: K8sOptions, k8sJob: string) {
  const labels = labelsFor('flink-job', k8sJob);
  return {
    apiVersion: FLINK_DEPLOYMENT_API,
    kind: 'FlinkDeployment',
    metadata: {
      name: names.deployment,
      ...(o.namespace === undefined ? {} : { namespace: o.namespace }),
      labels,
      annotations: { 'featc/job': job.name, 'featc/hash': job.hash },
    },
    spec: {
      image: o.flinkImage,
      imagePullPolicy: o.imagePullPolicy,
      flinkVersion: OPERATOR_FLINK_VERSION,
      mode: 'standalone',
      serviceAccount: o.serviceAccount,
      flinkConfiguration: flinkConfiguration(job, names, o),
      jobManager: {
        replicas: 1,
        resource: { memory: o.jobManager.memory, cpu: o.jobManager.cpu },
        podTemplate: jobManagerPodTemplate(o, FLINK_VERSION, names.configMap, secrets, labels),
      },
      taskManager: {
        resource: { memory: o.taskManager.memory, cpu: o.taskManager.cpu },
        podTemplate: taskManagerPodTemplate(o, FLINK_VERSION, labels),
      },
      job: {
        entryClass: SQL_DRIVER,
        args: ['--scriptUri', RENDERED_SCRIPT_URI],
        parallelism: jobParallelism(job),
        upgradeMode: 'savepoint',
        state: 'running',
        allowNonRestoredState: false,
      },
    },
  };
}
