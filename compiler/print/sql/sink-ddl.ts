import { TRANSACTION_TIMEOUT_MS, type PlannedSink } from '../../passes/plan-sinks.js';
import { ident, optionList } from './quote.js';
import { option } from './source-ddl.js';
import { createTable } from './templates.js';
import { sqlType } from './types.js';
import { KAFKA_BOOTSTRAP } from '../../../contracts/index.js';

/**
 * `CREATE TEMPORARY TABLE` for an exactly-once Kafka sink. Append-only operators use `kafka`
 * with a JSON key of the entity columns; updating ones use `upsert-kafka` with a PRIMARY KEY.
 */
export function printSinkDdl(sink: PlannedSink): string {
  const columns = sink.columns.map((c) => `${ident(c.name)} ${sqlType(c.type)}`);
  const exactlyOnce = [
    option('sink.delivery-guarantee', 'exactly-once'),
    option('sink.transactional-id-prefix', sink.transactionalIdPrefix),
    option('properties.transaction.timeout.ms', String(TRANSACTION_TIMEOUT_MS)),
  ];
  const common = [option('topic', sink.topic), option('properties.bootstrap.servers', KAFKA_BOOTSTRAP)];
  switch (sink.connector) {
    case 'kafka':
      return createTable({
        table: ident(sink.table),
        columns,
        options: [
          option('connector', 'kafka'),
          ...common,
          option('key.format', 'json'),
          option('key.fields', optionList(sink.key)),
          option('value.format', 'json'),
          option('value.fields-include', 'ALL'),
          ...exactlyOnce,
        ],
      });
    case 'upsert-kafka':
      return createTable({
        table: ident(sink.table),
        columns: [...columns, `PRIMARY KEY (${sink.key.map(ident).join(', ')}) NOT ENFORCED`],
        options: [
          option('connector', 'upsert-kafka'),
          ...common,
          option('key.format', 'json'),
          option('value.format', 'json'),
          option('value.fields-include', 'ALL'),
          ...exactlyOnce,
        ],
      });
  }
}
