import {
  crdVersionSchema, unsupportedKeywords, validateAgainstSchema, validateCustomResource, type CrdDocument, type SchemaNode,
} from '../../../flink-deploy/k8s/index.js';
import { operatorCrds } from './operator-crds.js';

let flinkDeployment: CrdDocument;
let flinkSessionJob: CrdDocument;
beforeAll(() => { ({ flinkDeployment, flinkSessionJob } = operatorCrds()); });

/** A small valid FlinkDeployment; each test breaks one thing. */
function valid(): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkDeployment',
    metadata: { name: 'featc-engagement', labels: { 'featc/job': 'engagement' } },
    spec: {
      flinkVersion: 'v2_2',
      serviceAccount: 'flink',
      flinkConfiguration: { 'state.backend.type': 'rocksdb', nested: { anything: ['goes'] } },
      jobManager: {
        resource: { memory: '1600m', cpu: 0.5 },
        podTemplate: { spec: { containers: [{ name: 'flink-main-container', ports: [{ containerPort: 9249 }], resources: { limits: { cpu: '1', memory: 1024 } } }] } },
      },
      job: { entryClass: 'x.Y', args: ['--scriptUri', 'file:///a.sql'], parallelism: 2, upgradeMode: 'savepoint', state: 'running' },
    },
  };
}

/** `path: message` of every violation, sorted (the validator reports in object order). */
const paths = (obj: unknown, crd = flinkDeployment) => validateCustomResource(obj, crd).map((v) => `${v.path}: ${v.message}`).sort();

describe('CRD structural validation (openAPIV3Schema of the operator CRDs)', () => {
  test('the CRDs use only keywords the validator evaluates, so no part of them is skipped', () => {
    for (const crd of [flinkDeployment, flinkSessionJob]) {
      for (const v of crd.spec.versions) expect(unsupportedKeywords(crdVersionSchema(crd, v.name))).toEqual([]);
    }
  });

  test('a valid manifest has no violations; preserve-unknown-fields and int-or-string accept what they should', () => {
    expect(paths(valid())).toEqual([]);
  });

  test('wrong type: a string where the schema says integer, reported with its path', () => {
    const m = valid();
    m.spec.job.parallelism = '2';
    expect(paths(m)).toEqual(['spec.job.parallelism: must be of type integer, got string "2"']);
  });

  test('wrong type deep inside the pod template (array index in the path)', () => {
    const m = valid();
    m.spec.jobManager.podTemplate.spec.containers[0].ports[0].containerPort = 'metrics';
    expect(paths(m)).toEqual(['spec.jobManager.podTemplate.spec.containers[0].ports[0].containerPort: must be of type integer, got string "metrics"']);
  });

  test('unknown field, at the top of spec and inside a nested object', () => {
    const m = valid();
    m.spec.jobmanager = { replicas: 1 };
    m.spec.job.parallelismm = 3;
    expect(paths(m)).toEqual(['spec.job.parallelismm: unknown field "parallelismm"', 'spec.jobmanager: unknown field "jobmanager"']);
  });

  test('missing required: metadata.name (the API server requires it)', () => {
    const m = valid();
    delete m.metadata.name;
    expect(paths(m)).toEqual(['metadata.name: is required']);
  });

  test('missing required: a schema `required` list (a FlinkDeployment-shaped schema that requires job.jarURI)', () => {
    const schema = crdVersionSchema(flinkDeployment, 'v1beta1');
    const spec = (schema.properties as Record<string, SchemaNode>).spec as SchemaNode;
    const job = (spec.properties as Record<string, SchemaNode>).job as SchemaNode;
    const strict: SchemaNode = { ...job, required: ['jarURI', 'upgradeMode'] };
    expect(validateAgainstSchema(valid().spec.job, strict, 'spec.job')).toEqual([{ path: 'spec.job.jarURI', message: 'is required' }]);
  });

  test('enum, int-or-string, null and label syntax', () => {
    const m = valid();
    m.spec.job.upgradeMode = 'rolling';
    m.spec.jobManager.podTemplate.spec.containers[0].resources.limits.cpu = true;
    m.spec.image = null;
    m.metadata.labels['featc/job'] = 'not valid!';
    expect(paths(m)).toEqual([
      'metadata.labels["featc/job"]: invalid label value "not valid!" (≤ 63 characters of [A-Za-z0-9-_.], alphanumeric at both ends)',
      'spec.image: must not be null',
      'spec.job.upgradeMode: must be one of "last-state", "savepoint", "stateless", got "rolling"',
      'spec.jobManager.podTemplate.spec.containers[0].resources.limits.cpu: must be an integer or a string, got boolean',
    ]);
  });

  test('apiVersion must name the CRD group and a version it serves; kind must match', () => {
    expect(paths({ ...valid(), apiVersion: 'flink.apache.org/v1' })).toEqual(['apiVersion: CRD FlinkDeployment has no version v1 (it has v1beta1)']);
    expect(paths({ ...valid(), apiVersion: 'apps/v1' })).toEqual(['apiVersion: must be flink.apache.org/<version>, got "apps/v1"']);
    expect(paths({ ...valid(), kind: 'FlinkSessionJob' })[0]).toBe('kind: must be FlinkDeployment, got "FlinkSessionJob"');
  });

  test('a FlinkSessionJob validates against its own CRD, and a FlinkDeployment field is unknown there', () => {
    const job = { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkSessionJob', metadata: { name: 'j' }, spec: { deploymentName: 'session', job: { jarURI: 'https://x/y.jar', parallelism: 1 } } };
    expect(paths(job, flinkSessionJob)).toEqual([]);
    expect(paths({ ...job, spec: { ...job.spec, flinkVersion: 'v2_2' } }, flinkSessionJob)).toEqual(['spec.flinkVersion: unknown field "flinkVersion"']);
  });
});
