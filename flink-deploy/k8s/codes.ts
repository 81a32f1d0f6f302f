import { defineCodes } from '../../common/error-codes.js';

/** FEATC_E72xx: `featc k8s` (manifests for the Flink Kubernetes Operator), thrown as K8sErrors (k8s-error.ts). */
export const k8sCodes = defineCodes({
  FEATC_E7201: { kind: 'user', summary: 'the options of `featc k8s` are invalid', hint: 'e.g. featc k8s jobs/ --kafka kafka.kafka.svc:9092 --state-uri s3://my-bucket/featc --out k8s/' },
  FEATC_E7202: { kind: 'user', summary: 'a job gives a Kubernetes name the API server or the operator rejects', hint: 'names are lower case alphanumerics and "-", start with a letter and have at most 45 characters: shorten the job name or pass a shorter --name-prefix' },
  FEATC_E7203: { kind: 'user', summary: 'two jobs map to the same Kubernetes name', hint: 'rename one of the jobs' },
  FEATC_E7204: { kind: 'user', summary: 'a job uses a ${featc:…} placeholder featc k8s does not know', hint: 'upgrade featc, or recompile with this version' },
  FEATC_E7205: { kind: 'user', summary: 'jobs call the inference gateway, which needs a model server, and none was given', hint: 'pass --model-upstream http://model-server:9000/v1 (OpenAI-compatible base URL), or --no-gateway when the gateway runs elsewhere' },
  FEATC_E7206: { kind: 'user', summary: 'manifests violate the CRD schema or the operator\'s rules', hint: 'this is a featc bug when the CRDs are the operator\'s own: report it with the output of --json' },
});

export type K8sCode = keyof typeof k8sCodes;

declare module '../../common/error-codes.js' {
  interface FeatcCodeRegistry { k8s: typeof k8sCodes }
}
