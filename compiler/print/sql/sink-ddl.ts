import { TRANSACTION_TIMEOUT_MS, type KafkaSinkNode } from '../../passes/physical-plan.js';
import { ident, optionList } from './quote.js';
import { option } from './source-ddl.js';
import { createTable } from './templates.js';
import { sqlType } from './types.js';
import { KAFKA_BOOTSTRAP } from '../../../contracts/index.js';

/**
 * `CREATE TEMPORARY TABLE` for an exactly-once Kafka sink: `kafka` with a JSON key of the entity
 * columns (view outputs), value-only JSON `kafka` (steps, dead letters), or `upsert-kafka` with a
 * PRIMARY KEY (updating operators).
 */
export function printSinkDdl(sink: KafkaSinkNode): string {
  const columns = sink.columns.map((c) => `${ident(c.name)} ${sqlType(c.type)}`);
  const exactlyOnce = [
    option('sink.delivery-guarantee', 'exactly-once'),
    option('sink.transactional-id-prefix', sink.transactionalIdPrefix),
    option('properties.transaction.timeout.ms', String(TRANSACTION_TIMEOUT_MS)),
  ];
  const common = [option('connector', sink.connector), option('topic', sink.topic), option('properties.bootstrap.servers', KAFKA_BOOTSTRAP)];
  const keyed = [option('key.format', 'json'), ...(sink.connector === 'kafka' ? [option('key.fields', optionList(sink.key))] : [])];
  const formats = sink.key.length === 0
    ? [option('format', 'json')]
    : [...keyed, option('value.format', 'json'), option('value.fields-include', 'ALL')];
  const primaryKey = sink.connector === 'upsert-kafka' ? [`PRIMARY KEY (${sink.key.map(ident).join(', ')}) NOT ENFORCED`] : [];
  return createTable({ table: ident(sink.table), columns: [...columns, ...primaryKey], options: [...common, ...formats, ...exactlyOnce] });
}
