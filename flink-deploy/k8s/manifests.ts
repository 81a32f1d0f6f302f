import type { CompiledJob } from '../../compiler/index.js';
import { flinkDeployment, stateDirs } from './flink-deployment.js';
import { jobScript, jobSecretNames } from './job-script.js';
import { K8sError } from './k8s-error.js';
import { assertDistinct, jobObjectNames, kebabCase } from './names.js';
import { checkK8sOptions, type K8sOptions } from './options.js';
import { gatewayObjects, gatewayUrl, GATEWAY_NAME, jobConfigMap, redisSinkDeployment, REDIS_URL_KEY } from './runtime-objects.js';

export type Manifest = Record<string, unknown> & { apiVersion: string; kind: string; metadata: { name: string } };

/** One output file: a job's objects, or the shared gateway. */
export interface K8sFile {
  /** File name inside --out, e.g. `featc-engagement.yaml`. */
  file: string;
  /** The job it holds (absent for shared objects). */
  job?: string;
  hash?: string;
  manifests: Manifest[];
}

/** A Secret the manifests reference and the keys they read from it; featc never writes its values. */
export interface SecretReference {
  name: string;
  keys: { key: string; usedBy: string[] }[];
}

export interface K8sBundle {
  files: K8sFile[];
  secrets: SecretReference[];
  /** Things a person must do before `kubectl apply` (create the Secret, …). */
  notes: string[];
}

export interface K8sBuildOptions extends K8sOptions {
  /** Emit no gateway even though jobs call it (it runs elsewhere; point FEATC_INFERENCE_GATEWAY at it). */
  skipGateway?: boolean;
}

function addKey(secret: Map<string, string[]>, key: string, user: string): void {
  secret.set(key, [...(secret.get(key) ?? []), user]);
}

/**
 * Kubernetes manifests for the Flink Kubernetes Operator, per job: the ConfigMap with its SQL and
 * graph, an application-mode FlinkDeployment, and a Redis sink Deployment when the job has Redis
 * outputs; plus the inference gateway (Deployment + Service) when a job calls it. Deterministic:
 * the same jobs and options give byte-identical YAML.
 */
export function k8sManifests(jobs: readonly CompiledJob[], o: K8sBuildOptions): K8sBundle {
  checkK8sOptions(o);
  const sorted = [...jobs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = sorted.map((j) => jobObjectNames(j.name, j.hash, o.namePrefix));
  assertDistinct(names);
  const usesGateway = sorted.filter((j) => j.graph.steps.some((s) => s.gatewayStep !== null)).map((j) => j.name);
  const emitGateway = usesGateway.length > 0 && !o.skipGateway;
  if (emitGateway && o.modelUpstream === undefined) {
    throw new K8sError('FEATC_E7205', `job${usesGateway.length > 1 ? 's' : ''} ${usesGateway.join(', ')} call${usesGateway.length > 1 ? '' : 's'} the inference gateway, which needs a model server`, 'pass --model-upstream http://model-server:9000/v1 (OpenAI-compatible base URL), or --no-gateway when the gateway runs elsewhere');
  }
  const secretKeys = new Map<string, string[]>();
  const files: K8sFile[] = sorted.map((job, i) => {
    const n = names[i] as (typeof names)[number];
    const k8sJob = kebabCase(job.name);
    const secrets = jobSecretNames(job);
    for (const s of secrets) addKey(secretKeys, s, n.deployment);
    const script = jobScript(job, { kafkaBootstrap: o.kafkaBootstrap, checkpointDir: stateDirs(o.stateUri, n.deployment).checkpoints });
    const manifests: Manifest[] = [jobConfigMap(job, n, script, o, k8sJob), flinkDeployment(job, n, secrets, o, k8sJob)];
    if (job.graph.outputs.some((out) => out.kind === 'redis')) {
      manifests.push(redisSinkDeployment(n, o, k8sJob));
      addKey(secretKeys, REDIS_URL_KEY, n.redisSink);
    }
    return { file: `${n.deployment}.yaml`, job: job.name, hash: job.hash, manifests };
  });
  if (emitGateway) {
    files.push({ file: `${GATEWAY_NAME}.yaml`, manifests: gatewayObjects({ ...o, modelUpstream: o.modelUpstream as string }) });
    addKey(secretKeys, REDIS_URL_KEY, GATEWAY_NAME);
  }
  const secrets: SecretReference[] = [];
  if (secretKeys.size > 0) secrets.push({ name: o.secretName, keys: [...secretKeys].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, usedBy]) => ({ key, usedBy })) });
  if (o.s3CredentialsSecret !== undefined) {
    const users = names.map((n) => n.deployment);
    secrets.push({ name: o.s3CredentialsSecret, keys: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'].map((key) => ({ key, usedBy: users })) });
  }
  return { files, secrets, notes: notesFor(secrets, usesGateway.length > 0, o) };
}

function notesFor(secrets: readonly SecretReference[], gatewayUsed: boolean, o: K8sBuildOptions): string[] {
  const ns = o.namespace === undefined ? '' : ` -n ${o.namespace}`;
  const notes = secrets.map((s) => `create the Secret before applying: kubectl create secret generic ${s.name}${ns} ${s.keys.map((k) => `--from-literal=${k.key}=…`).join(' ')}`);
  if (gatewayUsed && secrets.some((s) => s.keys.some((k) => k.key === 'FEATC_INFERENCE_GATEWAY'))) {
    notes.push(o.skipGateway
      ? `FEATC_INFERENCE_GATEWAY in ${o.secretName} must hold the URL of your inference gateway (--no-gateway)`
      : `FEATC_INFERENCE_GATEWAY in ${o.secretName} is the gateway's in-cluster URL: ${gatewayUrl(o)}`);
  }
  notes.push('the Flink Kubernetes Operator (with its CRDs) must be installed, and the job service account must exist: --service-account, default "flink"');
  return notes;
}
