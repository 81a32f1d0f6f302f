import type { AggregationDef } from './aggregations.js';
import type { AnyFeatureView, FeatureViewDef, InferFeatures } from './feature-view.js';
import type { InferenceStepDef } from './inference.js';
import type { JobDef } from './job.js';
import type { SourceDef } from './source.js';

/** The sources a feature view reads (through its aggregations). */
export type SourcesOfView<V> = V extends FeatureViewDef<string, infer F, unknown>
  ? { [K in keyof F]: F[K] extends AggregationDef<infer S, unknown> ? S : never }[keyof F]
  : never;

/** Every view of a job. */
export type ViewsOfJob<J> = J extends JobDef<string, infer V> ? V[number] : never;

/** Every inference step of a job. */
export type StepsOfJob<J> = J extends JobDef<string, readonly AnyFeatureView[], infer S> ? S[number] : never;

/** A source is fed by the job itself when it is a `stepSource` of one of the job's own steps. */
type FedByJob<S, J> = S extends { readonly fromStep: infer St } ? (St extends StepsOfJob<J> ? true : false) : false;

/**
 * Every source a job reads from outside: its views' and its steps' sources, except the `stepSource`s
 * of its own steps (their records are the steps' answers, not fixtures).
 */
export type SourcesOfJob<J> = (SourcesOfView<ViewsOfJob<J>> | (StepsOfJob<J> extends infer St ? (St extends { readonly source: infer S } ? S : never) : never)) extends infer S
  ? S extends unknown ? (FedByJob<S, J> extends true ? never : S) : never
  : never;

/**
 * Fixture events per source name, in arrival order. Each event is the source's zod-inferred event
 * type, so a misspelt or mistyped field fails `tsc`. Event time is the source's `eventTime` field.
 */
export type FixtureInput<J> = {
  readonly [S in SourcesOfJob<J> as S extends SourceDef<infer N, unknown> ? N : never]?: readonly (S extends SourceDef<string, infer E> ? E : never)[];
};

/**
 * A window by its bounds in epoch millis: `end` is the record's `__as_of_ms` (the event time for
 * per-event and lifetime views), `start`, when given, must equal its `__window_start_ms` (window
 * start; event time minus the range for sliding views; first event for lifetime views).
 */
export interface WindowBounds {
  readonly start?: number;
  readonly end: number;
}

/** A view's features and derived features, without the index signature a view without `derived` carries. */
export type FeaturesOf<V> = { [K in keyof InferFeatures<V> as string extends K ? never : K]: InferFeatures<V>[K] };

/** One expected output row of a view: which entity, which window, and (some of) its feature values. */
export interface ExpectedRow<V> {
  readonly entity: Readonly<Record<string, string | number | boolean>>;
  readonly window: WindowBounds;
  /** The features to check; features left out are not compared. Floats compare with the test's tolerance. */
  readonly values: { readonly [K in keyof FeaturesOf<V>]?: FeaturesOf<V>[K] | null };
}

/**
 * Expected output per view name: exactly these rows (entity × window), no more, no fewer. A view
 * left out is not checked; `[]` means "emits nothing".
 */
export type ExpectedOutputs<J> = {
  readonly [V in ViewsOfJob<J> as V extends FeatureViewDef<infer N, unknown, unknown> ? N : never]?: readonly ExpectedRow<V>[];
};

/** The record a step writes: its copied fields, its output columns and its model column. */
export type StepRecordOf<St> = St extends InferenceStepDef<string, infer E> ? E : never;

/**
 * Expected records of one step, per topic it writes, named as declared: an output's topic, or its
 * dead-letter topic (records carry `__error`). Exactly these records, in any order, compared on
 * the fields given (floats with the test's tolerance); a topic left out is not checked.
 */
export type ExpectedStepRecords<St> = Readonly<Record<string, readonly Partial<StepRecordOf<St> & { __error: string }>[]>>;

/** Expected records per step name; a step left out is not checked. */
export type ExpectedSteps<J> = {
  readonly [St in StepsOfJob<J> as St extends InferenceStepDef<infer N> ? N : never]?: ExpectedStepRecords<St>;
};

/** Options of {@link featureTest}. */
export interface FeatureTestOptions<J extends JobDef> {
  /** What the test shows, e.g. `'late clicks beyond the watermark delay are dropped'`. */
  readonly name: string;
  /** The job under test; it runs on a renamed copy (own topics, job name), never on production topics. */
  readonly job: J;
  /** Fixture events per source, in arrival order. */
  readonly input: FixtureInput<J>;
  /** Expected output rows per view. */
  readonly expect: ExpectedOutputs<J>;
  /**
   * Expected records of the job's inference steps, per step and topic, e.g.
   * `{ moderation: { 'query-verdicts': [{ requestId: 'q1', toxic: false }] } }`.
   */
  readonly expectSteps?: ExpectedSteps<J>;
  /**
   * Records no view counted because they were late, summed: those dead-lettered as behind their
   * source's watermark, plus those window operators dropped (Flink's `numLateRecordsDropped`: an
   * event late at a view over several sources though not at its own). Unchecked when absent.
   */
  readonly lateRecordsDropped?: number;
  /** Absolute tolerance for floating-point feature values; default 1e-9. */
  readonly tolerance?: number;
}

/** A declared feature test; `featc test` finds them in `*.test.ts` files next to the definitions. */
export interface FeatureTestDef<J extends JobDef = JobDef> extends FeatureTestOptions<J> {
  readonly kind: 'featureTest';
}

/** Any feature test, whatever its job. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFeatureTest = FeatureTestDef<any>;

/**
 * Declare a test of a job's feature definitions, run by `featc test` on the real engine: the
 * fixtures go to Kafka, the compiled job runs on Flink, event time is driven past every window, and
 * the output is compared per view, entity and window.
 *
 * @example
 * ```ts
 * // jobs/engagement.test.ts
 * export const countsClicks = featureTest({
 *   name: 'counts clicks per user and 5-minute window',
 *   job: engagement,
 *   input: { clicks: [{ userId: 'u1', docId: 'd1', ts: T0 + 1_000 }, { userId: 'u1', docId: 'd2', ts: T0 + 2_000 }] },
 *   expect: { userClickRate: [{ entity: { userId: 'u1' }, window: { start: T0, end: T0 + 300_000 }, values: { click_rate_5m: 2 } }] },
 * });
 * ```
 */
export function featureTest<const J extends JobDef>(options: FeatureTestOptions<J>): FeatureTestDef<J> {
  return { kind: 'featureTest', ...options };
}

/** True when `value` is a {@link featureTest} declaration. */
export function isFeatureTest(value: unknown): value is AnyFeatureTest {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'featureTest';
}
