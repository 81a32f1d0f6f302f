import type { z } from 'zod';
import type { Duration } from './duration.js';
import type { FieldsOfType } from './fields.js';
import type { PropertyValue } from './secret.js';

/** A zod object schema describing one Kafka event. */
export type EventSchema = z.ZodObject<z.ZodRawShape>;

/** Where a source starts reading when the job has no checkpoint or savepoint. */
export type StartFrom = 'earliest' | 'latest' | 'group';

/** Fields usable as event time: a number (epoch milliseconds, or seconds with `unit`) or a timestamp string. */
export type EventTimeField<E> = FieldsOfType<E, number | string>;

/**
 * Where an event's time is and how it is written. The forms featc reads:
 * - `'ts'` on a `z.number().int()`: epoch milliseconds.
 * - `{ field: 'ts', unit: 'seconds' }` on a `z.number().int()` or `z.number()`: epoch seconds
 *   (a fraction is kept to the millisecond).
 * - `'at'` on a `z.string()` / `z.iso.datetime()`: ISO-8601 (`2026-12-03T10:15:30.250+01:00`,
 *   `…Z`, `…T10:15:30`) or Flink's `yyyy-MM-dd HH:mm:ss[.SSS]`; up to 9 fraction digits, read to
 *   the millisecond. A string without an offset is UTC unless `{ field: 'at', zone: '+05:30' }`
 *   declares the offset it was written in.
 * An event whose time does not parse goes to the dead-letter topic with the reason.
 */
export type EventTime<E> =
  | EventTimeField<E>
  | { readonly field: FieldsOfType<E, number>; readonly unit: 'milliseconds' | 'seconds' }
  | { readonly field: FieldsOfType<E, string>; readonly zone: ZoneOffset };

/** `'UTC'` or a fixed UTC offset such as `'+05:30'` / `'-08:00'`. */
export type ZoneOffset = 'UTC' | `${'+' | '-'}${number}${number}:${number}${number}`;

/** A source's event-time declaration in one shape (the `eventTime` option may be a bare field name). */
export interface EventTimeSpec {
  readonly field: string;
  readonly unit?: 'milliseconds' | 'seconds';
  readonly zone?: string;
}

/** The `eventTime` option as {@link EventTimeSpec}. */
export function eventTimeSpec(eventTime: SourceDef['eventTime']): EventTimeSpec {
  return typeof eventTime === 'string' ? { field: eventTime } : eventTime;
}

/** Options of {@link source}. */
export interface SourceOptions<N extends string, S extends EventSchema> {
  /** Identifier of the source inside featc (`[A-Za-z_][A-Za-z0-9_]*`); the Flink table is `src_<name>`. */
  readonly name: N;
  /** Kafka topic (`[A-Za-z0-9._-]`, at most 249 characters). */
  readonly topic: string;
  /** The event: nested objects become `ROW`, arrays `ARRAY`, `z.number().int()` `BIGINT`, `z.int32()` `INT`, `z.number()` `DOUBLE`. */
  readonly schema: S;
  /** The field holding event time and how it is written: see {@link EventTime}. */
  readonly eventTime: EventTime<z.infer<S>>;
  /** How late events may arrive: the watermark trails the largest event time by this much. */
  readonly watermarkDelay: Duration;
  /** Kafka record key fields, if the producer sets one (documentation and validation only). */
  readonly key?: readonly (keyof z.infer<S> & string)[];
  /**
   * A partition that sends nothing for this long stops holding the watermark back. Trade-off: when
   * the source (or one partition) resumes, its events may be behind a watermark the others moved on,
   * and a window that already fired drops them (`featc status` shows these as late drops at windows).
   * Avoid it on sources of a view that reads several sources unless each of them may fall silent for
   * long; prefer it on a sparse single source whose windows must still close.
   */
  readonly idleTimeout?: Duration;
  /**
   * Record format; only JSON for now. A record that is not a JSON object, lacks a required field,
   * holds a value of the wrong type or is larger than `maxEventChars` never fails the job: it goes,
   * with its raw payload and the reason, to the source's dead-letter topic. Events behind the
   * watermark are copied there too; views still treat them as Flink does (a window that already
   * fired drops them, an open window or a lifetime view counts them).
   */
  readonly format: 'json';
  /** Dead-letter topic of this source; defaults to `featc.dlq.<job>.<source>`. */
  readonly deadLetterTopic?: string;
  /** Records whose JSON text is longer than this many characters are dead-lettered; default 262144. */
  readonly maxEventChars?: number;
  /** Where to start without a checkpoint: `earliest` (default), `latest` or the consumer group's offsets. */
  readonly startFrom?: StartFrom;
  /** Extra Kafka client properties (`properties.<key>` in the DDL); use `env()` for secrets. */
  readonly properties?: Readonly<Record<string, PropertyValue>>;
}

/** A declared Kafka source; `E` is the event type inferred from the zod schema. */
export interface SourceDef<N extends string = string, E = unknown>
  extends Omit<SourceOptions<N, EventSchema>, 'eventTime' | 'key'> {
  readonly kind: 'source';
  readonly eventTime: string | EventTimeSpec;
  readonly key?: readonly string[];
  /** Phantom: the event type, for type inference only. */
  readonly __event?: E;
}

/** Any source, whatever its event type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySource = SourceDef<string, any>;

/** The event type of a source. */
export type EventOf<S> = S extends SourceDef<string, infer E> ? E : never;

/**
 * Declare a Kafka topic of JSON events.
 *
 * @example
 * ```ts
 * const clicks = source({
 *   name: 'clicks', topic: 'clicks', format: 'json',
 *   schema: z.object({ userId: z.string(), docId: z.string(), ts: z.number().int() }),
 *   eventTime: 'ts', watermarkDelay: seconds(2),
 * });
 * ```
 * prints
 * ```sql
 * CREATE TEMPORARY TABLE `src_clicks` (
 *   `userId` STRING, `docId` STRING, `ts` BIGINT,
 *   `__rowtime` AS TO_TIMESTAMP_LTZ(`ts`, 3),
 *   WATERMARK FOR `__rowtime` AS `__rowtime` - INTERVAL '2' SECOND
 * ) WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.isolation.level' = 'read_committed', …)
 * ```
 */
export function source<const N extends string, S extends EventSchema>(
  options: SourceOptions<N, S>,
): SourceDef<N, z.infer<S>> {
  return { kind: 'source', ...options };
}
