/**
 * `featc/client`: the typed feature client for the serving path (plain JavaScript, no loader needed).
 *
 * @example
 * ```ts
 * import { createFeatureClient } from 'featc/client';
 * import { userCtr } from './features/engagement.js';
 * const features = createFeatureClient({ redis: process.env.REDIS_URL!, views: [userCtr] });
 * const row = await features.get('userCtr', 'u001'); // row.values.ctr_10m: number
 * ```
 */
export { createFeatureClient, type FeatureClientOptions } from '../runtime/feature-client/client.js';
export type {
  EntityInput, FeatureClient, FeatureMap, FeatureMapOf, FeatureMeta, FeatureRow, FeatureState, ServedValue, ViewInput, ViewSpecInput,
} from '../runtime/feature-client/types.js';
export { connectRedisOnce } from '../runtime/feature-client/connect.js';
export { FeatcRuntimeError } from '../runtime/redis-sink/errors.js';
