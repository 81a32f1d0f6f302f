import type { SecretRef } from '../dsl/secret.js';

/** A config value: plain text, or `env('NAME')` read from the environment when a verb needs it. */
export type ConfigValue = string | SecretRef;

/**
 * Where a verb runs: a Flink session cluster with its SQL Gateway, the Kafka its jobs read and write,
 * the Redis features are served from. Every field is optional. Per endpoint, a flag wins over the
 * target, the target over FEATC_* variables, those over the running local stack (README ›
 * Endpoints and precedence).
 *
 * @example
 * ```ts
 * staging: {
 *   flinkUrl: 'https://flink.staging.internal:8081',
 *   gatewayUrl: 'https://sql-gateway.staging.internal:8083',
 *   kafkaBootstrap: 'kafka-1.staging.internal:9092',
 *   redisUrl: env('STAGING_REDIS_URL'),
 *   savepointDir: 's3://team-flink/savepoints',
 * }
 * ```
 */
export interface TargetConfig {
  /** JobManager REST URL, e.g. `http://127.0.0.1:8081`. */
  flinkUrl?: ConfigValue;
  /** SQL Gateway REST URL. */
  gatewayUrl?: ConfigValue;
  /** Kafka bootstrap servers the jobs read and write (and `featc test` produces to). */
  kafkaBootstrap?: ConfigValue;
  /** Redis the sink writes and `featc get` reads. */
  redisUrl?: ConfigValue;
  /** The inference gateway's base URL, for jobs with inference steps. */
  inferenceGatewayUrl?: ConfigValue;
  /** Savepoint URI for stop-with-savepoint; default: the cluster's `execution.checkpointing.savepoint-dir`. */
  savepointDir?: string;
  /** Checkpoint URI; default: the cluster's `execution.checkpointing.dir`. */
  checkpointDir?: string;
  /** How long one Flink REST request may take, in ms; default 30000. */
  restTimeoutMs?: number;
}

/**
 * A team repository's featc settings: `featc.config.ts` (or `featc.config.json`) at its root, found
 * from any folder below it.
 *
 * @example
 * ```ts
 * import { defineConfig, env } from 'featc';
 *
 * export default defineConfig({
 *   project: 'growth',
 *   definitions: ['features/'],
 *   outDir: 'compiled',
 *   defaultTarget: 'local',
 *   targets: {
 *     local: {},                                   // the stack `featc local up` runs
 *     staging: { flinkUrl: 'http://jm.staging:8081', gatewayUrl: 'http://gw.staging:8083',
 *                kafkaBootstrap: 'kafka.staging:9092', redisUrl: env('STAGING_REDIS_URL') },
 *   },
 * });
 * ```
 */
export interface FeatcConfig {
  /** The owner of the jobs this repository deploys (letters, digits, `-`, `_`). */
  project?: string;
  /** Definition files or directories, relative to the config file; default `['features/']`. */
  definitions?: string[];
  /** Where `featc compile` writes, relative to the config file; default `compiled`. */
  outDir?: string;
  /** The target verbs use without `--target`; default: none (flags, FEATC_* variables, then the local stack). */
  defaultTarget?: string;
  /** Named targets, chosen with `--target <name>`. */
  targets?: Record<string, TargetConfig>;
}

/** Types a `featc.config.ts`; returns its argument unchanged. */
export function defineConfig<const C extends FeatcConfig>(config: C): C {
  return config;
}
