export { createFeatureClient, type FeatureClientOptions } from './client.js';
export type { EntityInput, FeatureClient, FeatureMap, FeatureMapOf, FeatureMeta, FeatureRow, FeatureState, ServedValue, ViewInput, ViewSpecInput } from './types.js';
export { viewSpecsOf } from './view-inputs.js';
export { closestName, unknownNameHint } from './did-you-mean.js';
export { multiHmget, MULTI_HMGET_SCRIPT, type MultiGetMode } from './multi-read.js';
