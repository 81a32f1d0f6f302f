import { IR_VERSION, stepOutputColumns, type IrAggregation, type IrWindow } from '../ir/index.js';
import { describeWindow } from '../lower/window.js';
import type { InferenceNode, KafkaSinkNode, PhysicalPlan } from '../passes/physical-plan.js';
import { GRAPH_SCHEMA_VERSION, type JobGraph, type RedisOutputSpec, type StateEntry, type StepSinkSpec, type StepSpec } from '../../contracts/index.js';
import { featureValueType } from './feature-types.js';
import { redisOutputSpecs } from './redis-outputs.js';
import { printedEndpoint } from './sql/inference-sql.js';

export { GRAPH_SCHEMA_VERSION };
export type { JobGraph, RedisOutputSpec, StateEntry, StepSinkSpec, StepSpec };

function sinkSpec(sink: KafkaSinkNode): StepSinkSpec {
  return { table: sink.table, topic: sink.topic, transactionalIdPrefix: sink.transactionalIdPrefix, columns: sink.columns.map((c) => c.name) };
}

function stepSpec(node: InferenceNode): StepSpec {
  const step = node.step;
  return {
    name: step.name, source: step.source, task: step.model.task, model: step.model.name, endpoint: printedEndpoint(step),
    gatewayStep: step.model.endpoint.path.startsWith('/steps/') ? step.name : null,
    fields: step.fields.map((f) => f.name),
    outputColumns: stepOutputColumns(step).map((f) => ({ name: f.name, type: featureValueType(f.type) })),
    onError: { ...step.onError }, concurrency: step.concurrency, timeoutMs: step.timeoutMs,
    sinks: node.outputs.map(sinkSpec),
    deadLetter: node.deadLetter === null ? null : sinkSpec(node.deadLetter),
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

export function buildGraph(plan: PhysicalPlan, sqlHash: string): JobGraph {
  const job = plan.job;
  return {
    schemaVersion: GRAPH_SCHEMA_VERSION,
    irVersion: IR_VERSION,
    job: job.name,
    sqlHash,
    settings: { parallelism: job.parallelism, checkpointIntervalMs: job.checkpointIntervalMs, stateTtlMs: job.stateTtlMs, timeZone: 'UTC' },
    sources: plan.sources.map(({ source: s, tables, deadLetter }) => ({
      name: s.name, table: tables.wellFormed, topic: s.topic, eventTime: s.eventTime.field, watermarkDelayMs: s.watermarkDelayMs,
      idleTimeoutMs: s.idleTimeoutMs, startFrom: s.startFrom, fields: s.fields.map((f) => ({ name: f.name, type: featureValueType(f.type) })),
      deadLetter: {
        topic: deadLetter.topic, table: deadLetter.table, transactionalIdPrefix: deadLetter.transactionalIdPrefix,
        maxEventChars: s.deadLetter.maxEventChars, columns: deadLetter.columns.map((c) => c.name),
      },
    })),
    operators: plan.aggregates.map(({ operator: op }) => ({
      id: op.id, view: op.view, kind: op.kind, window: op.window, windowDescription: describeWindow(op.window), key: [...op.key],
      sources: [...op.sources], features: op.aggregates.map((f) => f.name), derived: op.derived.map((f) => f.name), changelog: op.changelog,
      state: { perKey: op.aggregates.map((f) => stateEntry(f.name, f.aggregation)), windowsPerKey: windowsPerKey(op.window) },
    })),
    sinks: plan.aggregates.flatMap((a) => a.sinks).map((s) => ({
      table: s.table, connector: s.connector, topic: s.topic, operator: s.operator, view: s.view, output: s.output,
      deliveryGuarantee: 'exactly-once', transactionalIdPrefix: s.transactionalIdPrefix, columns: s.columns.map((c) => c.name),
    })),
    outputs: job.views.flatMap((view) => redisOutputSpecs(view)),
    steps: plan.steps.map(stepSpec),
  };
}
