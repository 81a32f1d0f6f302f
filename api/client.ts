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
 *
 * The runtime client (runtime/feature-client) reads compiled Redis output specs only; this facade
 * lowers DSL feature views to those specs with the compiler (`redisOutputsOfView`), so the client
 * and the sink agree on entity key, value types, TTLs and defaults.
 */
import { redisOutputsOfView } from '../compiler/view-outputs.js';
import type { AnyFeatureView, InferFeatures, ViewName } from '../dsl/index.js';
import { createFeatureClient as createSpecClient, type FeatureClientOptions as SpecClientOptions } from '../runtime/feature-client/client.js';
import type { FeatureClient, FeatureMap, FeaturesOfSpec, ViewSpecInput } from '../runtime/feature-client/types.js';
import { ErrorCodes, FeatcRuntimeError } from '../runtime/redis-sink/errors.js';

export type { EntityInput, FeatureClient, FeatureMap, FeatureMeta, FeatureRow, FeatureState, ViewSpecInput } from '../runtime/feature-client/types.js';
export { connectRedisOnce } from '../runtime/feature-client/connect.js';
export { FeatcRuntimeError } from '../runtime/redis-sink/errors.js';

/** What the client serves: a Redis output spec (`as const` literals fit) or a DSL feature view. */
export type ViewInput = ViewSpecInput | AnyFeatureView;

/**
 * The value the client returns for a DSL value type: Redis holds JSON, so `bigint` comes back as a
 * `number`, and the fields of row values may be `null`.
 */
export type ServedValue<T> = T extends bigint ? number
  : T extends Date ? Date
    : T extends readonly (infer E)[] ? ServedValue<E>[]
      : T extends object ? { -readonly [K in keyof T]: ServedValue<T[K]> | null }
        : T;

type ViewNameOf<V> = V extends ViewSpecInput ? V['view'] : ViewName<V>;
type FeaturesOf<V> = V extends ViewSpecInput
  ? FeaturesOfSpec<V>
  : { [K in keyof InferFeatures<V>]: ServedValue<InferFeatures<V>[K]> };

/**
 * The feature map of the views a client serves, inferred from `as const` specs or DSL views:
 * `FeatureMapOf<typeof specs>` ⇒ `{ user_stats: { clicks: number; last_page: string } }`,
 * `FeatureMapOf<[typeof userCtr]>` ⇒ `{ userCtr: { clicks_10m: number; impressions_10m: number; ctr_10m: number } }`.
 */
export type FeatureMapOf<S extends readonly ViewInput[]> = {
  [V in S[number] as ViewNameOf<V>]: FeaturesOf<V>;
};

export interface FeatureClientOptions<S extends readonly ViewInput[]> extends Omit<SpecClientOptions<readonly ViewSpecInput[]>, 'views'> {
  /**
   * The views to serve: DSL feature views (`[userCtr, userClickRate]`, lowered by the compiler), or
   * the `outputs[]` of job-graph.json with `kind: "redis"`.
   */
  views: S;
}

function isFeatureView(input: ViewInput): input is AnyFeatureView {
  return (input as { kind?: unknown }).kind === 'featureView';
}

/**
 * The Redis output spec of each view: a DSL view is lowered by the compiler into the same spec
 * job-graph.json lists; specs are taken as they are. A view without a Redis output is
 * `FEATC_E6005`; a view with errors throws the compiler's diagnostics.
 */
export function viewSpecsOf(inputs: readonly ViewInput[]): ViewSpecInput[] {
  return inputs.map((input) => {
    if (!isFeatureView(input)) return input;
    const [spec] = redisOutputsOfView(input);
    if (!spec) {
      throw new FeatcRuntimeError(ErrorCodes.noRedisOutput, `view "${input.name}" has no Redis output, so nothing serves it from Redis`, {
        where: `view ${input.name} › outputs`, hint: 'add redis({ ttl: minutes(30) }) to the view\'s outputs, or do not pass it to the client', exitCode: 1,
      });
    }
    return spec;
  });
}

/**
 * A typed reader of the feature values the Redis sink writes. Value types come from the views:
 *
 * ```ts
 * import { userClickRate, userCtr } from './jobs/engagement.js';
 * const client = createFeatureClient({ redis: 'redis://127.0.0.1:6380', views: [userCtr, userClickRate] });
 * const row = await client.get('userCtr', 'u1'); // row.values.ctr_10m: number | null
 * ```
 *
 * `as const` job-graph specs infer the same way; an explicit map (`createFeatureClient<M>(…)`) types
 * specs loaded at run time.
 */
export function createFeatureClient<const S extends readonly ViewInput[]>(opts: FeatureClientOptions<S>): FeatureClient<FeatureMapOf<S>>;
export function createFeatureClient<M extends FeatureMap>(opts: FeatureClientOptions<readonly ViewInput[]>): FeatureClient<M>;
export function createFeatureClient(opts: FeatureClientOptions<readonly ViewInput[]>): FeatureClient<FeatureMap> {
  return createSpecClient<FeatureMap>({ ...opts, views: viewSpecsOf(opts.views) });
}
