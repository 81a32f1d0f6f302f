import type { Duration } from './duration.js';
import type { AnyFeatureView } from './feature-view.js';
import type { AnyInferenceStep } from './inference.js';

/** Options of {@link job}. */
export interface JobOptions<N extends string, V extends readonly AnyFeatureView[], S extends readonly AnyInferenceStep[] = readonly AnyInferenceStep[]> {
  /** Identifier of the job (`[A-Za-z_][A-Za-z0-9_]*`): Flink's `pipeline.name` and the output directory. */
  readonly name: N;
  /** The feature views computed by this one Flink job. */
  readonly views: V;
  /** Model-inference steps (`ML_PREDICT`) run by the same Flink job. */
  readonly steps?: S;
  /** `parallelism.default`; default 1. */
  readonly parallelism?: number;
  /** `table.exec.state.ttl`: idle keys of lifetime aggregations expire after this. */
  readonly stateTtl?: Duration;
  /** `execution.checkpointing.interval`; default 1 s, so exactly-once output (committed on checkpoints) is fresh within about a second. */
  readonly checkpointInterval?: Duration;
}

/** A job: the unit a definition file exports and `featc compile` turns into one Flink job. */
export interface JobDef<
  N extends string = string, V extends readonly AnyFeatureView[] = readonly AnyFeatureView[], S extends readonly AnyInferenceStep[] = readonly AnyInferenceStep[],
> extends JobOptions<N, V, S> {
  readonly kind: 'job';
}

/**
 * Declare a job. A definition file exports its jobs; featc compiles every exported value made by
 * `job(...)`, default or named (the same job exported twice counts once).
 *
 * @example
 * ```ts
 * export default job({ name: 'engagement', views: [userEngagement], stateTtl: hours(24) });
 * ```
 * prints
 * ```sql
 * SET 'pipeline.name' = 'featc:engagement';
 * SET 'table.exec.state.ttl' = '1 h';
 * …
 * EXECUTE STATEMENT SET BEGIN INSERT INTO … ; END;
 * ```
 */
export function job<const N extends string, const V extends readonly AnyFeatureView[], const S extends readonly AnyInferenceStep[] = readonly []>(
  options: JobOptions<N, V, S>,
): JobDef<N, V, S> {
  return { kind: 'job', ...options };
}
