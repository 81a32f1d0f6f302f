import { days, job, type AnyFeatureView } from '../dsl/index.js';
import { DiagnosticBag, DiagnosticsError } from './diagnostics/index.js';
import { lowerJob } from './lower/job.js';
import type { RedisOutputSpec } from '../contracts/index.js';
import { redisOutputSpecs } from './print/redis-outputs.js';

/**
 * The Redis output specs of one feature view, lowered and validated exactly as `featc compile`
 * does (the same entries job-graph.json lists under `outputs[]`); throws {@link DiagnosticsError}
 * when the view has errors. An empty array means the view has no Redis output.
 *
 * @example
 * ```ts
 * redisOutputsOfView(userCtr)
 * // [{ kind: 'redis', view: 'userCtr', topic: 'featc.features.userCtr', entityKey: ['userId'],
 * //    features: [{ name: 'clicks_10m', type: 'bigint', ttlSeconds: 1800, default: 0 }, …] }]
 * ```
 */
export function redisOutputsOfView(view: AnyFeatureView, options: { file?: string } = {}): RedisOutputSpec[] {
  const bag = new DiagnosticBag(options.file ?? null);
  // A one-view job: job-level settings are fixed and valid (a state TTL so lifetime views lower),
  // so every diagnostic is about the view or its sources.
  const ir = lowerJob(job({ name: 'featc_view_outputs', views: [view], stateTtl: days(1) }), bag);
  const lowered = ir?.views[0];
  if (!lowered || bag.hasErrors) throw new DiagnosticsError(bag.items);
  return redisOutputSpecs(lowered);
}
