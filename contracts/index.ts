/** The artifacts that cross a process or version boundary, one schema each: the single source of their types. */
export { contractCodes, type ContractCode } from './codes.js';
export { featureValueTypeSchema, SCALAR_VALUE_TYPES, type FeatureValueType } from './feature-value-type.js';
export {
  featureSpecSchema, GRAPH_SCHEMA_VERSION, issuePath, jobGraphSchema, parseContract, parseJobGraph, redisOutputSpecSchema, stepSpecSchema, windowSchema,
  type FeatureSpec, type JobGraph, type RedisOutputSpec, type StateEntry, type StepSinkSpec, type StepSpec,
} from './job-graph.js';
export { envNames, envPlaceholder, featcPlaceholder, fillPlaceholders, KAFKA_BOOTSTRAP, LOOKS_LIKE_PLACEHOLDER, type FeatcKey } from './placeholders.js';
export { DEFINITION_NAME, isKafkaTopic, RESERVED_PREFIX, SERVED_FEATURE_NAME, servedFeatureNameProblem } from './names.js';
export { ARTIFACT_VERSION, deployedArtifactSchema, operatorFingerprintSchema, stepFingerprintSchema, type DeployedArtifact, type OperatorFingerprint, type StepFingerprint } from './deployed-artifact.js';
