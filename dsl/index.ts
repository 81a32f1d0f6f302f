/** featc's authoring API: declare sources, feature views and jobs as typed TypeScript. */
export { seconds, minutes, hours, days, isDuration, type Duration } from './duration.js';
export { env, type SecretRef, type PropertyValue } from './secret.js';
export { source, eventTimeSpec, type SourceDef, type SourceOptions, type AnySource, type EventOf, type EventSchema, type StartFrom, type EventTime, type EventTimeSpec, type ZoneOffset } from './source.js';
export { tumbling, hopping, session, sliding, lifetime, type WindowDef } from './windows.js';
export type { TumblingWindow, HoppingWindow, SessionWindow, SlidingWindow, LifetimeWindow } from './windows.js';
export type { PredicateNode, PredicateLiteral, WhereBuilder, WhereFn } from './predicate.js';
export {
  count, sum, avg, min, max, countDistinct, approxCountDistinct, firstValue, lastValue, lastN,
  type AggregationDef, type AggregationFn, type AggregationOptions, type AnyAggregation,
} from './aggregations.js';
export { ratio, add, sub, mul, gt, gte, lt, lte, eq, ne, coalesce, type DerivedExpr, type DerivedNode, type Operand } from './derived.js';
export { kafka, redis, type OutputDef, type KafkaOutputDef, type RedisOutputDef } from './outputs.js';
export {
  featureView, type FeatureViewDef, type FeatureViewOptions, type AnyFeatureView, type InferFeatures, type ViewName,
  type OnlineOptions,
} from './feature-view.js';
export { job, type JobDef, type JobOptions } from './job.js';
export {
  inference, gateway, retry, skip, fail, deadLetter,
  type InferenceStepDef, type InferenceOptions, type AnyInferenceStep, type ModelOptions, type GatewayEndpoint,
  type ErrorPolicy, type StepOutputSchema, type OutputColumns, type StepEventOf,
} from './inference.js';
export { stepSource, stepOutputSchema, type StepSourceOptions, type StepSourceDef } from './step-source.js';
export type { NumericField, OrderableField, ScalarField } from './fields.js';
export {
  featureTest, isFeatureTest, type FeatureTestDef, type FeatureTestOptions, type AnyFeatureTest, type FixtureInput,
  type ExpectedOutputs, type ExpectedRow, type WindowBounds, type SourcesOfJob, type ViewsOfJob,
  type ExpectedSteps, type ExpectedStepRecords, type StepRecordOf,
} from './testing.js';
