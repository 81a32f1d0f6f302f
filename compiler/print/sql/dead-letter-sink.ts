import type { IrField, IrSource } from '../../ir/index.js';
import { sinkDdl } from './inference-sql.js';
import { DEAD_LETTER_COLUMNS, deadLetterSinkTable, deadLetterTopic } from './source-ddl.js';

const TYPES: Record<(typeof DEAD_LETTER_COLUMNS)[number], IrField['type']> = {
  source: { kind: 'scalar', name: 'string' },
  topic: { kind: 'scalar', name: 'string' },
  partition: { kind: 'scalar', name: 'int' },
  offset: { kind: 'scalar', name: 'bigint' },
  reason: { kind: 'scalar', name: 'string' },
  event_time_ms: { kind: 'scalar', name: 'bigint' },
  payload: { kind: 'scalar', name: 'string' },
};

export function deadLetterTransactionalIdPrefix(source: IrSource, jobName: string): string {
  return `featc.${jobName}.dlq.${source.name}`;
}

/** The exactly-once JSON sink of a source's dead-letter topic. */
export function printDeadLetterSink(source: IrSource, jobName: string): string {
  const columns = DEAD_LETTER_COLUMNS.map((name) => ({ name, type: TYPES[name] }));
  return sinkDdl(deadLetterSinkTable(source), deadLetterTopic(source, jobName), deadLetterTransactionalIdPrefix(source, jobName), columns);
}
