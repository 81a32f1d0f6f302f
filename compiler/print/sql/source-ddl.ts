import type { IrPropertyValue, IrSource } from '../../ir/index.js';
import { configDuration, ident, interval, str } from './quote.js';
import { errorExpression, sourceChecks } from './source-checks.js';
import { epochMillis, eventTimeReason, rowtimeExpression, sourceGate } from './source-gate.js';
import { CANONICAL, extract, jsonReads, once, PAYLOAD, readColumn } from './source-json.js';
import { createTable, createView } from './templates.js';
import { sqlType } from './types.js';
import { envPlaceholder, KAFKA_BOOTSTRAP } from '../../../contracts/index.js';
import type { SourceNode } from '../../passes/physical-plan.js';
import type { PrintOptions } from './job-sql.js';

/** Column holding the event-time attribute of every source table. */
export const ROWTIME = '__rowtime';
/** Column of every well-formed source view holding the event time in epoch millis. */
export const EVENT_MS = '__event_ms';
/** Kafka record id of every source row (steps with a dead-letter topic and the source's own dead letters use it). */
export const PARTITION = '__partition';
export const OFFSET = '__offset';
/** The checked view's one computed-once ROW: the typed fields `v<i>`, then these. */
const RECORD = '__record';
const R_PARTITION = 'partition';
const R_OFFSET = 'offset';
const R_PAYLOAD = 'payload';
const R_ERROR = 'error';
const recordField = (name: string): string => `${ident(RECORD)}.${ident(name)}`;

/** True for a record behind its source's current watermark (NULL rowtime: not late, it is malformed). */
const IS_LATE = `COALESCE(${ident(ROWTIME)} < CURRENT_WATERMARK(${ident(ROWTIME)}), FALSE)`;

export function option(key: string, value: string): string {
  return `${str(key)} = ${str(value)}`;
}

export function propertyValue(value: IrPropertyValue): string {
  switch (value.kind) {
    case 'text': return value.value;
    case 'env': return envPlaceholder(value.name);
  }
}

/** Where the source starts without a checkpoint: its compiled `startFrom`, or a refill's timestamp. */
function startupOptions(source: IrSource, options: PrintOptions): string[] {
  if (options.startTimestampMs !== undefined) {
    return [option('scan.startup.mode', 'timestamp'), option('scan.startup.timestamp-millis', String(Math.floor(options.startTimestampMs)))];
  }
  return [option('scan.startup.mode', STARTUP_MODE[source.startFrom]), ...(source.startFrom === 'group' ? [option('properties.auto.offset.reset', 'earliest')] : [])];
}

const STARTUP_MODE: Record<IrSource['startFrom'], string> = {
  earliest: 'earliest-offset',
  latest: 'latest-offset',
  group: 'group-offsets',
};

/**
 * A source as four statements: the raw Kafka table (read_committed, each record's text, its
 * partition and offset, the gate's canonical text, the watermark on the event time of well-formed
 * records only: source-gate.ts), a view reading every field path from the canonical text
 * (source-json.ts), a view that types the fields and names what is wrong with a record, packed in
 * one computed-once ROW so the well-formed view and the dead-letter INSERT share it, and the view
 * of well-formed records that everything else reads.
 */
export function printSourceDdl(node: SourceNode, options: PrintOptions = {}): string[] {
  const { source, tables } = node;
  const gate = sourceGate(source);
  const raw = createTable({
    table: ident(tables.raw),
    columns: [
      `${ident(PAYLOAD)} STRING`,
      `${ident(PARTITION)} INT METADATA FROM 'partition' VIRTUAL`,
      `${ident(OFFSET)} BIGINT METADATA FROM 'offset' VIRTUAL`,
      `${ident(CANONICAL)} AS ${once(gate.text)}`,
      `${ident(ROWTIME)} AS ${rowtimeExpression(source, gate)}`,
      `WATERMARK FOR ${ident(ROWTIME)} AS ${ident(ROWTIME)} - ${interval(source.watermarkDelayMs)}`,
    ],
    options: [
      option('connector', 'kafka'),
      option('topic', source.topic),
      option('properties.bootstrap.servers', KAFKA_BOOTSTRAP),
      option('properties.group.id', node.consumerGroup),
      option('properties.isolation.level', 'read_committed'),
      ...startupOptions(source, options),
      ...(source.idleTimeoutMs === null ? [] : [option('scan.watermark.idle-timeout', configDuration(source.idleTimeoutMs))]),
      option('format', 'raw'),
      ...source.properties.map((p) => option(`properties.${p.key}`, propertyValue(p.value))),
    ],
  });
  const reads = jsonReads(source.fields);
  const fields = createView({
    view: ident(tables.fields),
    query: 'SELECT\n  ' + [ident(PAYLOAD), ident(PARTITION), ident(OFFSET), ident(ROWTIME), ...reads.map((read) => readColumn(read, gate))].join(',\n  ') +
      `\nFROM ${ident(tables.raw)}`,
  });
  const checks = sourceChecks(source.fields, source.eventTime.field, source.deadLetter.maxEventChars);
  const values: [string, string, string][] = [
    ...source.fields.map((f, i): [string, string, string] => [`v${i}`, sqlType(f.type), extract(f.type, [f.name], reads)]),
    [R_PARTITION, 'INT', ident(PARTITION)],
    [R_OFFSET, 'BIGINT', ident(OFFSET)],
    [R_PAYLOAD, 'STRING', ident(PAYLOAD)],
    [R_ERROR, 'STRING', errorExpression(ident(ROWTIME), checks, eventTimeReason(source), '      ')],
  ];
  const record = `CAST(ROW(\n    ${values.map((v) => v[2]).join(',\n    ')}\n  ) AS ROW<${values.map(([n, t]) => `${ident(n)} ${t}`).join(', ')}>)`;
  const checked = createView({
    view: ident(tables.checked),
    query: `SELECT\n  ${ident(ROWTIME)},\n  ${once(record)} AS ${ident(RECORD)}\nFROM ${ident(tables.fields)}`,
  });
  const wellFormed = createView({
    view: ident(tables.wellFormed),
    query: 'SELECT\n  ' + [
      ...source.fields.map((f, i) => `${recordField(`v${i}`)} AS ${ident(f.name)}`),
      `${recordField(R_PARTITION)} AS ${ident(PARTITION)}`, `${recordField(R_OFFSET)} AS ${ident(OFFSET)}`, ident(ROWTIME),
      `${eventMillisOf(source, recordField(`v${eventTimeIndex(source)}`))} AS ${ident(EVENT_MS)}`,
    ].join(',\n  ') + `\nFROM ${ident(tables.checked)}\nWHERE ${recordField(R_ERROR)} IS NULL`,
  });
  return [raw, fields, checked, wellFormed];
}

const eventTimeIndex = (source: IrSource): number => source.fields.findIndex((f) => f.name === source.eventTime.field);

/**
 * A record's event time in epoch millis: the field itself when it holds millis, else the rowtime's
 * (NULL when the event time did not read, as for a record dead-lettered for it).
 */
function eventMillisOf(source: IrSource, typedField: string): string {
  return source.eventTime.encoding === 'epoch-millis'
    ? `CAST(${typedField} AS BIGINT)`
    : epochMillis(`CAST(${ident(ROWTIME)} AS TIMESTAMP(3))`);
}

/**
 * The view of a source's on-time events: what views read. An event the dead-letter topic holds as
 * late is seen by no view (a per-event or lifetime operator whose state for the key was cleaned up
 * would otherwise take it for the first event of a new group). Its watermark is the source's own.
 */
export function printOnTimeView(node: SourceNode): string {
  return createView({ view: ident(node.tables.onTime), query: `SELECT *\nFROM ${ident(node.tables.wellFormed)}\nWHERE NOT ${IS_LATE}` });
}

/** How every late record's dead-letter reason begins (then the source's watermark delay). */
export const LATE_REASON = 'later than the watermark';

/** `INSERT` of a source's malformed and late records into its dead-letter sink. */
export function printDeadLetterInsert(node: SourceNode): string {
  const source = node.source;
  const late = `${LATE_REASON} (watermarkDelay ${configDuration(source.watermarkDelayMs)})`;
  const values = [
    `CAST(${str(source.name)} AS STRING)`,
    `CAST(${str(source.topic)} AS STRING)`,
    recordField(R_PARTITION),
    recordField(R_OFFSET),
    `COALESCE(${recordField(R_ERROR)}, CAST(${str(late)} AS STRING))`,
    eventMillisOf(source, recordField(`v${eventTimeIndex(source)}`)),
    recordField(R_PAYLOAD),
  ];
  return `INSERT INTO ${ident(node.deadLetter.table)}\nSELECT\n  ${values.join(',\n  ')}\nFROM ${ident(node.tables.checked)}\nWHERE ${recordField(R_ERROR)} IS NOT NULL OR ${IS_LATE}`;
}
