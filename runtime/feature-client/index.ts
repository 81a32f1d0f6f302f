export { createFeatureClient, type FeatureClientOptions } from './client.js';
export type { EntityInput, FeatureClient, FeatureMap, FeatureMapOf, FeaturesOfSpec, FeatureMeta, FeatureRow, FeatureState, ViewSpecInput } from './types.js';
export { closestName, unknownNameHint } from './did-you-mean.js';
export { multiHmget, MULTI_HMGET_SCRIPT, type MultiGetMode } from './multi-read.js';
