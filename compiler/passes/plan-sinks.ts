import { IrTypeNode, type IrJob, type IrOutput, type IrType } from '../ir/index.js';
import type { FusedOperator } from './fuse.js';

/** Kafka transaction timeout of every exactly-once sink: the broker default maximum (15 min). */
export const TRANSACTION_TIMEOUT_MS = 900_000;

/** One exactly-once Kafka sink table fed by one fused operator. */
export interface PlannedSink {
  /** `kafka` for append-only operators, `upsert-kafka` (PRIMARY KEY = entity) for updating ones. */
  readonly connector: 'kafka' | 'upsert-kafka';
  readonly table: string;
  readonly topic: string;
  readonly operator: string;
  readonly view: string;
  readonly output: IrOutput['kind'];
  readonly transactionalIdPrefix: string;
  readonly key: readonly string[];
  readonly columns: readonly { readonly name: string; readonly type: IrType }[];
}

/** Record column carrying the window end (or event time) in epoch millis, per CONTRACTS.md. */
export const AS_OF_COLUMN = '__as_of_ms';
/** Record column carrying the window start in epoch millis, per CONTRACTS.md. */
export const WINDOW_START_COLUMN = '__window_start_ms';

/** One sink per (operator, output): a view with two windows writes two record shapes to its topic. */
export function planSinks(job: IrJob, operators: readonly FusedOperator[]): PlannedSink[] {
  const sinks: PlannedSink[] = [];
  for (const view of job.views) {
    const keyFields = view.entity.map((name) => {
      const src = job.sources.find((s) => s.name === view.sources[0]);
      const field = src?.fields.find((f) => f.name === name);
      return { name, type: field?.type ?? IrTypeNode.scalar('string') };
    });
    for (const op of operators.filter((o) => o.view === view.name)) {
      const columns = [
        ...keyFields,
        ...op.aggregates.map((f) => ({ name: f.name, type: f.type })),
        ...op.derived.map((f) => ({ name: f.name, type: f.type })),
        { name: AS_OF_COLUMN, type: IrTypeNode.scalar('bigint') },
        { name: WINDOW_START_COLUMN, type: IrTypeNode.scalar('bigint') },
      ];
      view.outputs.forEach((output, index) => {
        const sameKindBefore = view.outputs.slice(0, index).filter((o) => o.kind === output.kind).length;
        const outputName = `${output.kind}${sameKindBefore === 0 ? '' : sameKindBefore}`;
        sinks.push({
          connector: op.changelog === 'upsert' ? 'upsert-kafka' : 'kafka',
          table: `sink_${op.id}__${outputName}`,
          topic: output.topic,
          operator: op.id,
          view: view.name,
          output: output.kind,
          transactionalIdPrefix: `featc.${job.name}.${op.id}.${outputName}`,
          key: view.entity,
          columns,
        });
      });
    }
  }
  return sinks;
}
