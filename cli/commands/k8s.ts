import type { Command } from 'commander';
import { compileDefinitions, formatDiagnostics } from '../../compiler/index.js';
import {
  K8S_DEFAULTS, K8sError, checkK8sOptions, k8sManifests, loadCrds, operatorRuleViolations, renderStream, validateManifests, writeK8sFiles,
  type K8sBuildOptions, type K8sBundle,
} from '../../flink-deploy/k8s/index.js';
import { runAction } from '../support/exit.js';

interface K8sFlags {
  kafka?: string; stateUri?: string; out?: string; namespace?: string; image: string; featcImage: string; imagePullPolicy: string;
  serviceAccount: string; secret: string; s3Endpoint?: string; s3Secret?: string; namePrefix: string; taskSlots: string;
  jobmanagerMemory: string; jobmanagerCpu: string; taskmanagerMemory: string; taskmanagerCpu: string; modelUpstream?: string;
  gateway: boolean; crds?: string; json?: boolean;
}

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

function buildOptions(f: K8sFlags): K8sBuildOptions {
  const policy = f.imagePullPolicy;
  if (policy !== 'Always' && policy !== 'IfNotPresent' && policy !== 'Never') {
    throw new K8sError('FEATC_E7201', `--image-pull-policy must be Always, IfNotPresent or Never, got "${policy}"`, 'e.g. --image-pull-policy Always');
  }
  return {
    kafkaBootstrap: f.kafka ?? '', stateUri: f.stateUri ?? '', flinkImage: f.image, featcImage: f.featcImage, imagePullPolicy: policy,
    serviceAccount: f.serviceAccount, secretName: f.secret, namePrefix: f.namePrefix, taskSlots: Number(f.taskSlots),
    jobManager: { memory: f.jobmanagerMemory, cpu: Number(f.jobmanagerCpu) },
    taskManager: { memory: f.taskmanagerMemory, cpu: Number(f.taskmanagerCpu) },
    ...(f.namespace === undefined ? {} : { namespace: f.namespace }),
    ...(f.s3Endpoint === undefined ? {} : { s3Endpoint: f.s3Endpoint }),
    ...(f.s3Secret === undefined ? {} : { s3CredentialsSecret: f.s3Secret }),
    ...(f.modelUpstream === undefined ? {} : { modelUpstream: f.modelUpstream }),
    ...(f.gateway ? {} : { skipGateway: true }),
  };
}

/** Violations of the custom resources against the CRDs in `dir` and the operator's own admission rules. */
function validateBundle(bundle: K8sBundle, dir: string) {
  const manifests = bundle.files.flatMap((f) => f.manifests);
  const crds = loadCrds(dir);
  return validateManifests(manifests, crds).map((c) => {
    const m = manifests.find((x) => x.kind === c.kind && x.metadata.name === c.name);
    return { ...c, violations: [...c.violations, ...operatorRuleViolations(m)] };
  });
}

export function registerK8s(program: Command): void {
  program
    .command('k8s')
    .summary('Kubernetes manifests for the Flink Kubernetes Operator')
    .description('Kubernetes manifests for the Flink Kubernetes Operator: a FlinkDeployment per job, Redis sinks, gateway')
    .argument('[paths...]', 'definition files or directories', ['jobs/'])
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
    .option('--crds <dir>', 'validate the FlinkDeployments against the operator CRDs in dir; exit 1 on violations')
    .option('--json', 'print a machine-readable result (objects included when there is no --out)')
    .addHelpText('after', HELP)
    .action((paths: string[], flags: K8sFlags) => runAction(async () => {
      const options = buildOptions(flags);
      checkK8sOptions(options);
      const { jobs, diagnostics } = await compileDefinitions(paths);
      if (diagnostics.length > 0) {
        if (!flags.json) throw Object.assign(new Error('definitions do not compile'), { exitCode: 1, format: () => `${formatDiagnostics(diagnostics)}\n\n${diagnostics.length} error(s)` });
        console.log(JSON.stringify({ ok: false, diagnostics }, null, 2));
        process.exitCode = 1;
        return;
      }
      const bundle = k8sManifests(jobs.map((j) => j.job), options);
      const validation = flags.crds === undefined ? undefined : validateBundle(bundle, flags.crds);
      const invalid = (validation ?? []).filter((c) => c.violations.length > 0);
      const files = flags.out === undefined ? undefined : writeK8sFiles(flags.out, bundle);
      const objects = bundle.files.flatMap((f) => f.manifests.map((m) => ({ kind: m.kind, name: m.metadata.name, file: f.file, ...(f.job ? { job: f.job } : {}) })));
      if (flags.json) {
        console.log(JSON.stringify({
          ok: invalid.length === 0, objects, secrets: bundle.secrets, notes: bundle.notes,
          ...(files ? { files: files.written, removed: files.removed } : { manifests: bundle.files.flatMap((f) => f.manifests) }),
          ...(validation ? { validation } : {}),
        }, null, 2));
      } else {
        if (files) {
          for (const f of bundle.files) console.log(`wrote ${flags.out}/${f.file}: ${f.manifests.map((m) => `${m.kind} ${m.metadata.name}`).join(', ')}`);
          for (const r of files.removed) console.log(`removed ${r} (its job is gone)`);
        } else {
          process.stdout.write(renderStream(bundle));
        }
        if (validation) console.error(`validated ${validation.length} custom resource(s) against the CRDs in ${flags.crds}: ${invalid.length === 0 ? 'ok' : `${invalid.length} invalid`}`);
        for (const c of invalid) for (const v of c.violations) console.error(`  ${c.kind} ${c.name}: ${v.path}: ${v.message}`);
        for (const n of bundle.notes) console.error(`note: ${n}`);
      }
      if (invalid.length > 0 && flags.json) process.exitCode = 1;
      else if (invalid.length > 0) throw new K8sError('FEATC_E7206', `${invalid.length} manifest(s) violate the CRD schema or the operator's rules (listed above)`, 'this is a featc bug when the CRDs are the operator\'s own: report it with the output of --json');
    }));
}
