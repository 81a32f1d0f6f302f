import { IrTypeNode, stepOutputColumns, type IrField, type IrInferenceStep, type IrJob, type IrOutput, type IrSource } from '../ir/index.js';
import { fuseJob, type FusedOperator } from './fuse.js';
import { defaultDeadLetterTopic, operatorInputName, sourceNames, stepNames, viewSinkNames } from './physical-names.js';

/** Kafka transaction timeout of every exactly-once sink: the broker default maximum (15 min). */
export const TRANSACTION_TIMEOUT_MS = 900_000;
/** Record column carrying the window end (or event time) in epoch millis, per CONTRACTS.md. */
export const AS_OF_COLUMN = '__as_of_ms';
/** Record column carrying the window start in epoch millis, per CONTRACTS.md. */
export const WINDOW_START_COLUMN = '__window_start_ms';
/** Column of a step's dead-letter record saying why the row is there. */
export const STEP_ERROR_COLUMN = '__error';
/** Columns of a source's dead-letter record. */
export const DEAD_LETTER_COLUMNS = ['source', 'topic', 'partition', 'offset', 'reason', 'event_time_ms', 'payload'] as const;

/** Who writes through a sink. */
export type SinkRole =
  | { readonly role: 'view-output'; readonly view: string; readonly operator: string; readonly output: IrOutput['kind'] }
  | { readonly role: 'step-output'; readonly step: string; readonly output: IrOutput }
  | { readonly role: 'step-dead-letter'; readonly step: string }
  | { readonly role: 'source-dead-letter'; readonly source: string };

/**
 * One exactly-once Kafka sink table. `kafka` with a `key` writes the key columns as a JSON Kafka
 * key (view outputs), `kafka` without one writes value-only JSON (steps, dead letters),
 * `upsert-kafka` keeps the latest row per key (updating operators).
 */
export type KafkaSinkNode = SinkRole & {
  readonly kind: 'kafka-sink';
  readonly connector: 'kafka' | 'upsert-kafka';
  readonly table: string;
  readonly topic: string;
  readonly transactionalIdPrefix: string;
  readonly key: readonly string[];
  readonly columns: readonly IrField[];
};

export type ViewSinkNode = Extract<KafkaSinkNode, { role: 'view-output' }>;

/** A source as relations: the Kafka table and the views that check, type and gate its events. */
export interface SourceNode {
  readonly kind: 'source';
  readonly source: IrSource;
  readonly tables: Omit<ReturnType<typeof sourceNames>, 'consumerGroup' | 'deadLetterSink' | 'deadLetterTransactionalIdPrefix'>;
  /** Whether views read it (then its on-time view is created). */
  readonly readByViews: boolean;
  readonly consumerGroup: string;
  readonly deadLetter: KafkaSinkNode;
}

/** A fused aggregation, the relation it reads and the sinks of its view's outputs. */
export interface AggregateNode {
  readonly kind: 'aggregate';
  readonly operator: FusedOperator;
  /** The SQL view holding the aggregated rows (= the operator's id). */
  readonly table: string;
  /** The UNION ALL view of several sources, when the operator reads more than one. */
  readonly unionInput: string | null;
  readonly sinks: readonly ViewSinkNode[];
}

/** A model-inference step: its model, input and prediction views, output and dead-letter sinks. */
export interface InferenceNode {
  readonly kind: 'inference';
  readonly step: IrInferenceStep;
  readonly model: string;
  readonly input: string;
  readonly view: string;
  /** The well-formed events of the step's source. */
  readonly sourceTable: string;
  readonly outputs: readonly KafkaSinkNode[];
  readonly deadLetter: KafkaSinkNode | null;
}

/** What the job runs as, with every table, topic, consumer group and transactional id named. */
export interface PhysicalPlan {
  readonly job: IrJob;
  readonly sources: readonly SourceNode[];
  readonly aggregates: readonly AggregateNode[];
  readonly steps: readonly InferenceNode[];
}

const string = IrTypeNode.scalar('string');

const DEAD_LETTER_TYPES: Record<(typeof DEAD_LETTER_COLUMNS)[number], IrField['type']> = {
  source: string,
  topic: string,
  partition: IrTypeNode.scalar('int'),
  offset: IrTypeNode.scalar('bigint'),
  reason: string,
  event_time_ms: IrTypeNode.scalar('bigint'),
  payload: string,
};

/** The record a step writes to each output topic: its copied fields, then the answer columns. */
export function stepOutputRecord(step: IrInferenceStep): IrField[] {
  return [...step.fields, ...stepOutputColumns(step)];
}

/** The record a step writes to its dead-letter topic. */
export function stepDeadLetterRecord(step: IrInferenceStep): IrField[] {
  return [...step.fields, { name: STEP_ERROR_COLUMN, type: string }];
}

function sourceNode(job: IrJob, source: IrSource, readByViews: boolean): SourceNode {
  const { consumerGroup, deadLetterSink, deadLetterTransactionalIdPrefix, ...tables } = sourceNames(job.name, source.name);
  return {
    kind: 'source', source, tables, readByViews, consumerGroup,
    deadLetter: {
      kind: 'kafka-sink', role: 'source-dead-letter', source: source.name, connector: 'kafka', table: deadLetterSink,
      topic: source.deadLetter.topic ?? defaultDeadLetterTopic(job.name, source.name), transactionalIdPrefix: deadLetterTransactionalIdPrefix,
      key: [], columns: DEAD_LETTER_COLUMNS.map((name) => ({ name, type: DEAD_LETTER_TYPES[name] })),
    },
  };
}

/** One sink per (operator, output): a view with two windows writes two record shapes to its topic. */
function aggregateNode(job: IrJob, op: FusedOperator): AggregateNode {
  const view = job.views.find((v) => v.name === op.view);
  const firstSource = job.sources.find((s) => s.name === view?.sources[0]);
  const columns: IrField[] = [
    ...op.key.map((name) => ({ name, type: firstSource?.fields.find((f) => f.name === name)?.type ?? string })),
    ...op.aggregates.map((f) => ({ name: f.name, type: f.type })),
    ...op.derived.map((f) => ({ name: f.name, type: f.type })),
    { name: AS_OF_COLUMN, type: IrTypeNode.scalar('bigint') },
    { name: WINDOW_START_COLUMN, type: IrTypeNode.scalar('bigint') },
  ];
  const outputs = view?.outputs ?? [];
  const sinks = outputs.map((output, index): ViewSinkNode => {
    const sameKindBefore = outputs.slice(0, index).filter((o) => o.kind === output.kind).length;
    const names = viewSinkNames(job.name, op.id, `${output.kind}${sameKindBefore === 0 ? '' : sameKindBefore}`);
    return {
      kind: 'kafka-sink', role: 'view-output', view: op.view, operator: op.id, output: output.kind,
      connector: op.changelog === 'upsert' ? 'upsert-kafka' : 'kafka', ...names, topic: output.topic, key: op.key, columns,
    };
  });
  return { kind: 'aggregate', operator: op, table: op.id, unionInput: op.sources.length > 1 ? operatorInputName(op.id) : null, sinks };
}

function inferenceNode(job: IrJob, step: IrInferenceStep): InferenceNode {
  const names = stepNames(job.name, step.name);
  const sink = (role: SinkRole, n: { table: string; transactionalIdPrefix: string }, topic: string, columns: IrField[]): KafkaSinkNode =>
    ({ kind: 'kafka-sink', ...role, connector: 'kafka', ...n, topic, key: [], columns });
  const dlq = step.onError.deadLetterTopic;
  return {
    kind: 'inference', step, model: names.model, input: names.input, view: names.view, sourceTable: sourceNames(job.name, step.source).wellFormed,
    outputs: step.outputs.map((output, i) => sink({ role: 'step-output', step: step.name, output }, names.output(i), output.topic, stepOutputRecord(step))),
    deadLetter: dlq === null ? null : sink({ role: 'step-dead-letter', step: step.name }, names.deadLetter, dlq, stepDeadLetterRecord(step)),
  };
}

/** The physical plan of a validated job: fused operators, and every relation and sink named. */
export function planJob(job: IrJob): PhysicalPlan {
  const operators = fuseJob(job);
  const readByViews = new Set(operators.flatMap((op) => op.sources));
  return {
    job,
    sources: job.sources.map((s) => sourceNode(job, s, readByViews.has(s.name))),
    aggregates: operators.map((op) => aggregateNode(job, op)),
    steps: job.steps.map((st) => inferenceNode(job, st)),
  };
}

/** Every sink of the plan, in the order their DDL is printed. */
export function allSinks(plan: PhysicalPlan): KafkaSinkNode[] {
  return [
    ...plan.sources.map((s) => s.deadLetter),
    ...plan.aggregates.flatMap((a) => a.sinks),
    ...plan.steps.flatMap((st) => [...st.outputs, ...(st.deadLetter ? [st.deadLetter] : [])]),
  ];
}
