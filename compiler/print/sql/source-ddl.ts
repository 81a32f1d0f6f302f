import type { IrPropertyValue, IrSource } from '../../ir/index.js';
import { configDuration, ident, interval, str } from './quote.js';
import { errorExpression, extract, PAYLOAD, sourceChecks } from './source-checks.js';
import { createTable, createView } from './templates.js';

/** Column holding the event-time attribute of every source table. */
export const ROWTIME = '__rowtime';
/** Kafka record id of every source row (steps with a dead-letter topic and the source's own dead letters use it). */
export const PARTITION = '__partition';
export const OFFSET = '__offset';
const ERROR = '__error';
const LATE = '__late';

/** The well-formed events of a source: what views and steps read. */
export function sourceTable(source: Pick<IrSource, 'name'>): string {
  return `src_${source.name}`;
}

const rawTable = (source: Pick<IrSource, 'name'>): string => `src_${source.name}__raw`;
const checkedView = (source: Pick<IrSource, 'name'>): string => `src_${source.name}__checked`;
export const deadLetterSinkTable = (source: Pick<IrSource, 'name'>): string => `dlq_${source.name}`;

export function deadLetterTopic(source: IrSource, jobName: string): string {
  return source.deadLetter.topic ?? `featc.dlq.${jobName}.${source.name}`;
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

/**
 * A source as three statements: the raw Kafka table (read_committed, each record's text, its
 * partition and offset, the watermark on the event time), a view that reads the typed fields and
 * names what is wrong with a record, and the view of well-formed records that everything else reads.
 */
export function printSourceDdl(source: IrSource, jobName: string): string[] {
  const eventTime = source.fields.find((f) => f.name === source.eventTime.field);
  const eventMillis = eventTime ? extract(eventTime.type, [eventTime.name]) : 'CAST(NULL AS BIGINT)';
  const raw = createTable({
    table: ident(rawTable(source)),
    columns: [
      `${ident(PAYLOAD)} STRING`,
      `${ident(PARTITION)} INT METADATA FROM 'partition' VIRTUAL`,
      `${ident(OFFSET)} BIGINT METADATA FROM 'offset' VIRTUAL`,
      `${ident(ROWTIME)} AS TO_TIMESTAMP_LTZ(COALESCE(${eventMillis}, 0), 3)`,
      `WATERMARK FOR ${ident(ROWTIME)} AS ${ident(ROWTIME)} - ${interval(source.watermarkDelayMs)}`,
    ],
    options: [
      option('connector', 'kafka'),
      option('topic', source.topic),
      option('properties.bootstrap.servers', '${featc:kafka.bootstrap}'),
      option('properties.group.id', `featc.${jobName}.${source.name}`),
      option('properties.isolation.level', 'read_committed'),
      option('scan.startup.mode', STARTUP_MODE[source.startFrom]),
      ...(source.startFrom === 'group' ? [option('properties.auto.offset.reset', 'earliest')] : []),
      ...(source.idleTimeoutMs === null ? [] : [option('scan.watermark.idle-timeout', configDuration(source.idleTimeoutMs))]),
      option('format', 'raw'),
      ...source.properties.map((p) => option(`properties.${p.key}`, propertyValue(p.value))),
    ],
  });
  const checks = sourceChecks(source.fields, source.eventTime.field, source.deadLetter.maxEventChars);
  const checked = createView({
    view: ident(checkedView(source)),
    query: 'SELECT\n  ' + [
      ...source.fields.map((f) => `${extract(f.type, [f.name])} AS ${ident(f.name)}`),
      ident(PARTITION), ident(OFFSET), ident(PAYLOAD), ident(ROWTIME),
      `${errorExpression(checks)} AS ${ident(ERROR)}`,
      `COALESCE(${ident(ROWTIME)} < CURRENT_WATERMARK(${ident(ROWTIME)}), FALSE) AS ${ident(LATE)}`,
    ].join(',\n  ') + `\nFROM ${ident(rawTable(source))}`,
  });
  const wellFormed = createView({
    view: ident(sourceTable(source)),
    query: 'SELECT\n  ' + [...source.fields.map((f) => ident(f.name)), ident(PARTITION), ident(OFFSET), ident(ROWTIME)].join(',\n  ') +
      `\nFROM ${ident(checkedView(source))}\nWHERE ${ident(ERROR)} IS NULL`,
  });
  return [raw, checked, wellFormed];
}

/** Columns of a dead-letter record. */
export const DEAD_LETTER_COLUMNS = ['source', 'topic', 'partition', 'offset', 'reason', 'event_time_ms', 'payload'] as const;

/** `INSERT` of a source's malformed and late records into its dead-letter sink. */
export function printDeadLetterInsert(source: IrSource): string {
  const eventTime = source.fields.find((f) => f.name === source.eventTime.field);
  const late = `later than the watermark (watermarkDelay ${configDuration(source.watermarkDelayMs)})`;
  const values = [
    `CAST(${str(source.name)} AS STRING)`,
    `CAST(${str(source.topic)} AS STRING)`,
    ident(PARTITION),
    ident(OFFSET),
    `COALESCE(${ident(ERROR)}, CAST(${str(late)} AS STRING))`,
    eventTime ? `CAST(${ident(eventTime.name)} AS BIGINT)` : 'CAST(NULL AS BIGINT)',
    ident(PAYLOAD),
  ];
  return `INSERT INTO ${ident(deadLetterSinkTable(source))}\nSELECT\n  ${values.join(',\n  ')}\nFROM ${ident(checkedView(source))}\nWHERE ${ident(ERROR)} IS NOT NULL OR ${ident(LATE)}`;
}
