import type { AggregationDef, AnyAggregation } from './aggregations.js';
import type { DerivedExpr } from './derived.js';
import type { Duration } from './duration.js';
import type { Simplify } from './fields.js';
import type { OutputDef } from './outputs.js';
import type { AnySource, EventOf } from './source.js';
import type { WindowDef } from './windows.js';

/** Online-serving options of one feature (used by the Redis output). */
export interface OnlineOptions<T> {
  /** Overrides the Redis output's TTL for this feature. */
  readonly ttl?: Duration;
  /** Served when the feature has no value (never computed, expired or NULL). */
  readonly default?: T;
}

type AggValue<A> = A extends AggregationDef<AnySource, infer T> ? T : never;
type DerivedValue<X> = X extends DerivedExpr<string, infer T> ? T : never;

/** Derived expressions may only reference features and derived features of the same view. */
export type DerivedOf<F, D> = Record<string, DerivedExpr<Extract<keyof F | keyof D, string>, unknown>>;

/** Options of {@link featureView}. */
export interface FeatureViewOptions<N extends string, Src extends readonly AnySource[], F, D> {
  /** Identifier of the view (`[A-Za-z_][A-Za-z0-9_]*`), used in table names and the default feature topic. */
  readonly name: N;
  /** Entity key fields; every source must have them. */
  readonly entity: readonly (keyof EventOf<Src[number]> & string)[];
  /** The sources the features read. */
  readonly sources: Src;
  /** Default window of the view's features (a feature may override it). */
  readonly window?: WindowDef;
  /** Aggregate features, by name. */
  readonly features: F;
  /** Features computed from other features of this view, by name. */
  readonly derived?: D;
  /** Per-feature online options (TTL, default value). */
  readonly online?: { readonly [K in keyof NoInfer<F>]?: OnlineOptions<AggValue<NoInfer<F>[K]>> } & {
    readonly [K in keyof NoInfer<D>]?: OnlineOptions<DerivedValue<NoInfer<D>[K]>>;
  };
  /** Where the view's rows go. */
  readonly outputs: readonly OutputDef[];
}

/** A declared feature view; its name, features and derived features are part of its type. */
export interface FeatureViewDef<
  N extends string = string,
  F = Record<string, AnyAggregation>,
  D = Record<string, DerivedExpr>,
> {
  readonly kind: 'featureView';
  readonly name: N;
  readonly entity: readonly string[];
  readonly sources: readonly AnySource[];
  readonly window?: WindowDef;
  readonly features: F;
  readonly derived: D;
  readonly online: Readonly<Record<string, OnlineOptions<unknown>>>;
  readonly outputs: readonly OutputDef[];
}

/** Any feature view. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFeatureView = FeatureViewDef<string, any, any>;

/**
 * Declare features computed per entity key from one or more sources. Features sharing a window
 * are fused into one aggregation; several sources become one `UNION ALL` feeding one `GROUP BY`.
 *
 * @example
 * ```ts
 * const userEngagement = featureView({
 *   name: 'userEngagement', entity: ['userId'], sources: [clicks, impressions],
 *   window: hopping(minutes(10), minutes(1)),
 *   features: { clicks_10m: count(clicks), impressions_10m: count(impressions) },
 *   derived: { ctr_10m: ratio('clicks_10m', 'impressions_10m') },
 *   outputs: [redis({ ttl: minutes(30) })],
 * });
 * ```
 * prints (abridged)
 * ```sql
 * SELECT `userId`, COUNT(*) FILTER (WHERE `__source` = 'clicks') AS `clicks_10m`, …
 * FROM TABLE(HOP(TABLE `userEngagement__input`, DESCRIPTOR(`__rowtime`), INTERVAL '1' MINUTE, INTERVAL '10' MINUTE))
 * GROUP BY `window_start`, `window_end`, `userId`
 * ```
 */
export function featureView<
  const N extends string,
  const Src extends readonly AnySource[],
  const F extends Record<string, AggregationDef<Src[number], unknown>>,
  const D extends DerivedOf<F, D> = Record<never, never>,
>(options: FeatureViewOptions<N, Src, F, D>): FeatureViewDef<N, F, D> {
  return {
    kind: 'featureView',
    name: options.name,
    entity: options.entity,
    sources: options.sources,
    ...(options.window === undefined ? {} : { window: options.window }),
    features: options.features,
    derived: (options.derived ?? {}) as D,
    online: (options.online ?? {}) as Record<string, OnlineOptions<unknown>>,
    outputs: options.outputs,
  };
}

/**
 * The feature record of a view: `{ featureName: value }` for every feature and derived feature.
 * @example `type Engagement = InferFeatures<typeof userEngagement>` → `{ clicks_10m: number; …; ctr_10m: number }`
 */
export type InferFeatures<V> = V extends FeatureViewDef<string, infer F, infer D>
  ? Simplify<{ -readonly [K in keyof F]: AggValue<F[K]> } & { -readonly [K in keyof D]: DerivedValue<D[K]> }>
  : never;

/** The view's name as a literal type. */
export type ViewName<V> = V extends FeatureViewDef<infer N, unknown, unknown> ? N : never;
