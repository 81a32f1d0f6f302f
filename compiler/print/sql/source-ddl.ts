import type { IrPropertyValue, IrSource } from '../../ir/index.js';
import { configDuration, ident, interval, str } from './quote.js';
import { createTable } from './templates.js';
import { sqlType } from './types.js';

/** Column holding the event-time attribute of every source table. */
export const ROWTIME = '__rowtime';

export function sourceTable(source: Pick<IrSource, 'name'>): string {
  return `src_${source.name}`;
}

export function option(key: string, value: string): string {
  return `${str(key)} = ${str(value)}`;
}

export function propertyValue(value: IrPropertyValue): string {
  switch (value.kind) {
    case 'text': return value.value;
    case 'env': return `\${env:${value.name}}`;
  }
}

const STARTUP_MODE: Record<IrSource['startFrom'], string> = {
  earliest: 'earliest-offset',
  latest: 'latest-offset',
  group: 'group-offsets',
};

/** `CREATE TEMPORARY TABLE` for a Kafka source: read_committed, strict JSON, watermark on event time (and the record id, on request). */
export function printSourceDdl(source: IrSource, jobName: string, withRecordId = false): string {
  const columns = [
    ...source.fields.map((f) => `${ident(f.name)} ${sqlType(f.type)}`),
    // Kafka record id, read by steps with a dead-letter topic (see inference-sql.ts).
    ...(withRecordId ? [`${ident('__partition')} INT METADATA FROM 'partition' VIRTUAL`, `${ident('__offset')} BIGINT METADATA FROM 'offset' VIRTUAL`] : []),
    `${ident(ROWTIME)} AS TO_TIMESTAMP_LTZ(${ident(source.eventTime.field)}, 3)`,
    `WATERMARK FOR ${ident(ROWTIME)} AS ${ident(ROWTIME)} - ${interval(source.watermarkDelayMs)}`,
  ];
  const options = [
    option('connector', 'kafka'),
    option('topic', source.topic),
    option('properties.bootstrap.servers', '${featc:kafka.bootstrap}'),
    option('properties.group.id', `featc.${jobName}.${source.name}`),
    option('properties.isolation.level', 'read_committed'),
    option('scan.startup.mode', STARTUP_MODE[source.startFrom]),
    ...(source.startFrom === 'group' ? [option('properties.auto.offset.reset', 'earliest')] : []),
    ...(source.idleTimeoutMs === null ? [] : [option('scan.watermark.idle-timeout', configDuration(source.idleTimeoutMs))]),
    option('format', 'json'),
    option('json.fail-on-missing-field', 'false'),
    option('json.ignore-parse-errors', 'false'),
    ...source.properties.map((p) => option(`properties.${p.key}`, propertyValue(p.value))),
  ];
  return createTable({ table: ident(sourceTable(source)), columns, options });
}
