import { projectPrefix } from '../../runtime/redis-sink/key-layout.js';
import type { CompiledJob } from '../../compiler/index.js';
import { labelsFor, type JobObjectNames } from './names.js';
import type { K8sOptions } from './options.js';
import { secretEnv } from './pod-templates.js';

export const GATEWAY_NAME = 'featc-inference-gateway';
export const GATEWAY_PORT = 8090;
/** Redis URL (may hold a password): a key of the Secret, read by the sink and the gateway. */
export const REDIS_URL_KEY = 'FEATC_REDIS_URL';

function meta(name: string, o: K8sOptions, labels: Record<string, string>, annotations?: Record<string, string>) {
  return { name, ...(o.namespace === undefined ? {} : { namespace: o.namespace }), labels, ...(annotations ? { annotations } : {}) };
}

/** job.sql (with `${env:…}` still in it) and job-graph.json; immutable, named after the SQL hash. */
export function jobConfigMap(job: CompiledJob, names: JobObjectNames, script: string, o: K8sOptions, k8sJob: string) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(names.configMap, o, labelsFor('job-sql', k8sJob), { 'featc/job': job.name, 'featc/hash': job.hash }),
    immutable: true,
    data: { 'job.sql': script, 'job-graph.json': job.graphJson },
  };
}

function deployment(name: string, o: K8sOptions, labels: Record<string, string>, podSpec: Record<string, unknown>, strategy: Record<string, unknown>, podAnnotations?: Record<string, string>) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, o, labels),
    spec: {
      replicas: 1,
      strategy,
      selector: { matchLabels: labels },
      template: { metadata: { labels, ...(podAnnotations ? { annotations: podAnnotations } : {}) }, spec: podSpec },
    },
  };
}

/**
 * The Redis sink of one job (only jobs with Redis outputs): one replica; `Recreate`, so an old and a
 * new pod never overlap (the sink fences a stale writer inside Redis anyway, and would stop it).
 */
export function redisSinkDeployment(names: JobObjectNames, o: K8sOptions, k8sJob: string) {
  return deployment(names.redisSink, o, labelsFor('redis-sink', k8sJob), {
    containers: [{
      name: 'redis-sink',
      image: o.featcImage,
      imagePullPolicy: o.imagePullPolicy,
      // The pod has no featc.config: the project's prefix is passed, so clients with `project` read what it writes.
      args: ['sink', 'redis', '/opt/featc/graph/job-graph.json', '--no-progress', '--prefix', projectPrefix(o.project)],
      env: [{ name: 'FEATC_KAFKA_BOOTSTRAP', value: o.kafkaBootstrap }, ...secretEnv(o.secretName, [REDIS_URL_KEY])],
      volumeMounts: [{ name: 'job-graph', mountPath: '/opt/featc/graph', readOnly: true }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
    }],
    terminationGracePeriodSeconds: 30,
    volumes: [{ name: 'job-graph', configMap: { name: names.configMap, items: [{ key: 'job-graph.json', path: 'job-graph.json' }] } }],
  }, { type: 'Recreate' });
}

/** The inference gateway every ML_PREDICT of the jobs calls, with its Redis answer cache. */
export function gatewayObjects(o: K8sOptions & { modelUpstream: string }) {
  const labels = labelsFor('inference-gateway');
  const probe = { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 };
  const gateway = deployment(GATEWAY_NAME, o, labels, {
    containers: [{
      name: 'gateway',
      image: o.featcImage,
      imagePullPolicy: o.imagePullPolicy,
      args: ['gateway', '--host', '0.0.0.0', '--port', String(GATEWAY_PORT), '--upstream', o.modelUpstream],
      env: secretEnv(o.secretName, [REDIS_URL_KEY]),
      ports: [{ name: 'http', containerPort: GATEWAY_PORT, protocol: 'TCP' }],
      readinessProbe: probe,
      livenessProbe: { ...probe, failureThreshold: 6 },
      resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '1Gi' } },
    }],
    terminationGracePeriodSeconds: 30,
  }, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
  { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(GATEWAY_PORT), 'prometheus.io/path': '/metrics' });
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(GATEWAY_NAME, o, labels),
    spec: { type: 'ClusterIP', selector: labels, ports: [{ name: 'http', port: GATEWAY_PORT, targetPort: 'http', protocol: 'TCP' }] },
  };
  return [gateway, service];
}

/** The URL the jobs' `${env:FEATC_INFERENCE_GATEWAY}` should hold in the Secret. */
export function gatewayUrl(o: K8sOptions): string {
  return `http://${GATEWAY_NAME}${o.namespace === undefined ? '' : `.${o.namespace}.svc`}:${GATEWAY_PORT}`;
}
