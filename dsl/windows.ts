import type { Duration } from './duration.js';

/** Fixed, non-overlapping windows; one result per key and window, emitted when the watermark passes its end. */
export interface TumblingWindow { readonly kind: 'tumbling'; readonly size: Duration }
/** Overlapping windows of `size`, one starting every `slide`. */
export interface HoppingWindow { readonly kind: 'hopping'; readonly size: Duration; readonly slide: Duration }
/** Activity sessions per key, closed after `gap` without events. */
export interface SessionWindow { readonly kind: 'session'; readonly gap: Duration }
/** Per-event window: every event emits the aggregate over the preceding `range` (an `OVER` window). */
export interface SlidingWindow { readonly kind: 'sliding'; readonly range: Duration }
/** Since the beginning: an unbounded, updating aggregate whose idle keys expire with the job's state TTL. */
export interface LifetimeWindow { readonly kind: 'lifetime' }

/** Every window a feature can be computed over. */
export type WindowDef = TumblingWindow | HoppingWindow | SessionWindow | SlidingWindow | LifetimeWindow;

/**
 * `tumbling(minutes(5))` prints `TABLE(TUMBLE(TABLE …, DESCRIPTOR(`__rowtime`), INTERVAL '5' MINUTE))`.
 * @example
 * ```ts
 * features: { clicks_5m: count(clicks, { window: tumbling(minutes(5)) }) }
 * ```
 */
export function tumbling(size: Duration): TumblingWindow {
  return { kind: 'tumbling', size };
}

/**
 * `hopping(minutes(10), minutes(1))` prints
 * `TABLE(HOP(TABLE …, DESCRIPTOR(`__rowtime`), INTERVAL '1' MINUTE, INTERVAL '10' MINUTE))`.
 * The slide must divide the size.
 */
export function hopping(size: Duration, slide: Duration): HoppingWindow {
  return { kind: 'hopping', size, slide };
}

/**
 * `session(minutes(30))` prints
 * `TABLE(SESSION(TABLE … PARTITION BY `userId`, DESCRIPTOR(`__rowtime`), INTERVAL '30' MINUTE))`.
 */
export function session(gap: Duration): SessionWindow {
  return { kind: 'session', gap };
}

/**
 * `sliding(minutes(5))` prints
 * `OVER (PARTITION BY `userId` ORDER BY `__rowtime` RANGE BETWEEN INTERVAL '5' MINUTE PRECEDING AND CURRENT ROW)`.
 */
export function sliding(range: Duration): SlidingWindow {
  return { kind: 'sliding', range };
}

/**
 * `lifetime()` prints a plain `GROUP BY` on the entity key, written to an `upsert-kafka` sink.
 * Requires `job({ stateTtl })` so idle keys do not keep state forever.
 */
export function lifetime(): LifetimeWindow {
  return { kind: 'lifetime' };
}
