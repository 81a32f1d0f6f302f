/** `featc/sink`: the exactly-once Redis sink `featc sink redis` runs, as a function. */
export { startRedisSink, type RedisSinkHandle, type RedisSinkOptions } from '../runtime/redis-sink/sink.js';
export { loadRedisOutputs } from '../runtime/redis-sink/job-graph-files.js';
export { redisOutputsOfJobGraph, type RedisOutputSpec } from '../runtime/redis-sink/spec.js';
export { SinkMetrics, serveMetrics } from '../runtime/redis-sink/sink-metrics.js';
