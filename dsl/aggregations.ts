import type { NumericField, OrderableField, ScalarField, AnyField } from './fields.js';
import { buildPredicate, type PredicateNode, type WhereFn } from './predicate.js';
import type { AnySource, EventOf } from './source.js';
import type { WindowDef } from './windows.js';

/** The aggregate functions featc knows. */
export type AggregationFn =
  | 'count' | 'sum' | 'avg' | 'min' | 'max' | 'countDistinct' | 'approxCountDistinct'
  | 'firstValue' | 'lastValue' | 'lastN';

/** Options every aggregation takes. */
export interface AggregationOptions<E> {
  /** Only events matching this predicate count. */
  readonly where?: WhereFn<E>;
  /** Overrides the view's window for this feature. */
  readonly window?: WindowDef;
}

/** One aggregate feature over one source; `T` is the feature's value type. */
export interface AggregationDef<S extends AnySource = AnySource, T = unknown> {
  readonly kind: 'aggregation';
  readonly fn: AggregationFn;
  readonly source: S;
  readonly field?: string;
  readonly n?: number;
  readonly where?: PredicateNode;
  readonly window?: WindowDef;
  /** Phantom: the value type, for `InferFeatures`. */
  readonly __value?: T;
}

/** Any aggregation. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAggregation = AggregationDef<AnySource, any>;

type Value<S, F extends keyof EventOf<S>> = NonNullable<EventOf<S>[F]>;

function make<S extends AnySource, T>(
  fn: AggregationFn, src: S, field: string | undefined, options: AggregationOptions<EventOf<S>> | undefined, n?: number,
): AggregationDef<S, T> {
  return {
    kind: 'aggregation',
    fn,
    source: src,
    ...(field === undefined ? {} : { field }),
    ...(n === undefined ? {} : { n }),
    ...(options?.where ? { where: buildPredicate(options.where) } : {}),
    ...(options?.window ? { window: options.window } : {}),
  };
}

/**
 * Number of events.
 * @example `count(clicks, { where: (w) => w.eq('kind', 'click') })` → `COUNT(*) FILTER (WHERE `kind` = 'click')`
 */
export function count<S extends AnySource>(src: S, options?: AggregationOptions<EventOf<S>>): AggregationDef<S, number> {
  return make('count', src, undefined, options);
}

/** Sum of a numeric field. @example `sum(orders, 'amount')` → `SUM(`amount`)` */
export function sum<S extends AnySource, F extends NumericField<EventOf<S>>>(
  src: S, field: F, options?: AggregationOptions<EventOf<S>>,
): AggregationDef<S, number> {
  return make('sum', src, field, options);
}

/** Mean of a numeric field, as DOUBLE. @example `avg(orders, 'amount')` → `AVG(CAST(`amount` AS DOUBLE))` */
export function avg<S extends AnySource, F extends NumericField<EventOf<S>>>(
  src: S, field: F, options?: AggregationOptions<EventOf<S>>,
): AggregationDef<S, number> {
  return make('avg', src, field, options);
}

/** Smallest value. @example `min(orders, 'amount')` → `MIN(`amount`)` */
export function min<S extends AnySource, F extends OrderableField<EventOf<S>>>(
  src: S, field: F, options?: AggregationOptions<EventOf<S>>,
): AggregationDef<S, Value<S, F>> {
  return make('min', src, field, options);
}

/** Largest value. @example `max(orders, 'amount')` → `MAX(`amount`)` */
export function max<S extends AnySource, F extends OrderableField<EventOf<S>>>(
  src: S, field: F, options?: AggregationOptions<EventOf<S>>,
): AggregationDef<S, Value<S, F>> {
  return make('max', src, field, options);
}

/** Exact number of distinct values. @example `countDistinct(clicks, 'docId')` → `COUNT(DISTINCT `docId`)` */
export function countDistinct<S extends AnySource, F extends ScalarField<EventOf<S>>>(
  src: S, field: F, options?: AggregationOptions<EventOf<S>>,
): AggregationDef<S, number> {
  return make('countDistinct', src, field, options);
}

/**
 * Approximate number of distinct values. Flink's streaming planner has no approximate distinct
 * aggregate, so this compiles to the exact `COUNT(DISTINCT …)` for now (same result, more state).
 */
export function approxCountDistinct<S extends AnySource, F extends ScalarField<EventOf<S>>>(
  src: S, field: F, options?: AggregationOptions<EventOf<S>>,
): AggregationDef<S, number> {
  return make('approxCountDistinct', src, field, options);
}

/**
 * First value seen in the window; over tumbling, sliding and lifetime windows (Flink cannot merge it
 * across hopping or session windows). @example `firstValue(clicks, 'docId')` → `FIRST_VALUE(`docId`)`
 */
export function firstValue<S extends AnySource, F extends AnyField<EventOf<S>>>(
  src: S, field: F, options?: AggregationOptions<EventOf<S>>,
): AggregationDef<S, Value<S, F>> {
  return make('firstValue', src, field, options);
}

/**
 * Last value seen in the window; over tumbling, sliding and lifetime windows (Flink cannot merge it
 * across hopping or session windows). @example `lastValue(clicks, 'docId')` → `LAST_VALUE(`docId`)`
 */
export function lastValue<S extends AnySource, F extends AnyField<EventOf<S>>>(
  src: S, field: F, options?: AggregationOptions<EventOf<S>>,
): AggregationDef<S, Value<S, F>> {
  return make('lastValue', src, field, options);
}

/**
 * The last `n` values of a field in arrival order (oldest first), for tumbling, hopping and
 * session windows.
 * @example `lastN(clicks, 'docId', 10)` → `ARRAY_SLICE(ARRAY_AGG(`docId`), -10)` (see the printer for the exact form)
 */
export function lastN<S extends AnySource, F extends ScalarField<EventOf<S>>>(
  src: S, field: F, n: number, options?: AggregationOptions<EventOf<S>>,
): AggregationDef<S, Value<S, F>[]> {
  return make('lastN', src, field, options, n);
}
