import { eventTimeSpec, type AnySource } from '../../dsl/index.js';
import { at, type DiagnosticBag } from '../diagnostics/index.js';
import { IrSourceNode, type IrEventTime, type IrField, type IrPropertyValue, type IrSource } from '../ir/index.js';
import { lowerDuration, MAX_INTERVAL_MS } from './duration.js';
import { checkIdentifier, checkNoPlaceholder, checkTopic } from './names.js';
import { lowerEventSchema } from './schema.js';

const RESERVED_PROPERTIES = new Set(['bootstrap.servers', 'group.id', 'isolation.level', 'transaction.timeout.ms', 'transactional.id']);
const START_FROM = new Set(['earliest', 'latest', 'group']);
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
export const DEFAULT_MAX_EVENT_CHARS = 262_144;
const KAFKA_MAX_RECORD = 1_048_576;

/** Lowers a source; returns null (after reporting) when it cannot be used. */
export function lowerSource(src: AnySource, bag: DiagnosticBag): IrSource | null {
  const base = typeof src.name === 'string' && src.name !== '' ? src.name : 'source';
  const okName = checkIdentifier(src.name, bag, at(base, 'name'), 'source');
  const okTopic = checkTopic(src.topic, bag, at(base, 'topic'));
  const fields = lowerEventSchema(src.schema, bag, at(base, 'schema'));
  const watermarkDelayMs = lowerDuration(src.watermarkDelay, bag, at(base, 'watermarkDelay'), 'watermarkDelay');
  const idleTimeoutMs = src.idleTimeout === undefined ? null : lowerDuration(src.idleTimeout, bag, at(base, 'idleTimeout'), 'idleTimeout');
  let ok = okName && okTopic && fields !== null && watermarkDelayMs !== null && (src.idleTimeout === undefined || idleTimeoutMs !== null);
  if (watermarkDelayMs !== null && watermarkDelayMs > MAX_INTERVAL_MS) {
    bag.report('FEATC_E2110', at(base, 'watermarkDelay'), 'watermarkDelay', `${watermarkDelayMs} ms`);
    ok = false;
  }

  if (src.format !== 'json') {
    bag.report('FEATC_E1207', at(base, 'format'), 'format', String(src.format));
    ok = false;
  }
  const startFrom = src.startFrom ?? 'earliest';
  if (!START_FROM.has(startFrom)) {
    bag.report('FEATC_E1207', at(base, 'startFrom'), 'startFrom', String(startFrom));
    ok = false;
  }
  const eventTime = fields ? lowerEventTime(src, fields, bag, at(base, 'eventTime')) : null;
  if (fields && !eventTime) ok = false;
  for (const key of src.key ?? []) {
    if (fields && !fields.some((f) => f.name === key)) {
      bag.report('FEATC_E1204', at(base, 'key'), key);
      ok = false;
    }
  }
  const properties: { key: string; value: IrPropertyValue }[] = [];
  for (const [key, value] of Object.entries(src.properties ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (RESERVED_PROPERTIES.has(key)) {
      bag.report('FEATC_E1206', at(base, 'properties', key), key);
      ok = false;
    } else if (!checkNoPlaceholder(key, bag, at(base, 'properties', key), 'property key')
      || (typeof value === 'string' && !checkNoPlaceholder(value, bag, at(base, 'properties', key), 'property value'))) {
      ok = false;
    } else if (typeof value === 'string') {
      properties.push({ key, value: { kind: 'text', value } });
    } else if (ENV_NAME.test(value.env)) {
      properties.push({ key, value: { kind: 'env', name: value.env } });
    } else {
      bag.report('FEATC_E1205', at(base, 'properties', key), value.env);
      ok = false;
    }
  }
  const maxEventChars = src.maxEventChars ?? DEFAULT_MAX_EVENT_CHARS;
  if (!Number.isInteger(maxEventChars) || maxEventChars < 1 || maxEventChars > KAFKA_MAX_RECORD) {
    bag.report('FEATC_E1209', at(base, 'maxEventChars'), String(src.maxEventChars));
    ok = false;
  }
  if (src.deadLetterTopic !== undefined && !checkTopic(src.deadLetterTopic, bag, at(base, 'deadLetterTopic'))) ok = false;
  const fromStep = (src as { fromStep?: { name?: unknown; outputs?: readonly { topic?: unknown }[] } }).fromStep;
  if (fromStep) {
    const topics = (fromStep.outputs ?? []).map((o) => String(o.topic));
    if (!topics.includes(src.topic)) {
      bag.report('FEATC_E2614', at(base, 'topic'), String(src.name), String(fromStep.name), String(src.topic), topics.length > 0 ? topics.join(', ') : 'none');
      ok = false;
    }
  }
  if (!ok || !fields || !eventTime || watermarkDelayMs === null) return null;
  return IrSourceNode.kafka({
    name: src.name,
    topic: src.topic,
    format: 'json',
    fields,
    eventTime,
    watermarkDelayMs,
    idleTimeoutMs,
    startFrom: startFrom as IrSource['startFrom'],
    key: [...(src.key ?? [])],
    properties,
    deadLetter: { topic: src.deadLetterTopic ?? null, maxEventChars },
    ...(fromStep ? { fromStep: String(fromStep.name) } : {}),
  });
}

const ZONE_OFFSET = /^[+-](0[0-9]|1[0-4]):[0-5][0-9]$/;

/** The event-time declaration as IR: which field, and epoch millis, epoch seconds or timestamp text. */
function lowerEventTime(src: AnySource, fields: readonly IrField[], bag: DiagnosticBag, path: string): IrEventTime | null {
  const raw: unknown = src.eventTime;
  if (typeof raw !== 'string' && (typeof raw !== 'object' || raw === null || typeof (raw as { field?: unknown }).field !== 'string')) {
    bag.report('FEATC_E1203', path, String(raw), 'is neither a field name nor { field, unit } / { field, zone }');
    return null;
  }
  const spec = eventTimeSpec(src.eventTime);
  const field = fields.find((f) => f.name === spec.field);
  if (!field) {
    bag.report('FEATC_E1203', path, spec.field, 'is not in the schema');
    return null;
  }
  const type = field.type.kind === 'scalar' ? field.type.name : field.type.kind;
  const unit = spec.unit;
  if (unit !== undefined && unit !== 'milliseconds' && unit !== 'seconds') {
    bag.report('FEATC_E1203', at(path, 'unit'), spec.field, `has unit ${JSON.stringify(unit)}; unit is 'milliseconds' or 'seconds'`);
    return null;
  }
  if (type === 'string') {
    if (unit !== undefined) {
      bag.report('FEATC_E1203', at(path, 'unit'), spec.field, 'is a string: a unit applies to epoch numbers only');
      return null;
    }
    const zone = spec.zone ?? 'UTC';
    if (zone !== 'UTC' && !ZONE_OFFSET.test(zone)) {
      bag.report('FEATC_E1203', at(path, 'zone'), spec.field, `has zone ${JSON.stringify(zone)}; zone is 'UTC' or an offset such as '+05:30'`);
      return null;
    }
    return { field: field.name, encoding: 'timestamp-text', zone: zone === 'UTC' ? '+00:00' : zone };
  }
  if (spec.zone !== undefined) {
    bag.report('FEATC_E1203', at(path, 'zone'), spec.field, 'is a number: a zone applies to timestamp strings only');
    return null;
  }
  const integer = type === 'int' || type === 'bigint';
  if (unit === 'seconds' && (integer || type === 'double' || type === 'float')) return { field: field.name, encoding: 'epoch-seconds' };
  if (integer) return { field: field.name, encoding: 'epoch-millis' };
  bag.report('FEATC_E1203', path, spec.field, type === 'double' || type === 'float'
    ? 'is a fractional number: epoch milliseconds must be z.number().int()'
    : `is ${type === 'boolean' ? 'a boolean' : `an ${type}`}, which cannot hold a time`);
  return null;
}
