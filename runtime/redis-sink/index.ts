export { startRedisSink, type RedisSinkHandle, type RedisSinkOptions } from './sink.js';
export { SinkMetrics, serveMetrics } from './sink-metrics.js';
export { redisOutputsOfJobGraph, parseRedisOutputSpec, redisOutputSpecSchema, type FeatureSpec, type FeatureValueType, type RedisOutputSpec } from './spec.js';
export { featureKey, sinkKeys, AS_OF_FIELD, WINDOW_START_FIELD, DEFAULT_PREFIX, projectPrefix } from './key-layout.js';
export type { FeatureTsType } from './value-codec.js';
export { FeatcRuntimeError, ErrorCodes } from './errors.js';
