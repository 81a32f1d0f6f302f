import type { AnySource } from '../../dsl/index.js';
import { at, type DiagnosticBag } from '../diagnostics/index.js';
import { IrSourceNode, type IrPropertyValue, type IrSource } from '../ir/index.js';
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
  const eventField = fields?.find((f) => f.name === src.eventTime);
  if (fields && !eventField) {
    bag.report('FEATC_E1203', at(base, 'eventTime'), String(src.eventTime), 'is not in the schema');
    ok = false;
  } else if (eventField && !(eventField.type.kind === 'scalar' && eventField.type.name === 'bigint')) {
    bag.report('FEATC_E1203', at(base, 'eventTime'), src.eventTime, 'must be epoch milliseconds declared as z.number().int()');
    ok = false;
  }
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
  if (!ok || !fields || watermarkDelayMs === null) return null;
  return IrSourceNode.kafka({
    name: src.name,
    topic: src.topic,
    format: 'json',
    fields,
    eventTime: { field: src.eventTime, encoding: 'epoch-millis' },
    watermarkDelayMs,
    idleTimeoutMs,
    startFrom: startFrom as IrSource['startFrom'],
    key: [...(src.key ?? [])],
    properties,
    deadLetter: { topic: src.deadLetterTopic ?? null, maxEventChars },
    ...(fromStep ? { fromStep: String(fromStep.name) } : {}),
  });
}
