import { IR_VERSION, stepOutputColumns, type IrAggregation, type IrInferenceStep, type IrJob, type IrWindow } from '../ir/index.js';
import { describeWindow } from '../lower/window.js';
import type { FusedOperator } from '../passes/fuse.js';
import type { PlannedSink } from '../passes/plan-sinks.js';
import { GRAPH_SCHEMA_VERSION, type JobGraph, type RedisOutputSpec, type StateEntry, type StepSinkSpec, type StepSpec } from '../../contracts/index.js';
import { featureValueType } from './feature-types.js';
import { redisOutputSpecs } from './redis-outputs.js';
import { deadLetterRecord, printedEndpoint, stepNames, stepOutputRecord, stepTransactionalIdPrefix } from './sql/inference-sql.js';
import { deadLetterTransactionalIdPrefix } from './sql/dead-letter-sink.js';
import { DEAD_LETTER_COLUMNS, deadLetterSinkTable, deadLetterTopic, sourceTable } from './sql/source-ddl.js';

export { GRAPH_SCHEMA_VERSION };
export type { JobGraph, RedisOutputSpec, StateEntry, StepSinkSpec, StepSpec };

function stepSpec(job: string, step: IrInferenceStep): StepSpec {
  const names = stepNames(step);
  const sink = (table: string, topic: string, columns: string[]): StepSinkSpec => ({ table, topic, transactionalIdPrefix: stepTransactionalIdPrefix(job, step, table), columns });
  const dlq = step.onError.deadLetterTopic;
  return {
    name: step.name, source: step.source, task: step.model.task, model: step.model.name, endpoint: printedEndpoint(step),
    gatewayStep: step.model.endpoint.path.startsWith('/steps/') ? step.name : null,
    fields: step.fields.map((f) => f.name),
    outputColumns: stepOutputColumns(step).map((f) => ({ name: f.name, type: featureValueType(f.type) })),
    onError: { ...step.onError }, concurrency: step.concurrency, timeoutMs: step.timeoutMs,
    sinks: step.outputs.map((o, i) => sink(names.sink(i), o.topic, stepOutputRecord(step).map((f) => f.name))),
    deadLetter: dlq === null ? null : sink(names.deadLetterSink, dlq, deadLetterRecord(step).map((f) => f.name)),
  };
}

function stateEntry(feature: string, agg: IrAggregation): StateEntry {
  switch (agg.kind) {
    case 'count': return { feature, accumulator: 'count', grows: 'constant' };
    case 'sum': return { feature, accumulator: 'sum', grows: 'constant' };
    case 'avg': return { feature, accumulator: 'sum and count', grows: 'constant' };
    case 'min': case 'max': return { feature, accumulator: agg.kind, grows: 'constant' };
    case 'count-distinct': case 'approx-count-distinct': return { feature, accumulator: 'distinct value set', grows: 'distinct values' };
    case 'first-value': case 'last-value': return { feature, accumulator: 'value', grows: 'constant' };
    case 'last-n': return { feature, accumulator: 'value list', grows: 'events in window' };
  }
}

function windowsPerKey(window: IrWindow): number | null {
  switch (window.kind) {
    case 'tumbling': case 'session': case 'lifetime': return 1;
    case 'hopping': return window.sizeMs / window.slideMs;
    case 'sliding': return null;
  }
}

export function buildGraph(job: IrJob, operators: readonly FusedOperator[], sinks: readonly PlannedSink[], sqlHash: string): JobGraph {
  return {
    schemaVersion: GRAPH_SCHEMA_VERSION,
    irVersion: IR_VERSION,
    job: job.name,
    sqlHash,
    settings: { parallelism: job.parallelism, checkpointIntervalMs: job.checkpointIntervalMs, stateTtlMs: job.stateTtlMs, timeZone: 'UTC' },
    sources: job.sources.map((s) => ({
      name: s.name, table: sourceTable(s), topic: s.topic, eventTime: s.eventTime.field, watermarkDelayMs: s.watermarkDelayMs,
      idleTimeoutMs: s.idleTimeoutMs, startFrom: s.startFrom, fields: s.fields.map((f) => ({ name: f.name, type: featureValueType(f.type) })),
      deadLetter: {
        topic: deadLetterTopic(s, job.name), table: deadLetterSinkTable(s), transactionalIdPrefix: deadLetterTransactionalIdPrefix(s, job.name),
        maxEventChars: s.deadLetter.maxEventChars, columns: [...DEAD_LETTER_COLUMNS],
      },
    })),
    operators: operators.map((op) => ({
      id: op.id, view: op.view, kind: op.kind, window: op.window, windowDescription: describeWindow(op.window), key: [...op.key],
      sources: [...op.sources], features: op.aggregates.map((f) => f.name), derived: op.derived.map((f) => f.name), changelog: op.changelog,
      state: { perKey: op.aggregates.map((f) => stateEntry(f.name, f.aggregation)), windowsPerKey: windowsPerKey(op.window) },
    })),
    sinks: sinks.map((s) => ({
      table: s.table, connector: s.connector, topic: s.topic, operator: s.operator, view: s.view, output: s.output,
      deliveryGuarantee: 'exactly-once', transactionalIdPrefix: s.transactionalIdPrefix, columns: s.columns.map((c) => c.name),
    })),
    outputs: job.views.flatMap((view) => redisOutputSpecs(view)),
    steps: job.steps.map((step) => stepSpec(job.name, step)),
  };
}
