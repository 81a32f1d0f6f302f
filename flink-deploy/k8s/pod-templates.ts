import type { K8sOptions } from './options.js';
import { RENDER_SQL_SCRIPT } from './job-script.js';

export const METRICS_PORT = 9249;
/** The operator merges a pod template's container of this name into the Flink container. */
const FLINK_CONTAINER = 'flink-main-container';
const SQL_DIR = '/opt/featc/sql';
const RUN_DIR = '/opt/featc/run';
/** What Flink's SqlDriver reads (`--scriptUri`): the script with secrets filled in. */
export const RENDERED_SCRIPT_URI = `file://${RUN_DIR}/job.sql`;

type EnvVar = { name: string; value: string } | { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } };

export function secretEnv(secret: string, keys: readonly string[]): EnvVar[] {
  return keys.map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: secret, key } } }));
}

/** The built-in filesystem plugin a state URI needs (the Flink image enables it from ENABLE_BUILT_IN_PLUGINS). */
export function filesystemPlugin(stateUri: string, flinkVersion: string): string | undefined {
  const scheme = stateUri.slice(0, stateUri.indexOf(':'));
  if (scheme === 's3' || scheme === 's3p') return `flink-s3-fs-presto-${flinkVersion}.jar`;
  if (scheme === 's3a') return `flink-s3-fs-hadoop-${flinkVersion}.jar`;
  if (scheme === 'gs') return `flink-gs-fs-hadoop-${flinkVersion}.jar`;
  if (scheme === 'abfs' || scheme === 'abfss' || scheme === 'wasb' || scheme === 'wasbs') return `flink-azure-fs-hadoop-${flinkVersion}.jar`;
  return undefined;
}

/** Environment every Flink container gets: the filesystem plugin and, when given, S3 credentials. */
function flinkEnv(o: K8sOptions, flinkVersion: string): EnvVar[] {
  const plugin = filesystemPlugin(o.stateUri, flinkVersion);
  return [
    ...(plugin === undefined ? [] : [{ name: 'ENABLE_BUILT_IN_PLUGINS', value: plugin }]),
    ...(o.s3CredentialsSecret === undefined ? [] : secretEnv(o.s3CredentialsSecret, ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'])),
  ];
}

function podMetadata(labels: Record<string, string>) {
  return { labels, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(METRICS_PORT) } };
}

function flinkContainer(o: K8sOptions, flinkVersion: string, extra: Record<string, unknown> = {}) {
  const env = flinkEnv(o, flinkVersion);
  return {
    name: FLINK_CONTAINER,
    ports: [{ name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' }],
    ...(env.length > 0 ? { env } : {}),
    ...extra,
  };
}

/**
 * JobManager pod: an init container renders the SQL script from the ConfigMap into a memory-backed
 * emptyDir, with the job's secrets as environment variables from the Secret (only the init
 * container sees them); the Flink container reads the rendered script.
 */
export function jobManagerPodTemplate(o: K8sOptions, flinkVersion: string, configMap: string, secrets: readonly string[], labels: Record<string, string>) {
  return {
    metadata: podMetadata(labels),
    spec: {
      initContainers: [{
        name: 'featc-render-sql',
        image: o.flinkImage,
        imagePullPolicy: o.imagePullPolicy,
        command: ['/bin/sh', '-c', RENDER_SQL_SCRIPT, 'render-sql', `${SQL_DIR}/job.sql`, `${RUN_DIR}/job.sql`],
        ...(secrets.length > 0 ? { env: secretEnv(o.secretName, secrets) } : {}),
        volumeMounts: [{ name: 'featc-sql', mountPath: SQL_DIR, readOnly: true }, { name: 'featc-run', mountPath: RUN_DIR }],
        resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '64Mi' } },
      }],
      containers: [flinkContainer(o, flinkVersion, { volumeMounts: [{ name: 'featc-run', mountPath: RUN_DIR, readOnly: true }] })],
      volumes: [
        { name: 'featc-sql', configMap: { name: configMap, items: [{ key: 'job.sql', path: 'job.sql' }] } },
        { name: 'featc-run', emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } },
      ],
    },
  };
}

export function taskManagerPodTemplate(o: K8sOptions, flinkVersion: string, labels: Record<string, string>) {
  return { metadata: podMetadata(labels), spec: { containers: [flinkContainer(o, flinkVersion)] } };
}
