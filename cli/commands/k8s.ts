import type { Command } from 'commander';
import { K8S_DEFAULTS } from '../../flink-deploy/k8s/options.js';
import type { K8sFlags } from './k8s-run.js';
import { runAction } from '../support/exit.js';

const HELP = `
How it runs: one application-mode FlinkDeployment per job (Flink Kubernetes Operator, standalone
mode). Flink 2.2's built-in SqlDriver runs the job's compiled SQL from a ConfigMap; no job jar.
Each job gets RocksDB state with incremental exactly-once checkpoints, Kubernetes HA, savepoint
upgrades (a new SQL hash renames the ConfigMap, the operator stops the job with a savepoint and
restores the new version from it), and the Prometheus reporter on port 9249. Parallelism is the
one the job's definition compiles to. Jobs with Redis outputs also get a Redis sink Deployment;
jobs calling the inference gateway get a gateway Deployment and Service.

Secrets: every \${env:NAME} of the SQL is read from the Secret --secret (key NAME) by the
JobManager's init container, which fills it into the script inside the pod. Values never appear in
the manifests. \${featc:kafka.bootstrap} becomes --kafka. The sink and the gateway read
FEATC_REDIS_URL from the same Secret. Create the Secret yourself (the command is printed).

The Flink image needs flink-sql-connector-kafka 5.0.0-2.2 and flink-model-openai in lib/
(see examples/k8s/). State URIs s3:// (presto), s3a:// (hadoop), gs:// and abfss:// enable the
matching built-in filesystem plugin.

Examples:
  featc k8s --kafka kafka.kafka.svc:9092 --state-uri s3://my-bucket/featc --out k8s/
  featc k8s jobs/engagement.ts --kafka kafka:9092 --state-uri s3://b/featc | kubectl apply -f -
  featc k8s --kafka kafka:9092 --state-uri s3://b/featc --crds path/to/operator/crds --json`;

export function registerK8s(program: Command): void {
  program
    .command('k8s')
    .summary('Kubernetes manifests for the Flink Kubernetes Operator')
    .description('Kubernetes manifests for the Flink Kubernetes Operator: a FlinkDeployment per job, Redis sinks, gateway')
    .argument('[paths...]', 'definition files or directories (default: definitions in featc.config.ts, else features/)')
    .option('--kafka <bootstrap>', 'Kafka bootstrap servers as the pods reach them (required)')
    .option('--state-uri <uri>', 'base URI of checkpoints, savepoints and HA metadata, e.g. s3://bucket/featc (required)')
    .option('--out <dir>', 'write one YAML file per job into dir (default: every object to stdout)')
    .option('--namespace <ns>', 'metadata.namespace of every object (default: none, kubectl decides)')
    .option('--image <image>', 'Flink 2.2 image with the Kafka connector and flink-model-openai', K8S_DEFAULTS.flinkImage)
    .option('--featc-image <image>', 'image whose entrypoint is featc (Redis sink, gateway)', K8S_DEFAULTS.featcImage)
    .option('--image-pull-policy <policy>', 'Always, IfNotPresent or Never', K8S_DEFAULTS.imagePullPolicy)
    .option('--service-account <name>', 'the operator\'s job service account', K8S_DEFAULTS.serviceAccount)
    .option('--secret <name>', 'Secret with the jobs\' ${env:NAME} values and FEATC_REDIS_URL', K8S_DEFAULTS.secretName)
    .option('--s3-endpoint <url>', 'S3-compatible endpoint (MinIO, Ceph); turns on path-style access')
    .option('--s3-secret <name>', 'Secret with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (default: the pods\' own identity)')
    .option('--name-prefix <prefix>', 'prefix of every object name', K8S_DEFAULTS.namePrefix)
    .option('--task-slots <n>', 'slots per TaskManager', String(K8S_DEFAULTS.taskSlots))
    .option('--jobmanager-memory <size>', 'JobManager process memory', K8S_DEFAULTS.jobManager.memory)
    .option('--jobmanager-cpu <n>', 'JobManager CPUs', String(K8S_DEFAULTS.jobManager.cpu))
    .option('--taskmanager-memory <size>', 'TaskManager process memory', K8S_DEFAULTS.taskManager.memory)
    .option('--taskmanager-cpu <n>', 'TaskManager CPUs', String(K8S_DEFAULTS.taskManager.cpu))
    .option('--model-upstream <url>', 'OpenAI-compatible base URL the inference gateway calls (jobs with inference steps)')
    .option('--no-gateway', 'emit no inference gateway (it runs elsewhere)')
    .option('--project <name>', 'the project the jobs belong to (default: featc.config project)')
    .option('--crds <dir>', 'validate the FlinkDeployments against the operator CRDs in dir; exit 1 on violations')
    .option('--json', 'print a machine-readable result (objects included when there is no --out)')
    .addHelpText('after', HELP)
    .action((paths: string[], flags: K8sFlags) => runAction(async () => {
      const { runK8s } = await import('./k8s-run.js');
      await runK8s(paths, flags);
    }, flags.json));
}
