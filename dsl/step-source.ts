import { z } from 'zod';
import type { Duration } from './duration.js';
import type { AnyInferenceStep, StepEventOf } from './inference.js';
import type { SourceDef, StartFrom, EventTime } from './source.js';

/** Options of {@link stepSource}. */
export interface StepSourceOptions<N extends string, E> {
  /** Identifier of the source (the Flink table is `src_<name>`). */
  readonly name: N;
  /** One of the step's Kafka output topics; default its first. */
  readonly topic?: string;
  /** A copied field of the step holding its event time (usually the input's event time), as in {@link EventTime}. */
  readonly eventTime: EventTime<E>;
  readonly watermarkDelay: Duration;
  readonly idleTimeout?: Duration;
  readonly startFrom?: StartFrom;
}

/** A source reading an inference step's output topic; the compiler checks the topic is one of the step's. */
export type StepSourceDef<N extends string, E, St extends AnyInferenceStep = AnyInferenceStep> = SourceDef<N, E> & { readonly fromStep: St };

type Shape = Record<string, z.ZodType>;

/** The zod schema of a step's output record: the copied fields, the output columns, the model column. */
export function stepOutputSchema(step: AnyInferenceStep): z.ZodObject<Shape> {
  const input = (step.source.schema as z.ZodObject<Shape>).shape;
  const shape: Shape = {};
  for (const field of step.fields) {
    const type = input[field];
    if (type) shape[field] = type;
  }
  const output = step.output as z.ZodType;
  if (output instanceof z.ZodObject) Object.assign(shape, (output as z.ZodObject<Shape>).shape);
  else if (output instanceof z.ZodArray) shape['embedding'] = output;
  else shape['response'] = z.string();
  if (step.modelColumn !== undefined) shape[step.modelColumn] = z.string();
  return z.object(shape);
}

/**
 * Read an inference step's output topic as a source, so a view or another step can use the
 * step's answers: chaining goes through Kafka, exactly once at each hop (the step's sink commits on
 * checkpoints; featc sources read committed records only). Inside one job or across jobs.
 *
 * @example
 * ```ts
 * const verdicts = stepSource(moderation, { name: 'verdicts', eventTime: 'ts', watermarkDelay: seconds(2) });
 * const answer = inference({ name: 'answer', source: verdicts, where: (w) => w.eq('toxic', false), … });
 * ```
 * prints a source table on the step's topic whose columns are the step's output record:
 * ```sql
 * CREATE TEMPORARY TABLE `src_verdicts` (`requestId` STRING, …, `toxic` BOOLEAN, `score` DOUBLE, …)
 * WITH ('connector' = 'kafka', 'topic' = 'moderation.verdicts', 'properties.isolation.level' = 'read_committed', …)
 * ```
 */
export function stepSource<const N extends string, St extends AnyInferenceStep>(
  step: St, options: StepSourceOptions<N, StepEventOf<St>>,
): StepSourceDef<N, StepEventOf<St>, St> {
  return {
    kind: 'source',
    name: options.name,
    topic: options.topic ?? step.outputs[0]?.topic ?? '',
    schema: stepOutputSchema(step),
    eventTime: options.eventTime,
    watermarkDelay: options.watermarkDelay,
    ...(options.idleTimeout === undefined ? {} : { idleTimeout: options.idleTimeout }),
    ...(options.startFrom === undefined ? {} : { startFrom: options.startFrom }),
    format: 'json',
    fromStep: step,
  };
}
