import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompiledJob } from '../../../compiler/index.js';
import {
  crdVersionSchema, k8sManifests, operatorRuleViolations, parseYamlDocuments, renderStream, validateAgainstSchema,
  validateCustomResource, K8S_DEFAULTS, type CrdDocument, type K8sBuildOptions, type Manifest, type SchemaNode,
} from '../../../flink-deploy/k8s/index.js';
import { RENDER_SQL_SCRIPT } from '../../../flink-deploy/k8s/job-script.js';
import { decodeArtifact } from '../../../flink-deploy/identity/artifact.js';
import { operatorCrds } from './operator-crds.js';
import { compileShippedJobs } from './shipped-jobs.js';

const options: K8sBuildOptions = {
  ...K8S_DEFAULTS,
  jobManager: { ...K8S_DEFAULTS.jobManager },
  taskManager: { ...K8S_DEFAULTS.taskManager },
  kafkaBootstrap: 'kafka.kafka.svc:9092',
  stateUri: 's3://featc-test/state',
  namespace: 'features',
  s3Endpoint: 'http://minio.minio.svc:9000',
  s3CredentialsSecret: 'featc-s3',
  modelUpstream: 'http://model-server.ml.svc:9000/v1',
};

let jobs: CompiledJob[];
let flinkDeployment: CrdDocument;
let manifests: Manifest[];
beforeAll(async () => {
  ({ flinkDeployment } = operatorCrds());
  jobs = await compileShippedJobs();
  manifests = k8sManifests(jobs, options).files.flatMap((f) => f.manifests);
}, 120_000);

const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind) as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('featc k8s manifests for the shipped jobs', () => {
  test('one FlinkDeployment per shipped job, each valid against the operator CRD (v1beta1) and its admission rules', () => {
    const deployments = ofKind('FlinkDeployment');
    expect(deployments.map((d) => d.metadata.annotations['featc/job']).sort()).toEqual(jobs.map((j) => j.name).sort());
    expect(jobs.length).toBeGreaterThanOrEqual(5);
    const served = flinkDeployment.spec.versions.filter((v) => v.served !== false).map((v) => `flink.apache.org/${v.name}`);
    for (const d of deployments) {
      expect(served).toContain(d.apiVersion);
      expect({ name: d.metadata.name, violations: validateCustomResource(d, flinkDeployment) }).toEqual({ name: d.metadata.name, violations: [] });
      expect(operatorRuleViolations(d)).toEqual([]);
    }
  });

  test('the YAML that is printed parses back to the same objects, which validate too', () => {
    const docs = parseYamlDocuments(renderStream(k8sManifests(jobs, options)));
    expect(docs).toEqual(manifests);
    for (const d of docs.filter((x) => (x as Manifest).kind === 'FlinkDeployment')) expect(validateCustomResource(d, flinkDeployment)).toEqual([]);
  });

  test('Deployments\' pod templates validate against the PodTemplateSpec schema in the CRD; selectors match their pods', () => {
    const spec = (crdVersionSchema(flinkDeployment, 'v1beta1').properties as Record<string, SchemaNode>).spec as SchemaNode;
    const podTemplate = (spec.properties as Record<string, SchemaNode>).podTemplate as SchemaNode;
    const deployments = ofKind('Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([
      'featc-conversation-redis-sink', 'featc-engagement-redis-sink', 'featc-inference-gateway',
      'featc-moderated-responses-redis-sink', 'featc-system-health-redis-sink',
    ]);
    for (const d of deployments) {
      expect(validateAgainstSchema(d.spec.template, podTemplate, `${d.metadata.name}.spec.template`)).toEqual([]);
      expect(d.spec.template.metadata.labels).toMatchObject(d.spec.selector.matchLabels);
    }
    const service = ofKind('Service')[0];
    expect(service.spec.selector).toEqual(ofKind('Deployment').find((d) => d.metadata.name === 'featc-inference-gateway').spec.selector.matchLabels);
  });

  test('a broken generated manifest is rejected with the path of what broke', () => {
    const d = structuredClone(ofKind('FlinkDeployment')[0]);
    d.spec.job.parallelism = 'two';
    d.spec.taskManager.replica = 2;
    delete d.metadata.name;
    expect(validateCustomResource(d, flinkDeployment).map((v) => v.path).sort()).toEqual(['metadata.name', 'spec.job.parallelism', 'spec.taskManager.replica']);
  });

  test('savepoint upgrades, RocksDB, incremental exactly-once checkpoints, HA and state dirs under --state-uri', () => {
    for (const d of ofKind('FlinkDeployment')) {
      const conf = d.spec.flinkConfiguration;
      expect(d.spec.job).toMatchObject({ upgradeMode: 'savepoint', state: 'running', entryClass: 'org.apache.flink.table.runtime.application.SqlDriver', args: ['--scriptUri', 'file:///opt/featc/run/job.sql'] });
      expect(d.spec.flinkVersion).toBe('v2_2');
      expect(conf).toMatchObject({
        'state.backend.type': 'rocksdb', 'execution.checkpointing.incremental': 'true', 'execution.checkpointing.mode': 'EXACTLY_ONCE',
        'high-availability.type': 'kubernetes', 'high-availability.storageDir': `s3://featc-test/state/ha/${d.metadata.name}`,
        'execution.checkpointing.dir': `s3://featc-test/state/checkpoints/${d.metadata.name}`,
        'execution.checkpointing.savepoint-dir': `s3://featc-test/state/savepoints/${d.metadata.name}`,
        's3.endpoint': 'http://minio.minio.svc:9000', 'metrics.reporter.prom.port': '9249',
      });
      for (const v of Object.values(conf)) expect(typeof v).toBe('string');
      const job = jobs.find((j) => j.name === d.metadata.annotations['featc/job']) as CompiledJob;
      expect(conf['pipeline.global-job-parameters']).toContain(`featc.hash:"${job.hash}"`);
      expect(job.statements).toContain(`SET 'parallelism.default' = '${d.spec.job.parallelism}'`);
    }
  });

  test('the project is recorded with each job (plan and status on the cluster see the owner) and the sink writes under its prefix', () => {
    const all = (o: K8sBuildOptions) => k8sManifests(jobs, o).files.flatMap((f) => f.manifests) as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const owned = all({ ...options, project: 'growth' });
    const deployments = owned.filter((m) => m.kind === 'FlinkDeployment');
    expect(deployments.length).toBeGreaterThan(0);
    for (const d of deployments) {
      const encoded = /featc\.artifact:"([^"]+)"/.exec(String(d.spec.flinkConfiguration['pipeline.global-job-parameters']))?.[1] ?? '';
      expect(decodeArtifact(encoded)?.project).toBe('growth');
    }
    const sinkArgs = (ms: { kind: string; metadata: { name: string }; spec: { template: { spec: { containers: { args: string[] }[] } } } }[]) =>
      ms.filter((m) => m.kind === 'Deployment' && m.metadata.name.endsWith('-redis-sink')).map((m) => m.spec.template.spec.containers[0]?.args.slice(-2));
    expect(sinkArgs(owned).length).toBeGreaterThan(0);
    expect(new Set(sinkArgs(owned).map((a) => a?.join(' ')))).toEqual(new Set(['--prefix featc.growth']));
    expect(new Set(sinkArgs(all(options)).map((a) => a?.join(' ')))).toEqual(new Set(['--prefix featc']));
  });

  test('secrets: each ${env:NAME} is a secretKeyRef in the JobManager init container, never a value', () => {
    const sentinel = 'sk-featc-test-sentinel-never-in-yaml';
    const saved = { ...process.env };
    Object.assign(process.env, { OPENAI_API_KEY: sentinel, FEATC_INFERENCE_GATEWAY: sentinel, FEATC_REDIS_URL: sentinel });
    try {
      expect(renderStream(k8sManifests(jobs, options))).not.toContain(sentinel);
    } finally {
      process.env = saved;
    }
    for (const d of ofKind('FlinkDeployment')) {
      const cm = ofKind('ConfigMap').find((c) => c.metadata.name === d.spec.jobManager.podTemplate.spec.volumes[0].configMap.name);
      const sql: string = cm.data['job.sql'];
      expect(sql).not.toContain('${featc:');
      expect(sql).toContain("'properties.bootstrap.servers' = 'kafka.kafka.svc:9092'");
      const wanted = [...new Set([...sql.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]))].sort();
      const init = d.spec.jobManager.podTemplate.spec.initContainers[0];
      expect((init.env ?? []).map((e: { name: string; valueFrom: unknown }) => [e.name, e.valueFrom]))
        .toEqual(wanted.map((n) => [n, { secretKeyRef: { name: 'featc-secrets', key: n } }]));
      expect(d.spec.jobManager.podTemplate.spec.containers[0].env).toContainEqual({ name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'featc-s3', key: 'AWS_SECRET_ACCESS_KEY' } } });
    }
    const bundle = k8sManifests(jobs, options);
    expect(bundle.secrets[0]?.keys.map((k) => k.key)).toEqual(['FEATC_INFERENCE_GATEWAY', 'FEATC_REDIS_URL', 'OPENAI_API_KEY']);
  });

  test('the init container script fills secrets in (quotes doubled) and stops on a missing one', () => {
    const cm = ofKind('ConfigMap').find((c) => c.metadata.annotations['featc/job'] === 'moderatedResponses');
    const dir = mkdtempSync(join(tmpdir(), 'featc-k8s-'));
    try {
      writeFileSync(join(dir, 'in.sql'), cm.data['job.sql']);
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', OPENAI_API_KEY: "sk-it's-${env:NOPE}-&", FEATC_INFERENCE_GATEWAY: 'http://featc-inference-gateway.features.svc:8090' };
      const ok = spawnSync('/bin/sh', ['-c', RENDER_SQL_SCRIPT, 'render-sql', join(dir, 'in.sql'), join(dir, 'out.sql')], { env, encoding: 'utf8' });
      expect(ok.status).toBe(0);
      const out = readFileSync(join(dir, 'out.sql'), 'utf8');
      expect(out).toContain("'api-key' = 'sk-it''s-${env:NOPE}-&'");
      expect(out).toContain("'endpoint' = 'http://featc-inference-gateway.features.svc:8090/steps/answer/v1/chat/completions'");
      expect(out.replaceAll('${env:NOPE}', '')).not.toContain('${env:');
      const missing = spawnSync('/bin/sh', ['-c', RENDER_SQL_SCRIPT, 'render-sql', join(dir, 'in.sql'), join(dir, 'out2.sql')], { env: { PATH: env.PATH, OPENAI_API_KEY: 'k' }, encoding: 'utf8' });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toContain('featc: the job needs FEATC_INFERENCE_GATEWAY, which is not in the Secret');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('deterministic output; a changed job renames only its ConfigMap, which its pods then reference', () => {
    expect(renderStream(k8sManifests(jobs, options))).toBe(renderStream(k8sManifests([...jobs].reverse(), options)));
    const engagement = jobs.find((j) => j.name === 'engagement') as CompiledJob;
    const changed = { ...engagement, hash: 'sha256:0123456789abcdef' }; // a recompiled job differs in its hash first of all
    const before = k8sManifests([engagement], options).files[0]?.manifests as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const after = k8sManifests([changed], options).files[0]?.manifests as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(after[0].metadata.name).toBe('featc-engagement-sql-0123456789');
    expect(after[0].metadata.name).not.toBe(before[0].metadata.name);
    expect(after[1].spec.jobManager.podTemplate.spec.volumes[0].configMap.name).toBe(after[0].metadata.name);
    expect(after[2].spec.template.spec.volumes[0].configMap.name).toBe(after[0].metadata.name);
    expect(after[1].metadata.name).toBe(before[1].metadata.name);
  });

  test('option and naming errors are coded and say what to do', () => {
    const code = (f: () => unknown) => { try { f(); return 'no error'; } catch (e) { return (e as { code?: string }).code; } };
    expect(code(() => k8sManifests(jobs, { ...options, kafkaBootstrap: '' }))).toBe('FEATC_E7201');
    expect(code(() => k8sManifests(jobs, { ...options, stateUri: 'bucket/featc' }))).toBe('FEATC_E7201');
    expect(code(() => k8sManifests(jobs, { ...options, namePrefix: 'a-very-long-prefix-for-every-featc-object-' }))).toBe('FEATC_E7202');
    const { modelUpstream: _unused, ...noUpstream } = options;
    expect(code(() => k8sManifests(jobs, noUpstream))).toBe('FEATC_E7205');
    expect(k8sManifests(jobs, { ...noUpstream, skipGateway: true }).files.map((f) => f.file)).not.toContain('featc-inference-gateway.yaml');
  });
});
