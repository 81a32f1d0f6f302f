import { K8sError } from './k8s-error.js';
import { isDnsLabel, isDnsSubdomain } from './object-meta.js';
import { FLINK_VERSION } from '../local/versions.js';

/** What `featc k8s` needs to know about the target cluster; flags of the CLI verb. */
export interface K8sOptions {
  /** Kafka bootstrap servers as seen from the cluster; replaces `${featc:kafka.bootstrap}`. */
  kafkaBootstrap: string;
  /** Base URI for checkpoints, savepoints and HA metadata, e.g. `s3://bucket/featc`. */
  stateUri: string;
  namespace?: string;
  /** Flink 2.2 image with the Kafka SQL connector and flink-model-openai in lib/. */
  flinkImage: string;
  /** Image whose entrypoint is `featc` (Redis sink, inference gateway). */
  featcImage: string;
  imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  /** The operator's job service account (Helm chart default `flink`). */
  serviceAccount: string;
  /** Kubernetes Secret holding every `${env:NAME}` of the jobs (key NAME) and FEATC_REDIS_URL. */
  secretName: string;
  /** Secret with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY for S3; absent: the pods' own identity. */
  s3CredentialsSecret?: string;
  /** Endpoint of an S3-compatible store (MinIO, Ceph); path-style access is switched on with it. */
  s3Endpoint?: string;
  namePrefix: string;
  taskSlots: number;
  jobManager: { memory: string; cpu: number };
  taskManager: { memory: string; cpu: number };
  /** OpenAI-compatible base URL the inference gateway calls (needed when a job has inference steps). */
  modelUpstream?: string;
  /** The project the jobs belong to (featc.config `project`): recorded with each job, and the Redis sink writes under its prefix. */
  project?: string;
}

export const K8S_DEFAULTS = {
  flinkImage: `featc-flink:${FLINK_VERSION}`,
  featcImage: 'featc:0.1.0',
  imagePullPolicy: 'IfNotPresent',
  serviceAccount: 'flink',
  secretName: 'featc-secrets',
  namePrefix: 'featc-',
  taskSlots: 2,
  jobManager: { memory: '1600m', cpu: 0.5 },
  taskManager: { memory: '2048m', cpu: 1 },
} as const satisfies Partial<K8sOptions>;

const MEMORY = /^\d+(\.\d+)?\s*([kmgt]i?b?|bytes?)?$/i;

/** Checks what the builders cannot repair; every problem of the options in one error. */
export function checkK8sOptions(o: K8sOptions): void {
  const problems: string[] = [];
  if (!o.kafkaBootstrap) problems.push('--kafka <bootstrap> is required (Kafka as the Flink pods reach it, e.g. kafka.kafka.svc:9092)');
  if (!o.stateUri) problems.push('--state-uri <uri> is required (where checkpoints, savepoints and HA metadata go, e.g. s3://my-bucket/featc)');
  else if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/.test(o.stateUri)) problems.push(`--state-uri must be a URI with a scheme (s3://bucket/prefix), got "${o.stateUri}"`);
  if (o.namespace !== undefined && !isDnsLabel(o.namespace)) problems.push(`--namespace "${o.namespace}" is not a DNS label`);
  for (const [flag, v] of [['--secret', o.secretName], ['--service-account', o.serviceAccount], ['--s3-secret', o.s3CredentialsSecret]] as const) {
    if (v !== undefined && !isDnsSubdomain(v)) problems.push(`${flag} "${v}" is not a valid Kubernetes name`);
  }
  if (!Number.isInteger(o.taskSlots) || o.taskSlots < 1) problems.push(`--task-slots must be a positive integer, got ${o.taskSlots}`);
  for (const [flag, r] of [['--jobmanager', o.jobManager], ['--taskmanager', o.taskManager]] as const) {
    if (!MEMORY.test(r.memory)) problems.push(`${flag}-memory "${r.memory}" is not a memory size (e.g. 1600m, 2g)`);
    if (!(r.cpu > 0)) problems.push(`${flag}-cpu must be a positive number, got ${r.cpu}`);
  }
  if (o.s3Endpoint !== undefined && !/^https?:\/\/\S+$/.test(o.s3Endpoint)) problems.push(`--s3-endpoint must be an http(s) URL, got "${o.s3Endpoint}"`);
  if (o.modelUpstream !== undefined && !/^https?:\/\/\S+$/.test(o.modelUpstream)) problems.push(`--model-upstream must be an http(s) URL, got "${o.modelUpstream}"`);
  if (problems.length > 0) {
    throw new K8sError('FEATC_E7201', problems.length === 1 ? (problems[0] as string) : `${problems.length} problems with the options:\n  - ${problems.join('\n  - ')}`, 'e.g. featc k8s jobs/ --kafka kafka.kafka.svc:9092 --state-uri s3://my-bucket/featc --out k8s/');
  }
}
