/** `featc k8s`: manifests for the Flink Kubernetes Operator, and their validation against its CRDs. */
export { k8sManifests, type K8sBundle, type K8sBuildOptions, type K8sFile, type Manifest, type SecretReference } from './manifests.js';
export { K8S_DEFAULTS, checkK8sOptions, type K8sOptions } from './options.js';
export { renderFiles, renderStream, writeK8sFiles } from './output-files.js';
export { K8sError } from './k8s-error.js';
export { loadCrds, crdFor, validateManifests, type ManifestCheck } from './crd-files.js';
export { validateCustomResource, validateAgainstSchema, crdVersionSchema, unsupportedKeywords, type CrdDocument, type SchemaNode, type Violation } from './crd-validate.js';
export { operatorRuleViolations } from './operator-rules.js';
export { parseYaml, parseYamlDocuments, toYamlDocuments } from './yaml.js';
