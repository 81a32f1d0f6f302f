export { createFeatureClient, type FeatureClientOptions } from './client.js';
export type { EntityInput, FeatureClient, FeatureMap, FeatureMapOf, FeatureMeta, FeatureRow, FeatureState, ViewSpecInput } from './types.js';
