import { printJson } from '../support/json-output.js';
import { compileDefinitions, DiagnosticsError } from '../../compiler/index.js';
import {
  K8sError, checkK8sOptions, k8sManifests, loadCrds, operatorRuleViolations, renderStream, validateManifests, writeK8sFiles,
  type K8sBuildOptions, type K8sBundle,
} from '../../flink-deploy/k8s/index.js';
import { definitionPaths, projectName } from '../support/context.js';

export interface K8sFlags {
  kafka?: string; stateUri?: string; out?: string; namespace?: string; image: string; featcImage: string; imagePullPolicy: string;
  serviceAccount: string; secret: string; s3Endpoint?: string; s3Secret?: string; namePrefix: string; taskSlots: string;
  jobmanagerMemory: string; jobmanagerCpu: string; taskmanagerMemory: string; taskmanagerCpu: string; modelUpstream?: string;
  gateway: boolean; crds?: string; json?: boolean; project?: string;
}

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

/** `featc k8s`'s work, loaded only when the verb runs. */
export async function runK8s(given: string[], flags: K8sFlags): Promise<void> {
  const paths = await definitionPaths(given);
  const project = await projectName(flags.project);
  const options = { ...buildOptions(flags), ...(project === undefined ? {} : { project }) };
  checkK8sOptions(options);
  const { jobs, diagnostics } = await compileDefinitions(paths);
  if (diagnostics.length > 0) {
    if (!flags.json) throw new DiagnosticsError(diagnostics);
    printJson({ ok: false, diagnostics });
    process.exitCode = 1;
    return;
  }
  const bundle = k8sManifests(jobs.map((j) => j.job), options);
  const validation = flags.crds === undefined ? undefined : validateBundle(bundle, flags.crds);
  const invalid = (validation ?? []).filter((c) => c.violations.length > 0);
  const files = flags.out === undefined ? undefined : writeK8sFiles(flags.out, bundle);
  const objects = bundle.files.flatMap((f) => f.manifests.map((m) => ({ kind: m.kind, name: m.metadata.name, file: f.file, ...(f.job ? { job: f.job } : {}) })));
  if (flags.json) {
    printJson({
      ok: invalid.length === 0, objects, secrets: bundle.secrets, notes: bundle.notes,
      ...(files ? { files: files.written, removed: files.removed } : { manifests: bundle.files.flatMap((f) => f.manifests) }),
      ...(validation ? { validation } : {}),
    });
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
}
