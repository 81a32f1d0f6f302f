/**
 * A length of time. Durations are plain data (`{ kind: 'duration', ms }`), so definitions stay
 * serialisable; featc prints them as Flink `INTERVAL` literals.
 *
 * @example
 * ```ts
 * hopping(minutes(10), minutes(1))
 * ```
 * prints `HOP(TABLE …, DESCRIPTOR(`__rowtime`), INTERVAL '1' MINUTE, INTERVAL '10' MINUTE)`.
 */
export interface Duration {
  readonly kind: 'duration';
  readonly ms: number;
}

function duration(ms: number): Duration {
  return { kind: 'duration', ms };
}

/** `seconds(30)` → `INTERVAL '30' SECOND`. */
export function seconds(n: number): Duration {
  return duration(n * 1000);
}

/** `minutes(5)` → `INTERVAL '5' MINUTE`. */
export function minutes(n: number): Duration {
  return duration(n * 60_000);
}

/** `hours(1)` → `INTERVAL '1' HOUR`. */
export function hours(n: number): Duration {
  return duration(n * 3_600_000);
}

/** `days(7)` → `INTERVAL '7' DAY`. */
export function days(n: number): Duration {
  return duration(n * 86_400_000);
}

/** True when `value` is a featc duration (used by the compiler on untyped input). */
export function isDuration(value: unknown): value is Duration {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'duration';
}
