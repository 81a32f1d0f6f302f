import type { Duration } from './duration.js';
import { buildPredicate, type PredicateLiteral, type PredicateNode, type WhereFn } from './predicate.js';

/** Write the view's rows to a Kafka topic, exactly once. */
export interface KafkaOutputDef {
  readonly kind: 'kafka';
  readonly topic: string;
  /** Inference steps only: write just the records matching this predicate over the output record. */
  readonly where?: PredicateNode;
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
 * On an inference step, `where` keeps only matching records (fields are checked at compile time):
 * `kafka({ topic: 'flagged-queries', where: (w) => w.eq('toxic', true) })` prints `… WHERE `toxic` = TRUE`.
 * @example `outputs: [kafka({ topic: 'engagement.features' })]` prints a `'connector' = 'kafka'` sink with
 * `'sink.delivery-guarantee' = 'exactly-once'` and one `INSERT INTO` per window.
 */
export function kafka<E = Record<string, PredicateLiteral>>(options: { topic: string; where?: WhereFn<E> }): KafkaOutputDef {
  return { kind: 'kafka', topic: options.topic, ...(options.where === undefined ? {} : { where: buildPredicate(options.where) }) };
}

/**
 * @example `outputs: [redis({ ttl: minutes(30) })]` prints an exactly-once Kafka sink on
 * `featc.features.<view>` and an `outputs[]` entry (`kind: 'redis'`) in job-graph.json.
 */
export function redis(options: { ttl: Duration; topic?: string }): RedisOutputDef {
  return { kind: 'redis', ttl: options.ttl, ...(options.topic === undefined ? {} : { topic: options.topic }) };
}
