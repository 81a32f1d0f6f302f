import type { Duration } from './duration.js';

/** Write the view's rows to a Kafka topic, exactly once. */
export interface KafkaOutputDef {
  readonly kind: 'kafka';
  readonly topic: string;
}

/** Serve the view's features from Redis, via an exactly-once Kafka feature topic and the featc Redis sink. */
export interface RedisOutputDef {
  readonly kind: 'redis';
  /** How long a key's features live in Redis after its last update (idle entities expire). */
  readonly ttl: Duration;
  /** The feature topic; default `featc.features.<view>`. */
  readonly topic?: string;
}

/** Every output a view can have. */
export type OutputDef = KafkaOutputDef | RedisOutputDef;

/**
 * @example `outputs: [kafka({ topic: 'engagement.features' })]` prints a `'connector' = 'kafka'` sink with
 * `'sink.delivery-guarantee' = 'exactly-once'` and one `INSERT INTO` per window.
 */
export function kafka(options: { topic: string }): KafkaOutputDef {
  return { kind: 'kafka', topic: options.topic };
}

/**
 * @example `outputs: [redis({ ttl: minutes(30) })]` prints an exactly-once Kafka sink on
 * `featc.features.<view>` and an `outputs[]` entry (`kind: 'redis'`) in job-graph.json.
 */
export function redis(options: { ttl: Duration; topic?: string }): RedisOutputDef {
  return { kind: 'redis', ttl: options.ttl, ...(options.topic === undefined ? {} : { topic: options.topic }) };
}
